/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createPolyiam } from '../../src/app/polyiam.js';
import { loadConfig } from '../../src/config/config.js';
import { systemContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('test mode: the outbox of login-protection codes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('GET /_test/outbox lists every code sent (channel, destination, text, code, time); the clock route moves code expiry', async () => {
    const { services } = server.polyiam;
    const root = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    await services.users.create(root, { name: 'otto', phone: '+8613812345678' });
    await services.loginProfiles.create(root, { name: 'otto' }, { password: new PlainPassword('Otto#Pass2024'), passwordResetRequired: false });
    await services.loginProtection.update(root, { name: 'otto' }, { enabled: true, method: 'sms' });
    const started = await services.credentials.signIn({ accountId: server.root.account.id, user: { name: 'otto' }, password: new PlainPassword('Otto#Pass2024'), sourceIp: '127.0.0.1' });
    assert.equal(started.challenge?.method, 'sms');
    assert.equal(started.challenge?.maskedDestination, '+86****5678');
    await services.credentials.sendSignInCode({ accountId: server.root.account.id, challengeId: started.challenge!.id, sourceIp: '127.0.0.1' });
    const outbox = (await (await fetch(`${server.url}/_test/outbox`)).json()) as { messages: { channel: string; destination: string; text: string; code: string; at: string }[] };
    const message = outbox.messages.at(-1)!;
    assert.equal(message.channel, 'sms');
    assert.equal(message.destination, '+8613812345678');
    assert.match(message.code, /^\d{6}$/);
    assert.ok(message.text.includes(message.code));
    assert.ok(!Number.isNaN(Date.parse(message.at)));
    assert.equal(server.logs.join('').includes(message.code), false, 'the code is never logged');
    const moved = await fetch(`${server.url}/_test/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 301 }) });
    assert.equal(moved.status, 200);
    const late = await services.credentials.completeSignIn({ accountId: server.root.account.id, challengeId: started.challenge!.id, code: message.code, sourceIp: '127.0.0.1' });
    assert.equal(late.outcome, 'bad-credentials', 'the code and its challenge expired with the moved clock');
  });

  it('test mode is refused unless the server listens on loopback', async () => {
    const config = { ...loadConfig({}), sqliteFile: ':memory:', testMode: true, host: '0.0.0.0' };
    await assert.rejects(createPolyiam(config, { logger: pino({ level: 'silent' }) }), /loopback/);
  });

  it('without the outbox stand-in and with no sender, a code cannot be sent and the caller is told so', async () => {
    const quiet = await startTestServer({ testOutboxStandIn: false });
    try {
      const { services } = quiet.polyiam;
      const root = systemContext(quiet.root.account.id, quiet.root.root.user_id, quiet.root.root.user_name);
      await services.users.create(root, { name: 'ema', email: 'ema@example.com' });
      await services.loginProfiles.create(root, { name: 'ema' }, { password: new PlainPassword('Ema#Pass2024'), passwordResetRequired: false });
      await services.loginProtection.update(root, { name: 'ema' }, { enabled: true, method: 'email' });
      const started = await services.credentials.signIn({ accountId: quiet.root.account.id, user: { name: 'ema' }, password: new PlainPassword('Ema#Pass2024'), sourceIp: null });
      await assert.rejects(services.credentials.sendSignInCode({ accountId: quiet.root.account.id, challengeId: started.challenge!.id, sourceIp: null }), /no email sender is configured/);
      await assert.rejects(services.loginProtection.update(root, { name: 'ema' }, { enabled: true, method: 'sms' }), /no mobile number on file/);
    } finally {
      await quiet.close();
    }
  });
});
