/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsoleRequestFacts } from '../../src/core/sessions/console-sessions-service.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';

const facts = (sourceIp = '192.0.2.1'): ConsoleRequestFacts => ({ requestId: 'r1', sourceIp, userAgent: 'Mozilla/5.0 (test)', secureTransport: false });

describe('console sessions (core)', () => {
  let core: TestCore;
  before(async () => {
    core = await createTestCore();
  });
  after(async () => core.close());

  const user = async (name: string, password: string, resetRequired = false) => {
    await core.polyiam.services.users.create(core.root, { name });
    await core.polyiam.services.loginProfiles.create(core.root, { name }, { password: pw(password), passwordResetRequired: resetRequired });
  };
  const signIn = (name: string, password: string, ip?: string) => core.polyiam.consoleSessions.signIn(facts(ip), { account: 'acme', userName: name, password: pw(password) });

  it('opens a session at the right password and resumes it by its token only', async () => {
    await user('ada', 'Ada#Pass2024');
    const result = await signIn('ada', 'Ada#Pass2024');
    assert.equal(result.kind, 'session');
    if (result.kind !== 'session') return;
    assert.equal(result.session.stage, 'active');
    assert.notEqual(result.session.idHash, result.token);
    const live = await core.polyiam.consoleSessions.resume(result.token);
    assert.equal(live?.user.name, 'ada');
    assert.equal(await core.polyiam.consoleSessions.resume(result.session.idHash), undefined);
    assert.equal(await core.polyiam.consoleSessions.resume('not-a-token'), undefined);
  });

  it('ends a session at its absolute end even when it is used all along', async () => {
    await user('abe', 'Abe#Pass2024');
    const result = await signIn('abe', 'Abe#Pass2024');
    assert.equal(result.kind, 'session');
    if (result.kind !== 'session') return;
    // used every 25 minutes (inside the 30-minute idle timeout) for 700 minutes, then past 12 hours
    for (let step = 1; step <= 28; step++) {
      core.clock.advance(25 * 60_000);
      assert.ok(await core.polyiam.consoleSessions.resume(result.token), `alive after ${step * 25} min`);
    }
    core.clock.advance(25 * 60_000);
    assert.equal(await core.polyiam.consoleSessions.resume(result.token), undefined);
  });

  it('a pending password change moves on once, under a new id, and ends the old id', async () => {
    await user('bea', 'Bea#Pass2024', true);
    const result = await signIn('bea', 'Bea#Pass2024');
    assert.ok(result.kind === 'session' && result.session.stage === 'password-change');
    const live = (await core.polyiam.consoleSessions.resume(result.token))!;
    const { token } = await core.polyiam.consoleSessions.changeRequiredPassword(live, pw('Bea#Next2024'), facts());
    assert.equal(await core.polyiam.consoleSessions.resume(result.token), undefined);
    assert.equal((await core.polyiam.consoleSessions.resume(token))?.session.stage, 'active');
    // a replay of the old pending session changes nothing
    await assert.rejects(core.polyiam.consoleSessions.changeRequiredPassword(live, pw('Bea#Third2024'), facts()), { kind: 'not-found' });
    assert.equal((await signIn('bea', 'Bea#Next2024')).kind, 'session');
  });

  it('limits failed attempts per source IP across user names, before any password check', async () => {
    core.clock.advance(10 * 60_000);
    await core.polyiam.services.passwordPolicy.update(core.root, { lockoutThreshold: 0 });
    await user('cal', 'Cal#Pass2024');
    for (let i = 0; i < 30; i++) assert.deepEqual(await signIn(`nobody-${i}`, 'Wrong#Pass2024', '198.51.100.7'), { kind: 'refused', reason: 'bad-credentials' });
    assert.deepEqual(await signIn('cal', 'Cal#Pass2024', '198.51.100.7'), { kind: 'refused', reason: 'throttled' });
    // another address is not held back by it
    assert.equal((await signIn('cal', 'Cal#Pass2024', '198.51.100.8')).kind, 'session');
  });

  it('audits every sign-in with its source IP, and keeps the user agent with the attempt', async () => {
    await core.polyiam.services.audit.flush();
    const db = core.polyiam.store.db;
    const events = await db.selectFrom('audit_events').select(['action', 'outcome', 'source_ip', 'reason']).where('action', '=', 'iam:console:signIn').execute();
    assert.ok(events.some((e) => e.outcome === 'success' && e.source_ip === '192.0.2.1'));
    assert.ok(events.some((e) => e.outcome === 'denied' && e.source_ip === '198.51.100.7' && e.reason === 'bad-credentials'));
    const attempts = await db.withTables<{ console_sign_ins: { outcome: string; user_agent: string | null; source_ip: string | null } }>().selectFrom('console_sign_ins').select(['outcome', 'user_agent', 'source_ip']).execute();
    assert.ok(attempts.length > 30);
    assert.ok(attempts.every((a) => a.user_agent === 'Mozilla/5.0 (test)'));
  });
});
