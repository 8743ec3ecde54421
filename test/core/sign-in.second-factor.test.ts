/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SignInInput } from '../../src/core/credentials/sign-in.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';
import { codeAt, consecutiveCodes } from '../support/totp.js';

let core: TestCore;
let seed: string;
before(async () => {
  core = await createTestCore();
  const { users, loginProfiles, mfaDevices, passwordPolicy } = core.polyiam.services;
  await passwordPolicy.update(core.root, { lockoutThreshold: 5, lockoutMinutes: 15 });
  await users.create(core.root, { name: 'vera', email: 'vera@example.com' });
  await users.create(core.root, { name: 'eric', email: 'eric.smith@example.com', phone: '13812345678' });
  await users.create(core.root, { name: 'nina' });
  for (const name of ['vera', 'eric', 'nina']) await loginProfiles.create(core.root, { name }, { password: pw('Correct#Horse1'), passwordResetRequired: false });
  const created = await mfaDevices.create(core.root, { name: 'vera', label: 'vera@acme' });
  seed = created.base32Seed;
  await mfaDevices.enable(core.root, { name: 'vera' }, { id: created.device.id }, ...consecutiveCodes(seed, core.clock.now()));
  core.clock.advance(30_000);
  await loginProfiles.update(core.root, { name: 'vera' }, { protection: { enabled: true, methods: ['vmfa'], exemptRequired: true, exemptUnit: 'hours', exemptDuration: 2 } });
  await loginProfiles.update(core.root, { name: 'eric' }, { protection: { enabled: true, methods: ['email'] } });
});
after(() => core.close());

const credentials = () => core.polyiam.services.credentials;
const signIn = (name: string, password: string, extra: Partial<SignInInput> = {}) =>
  credentials().signIn({ accountId: core.account.account.id, user: { name }, password: pw(password), sourceIp: '10.0.0.1', ...extra });
const complete = (challengeId: string, code: string, extra: { sourceIp?: string; deviceId?: string; trustDevice?: boolean } = {}) =>
  credentials().completeSignIn({ accountId: core.account.account.id, challengeId, code, sourceIp: extra.sourceIp ?? '10.0.0.1', ...extra });

test('a protected user gets a challenge, and the TOTP code completes the sign-in once', async () => {
  const first = await signIn('vera', 'Correct#Horse1');
  assert.equal(first.outcome, 'second-factor-required');
  assert.equal(first.user, undefined, 'nothing about the user before the second step');
  assert.equal(first.challenge?.method, 'vmfa');
  assert.equal(first.challenge?.canTrustDevice, true);
  const code = codeAt(seed, core.clock.now());
  assert.equal((await complete(first.challenge!.id, code, { sourceIp: '10.9.9.9' })).outcome, 'bad-credentials', 'bound to the source');
  const done = await complete(first.challenge!.id, code);
  assert.equal(done.outcome, 'ok');
  assert.ok(Math.abs(done.mfaAuthenticatedAt! - core.clock.now()) < 1000, 'the time the second factor was proved');
  assert.equal((await complete(first.challenge!.id, code)).outcome, 'bad-credentials', 'a completed challenge is spent');
  core.clock.advance(30_000);
});

test('a wrong password looks the same until the second step, then fails like a wrong code', async () => {
  const decoy = await signIn('vera', 'wrong-password1');
  assert.equal(decoy.outcome, 'second-factor-required');
  assert.deepEqual(Object.keys(decoy.challenge!).sort(), ['canTrustDevice', 'expiresAt', 'id', 'method']);
  assert.equal((await complete(decoy.challenge!.id, codeAt(seed, core.clock.now()))).outcome, 'bad-credentials', 'even the right code');
  const real = await signIn('vera', 'Correct#Horse1');
  assert.equal((await complete(real.challenge!.id, codeAt(seed, core.clock.now()))).outcome, 'ok', 'the decoy did not spend the code');
  core.clock.advance(30_000);
});

test('wrong codes count toward the lockout; a challenge dies after 5', async () => {
  const vera = (await core.polyiam.store.users.findByName(core.account.account.id, 'vera'))!;
  const challenge = (await signIn('vera', 'Correct#Horse1')).challenge!;
  const outcomes = [];
  for (let i = 0; i < 5; i++) outcomes.push((await complete(challenge.id, '000000')).outcome);
  assert.deepEqual(outcomes, ['bad-credentials', 'bad-credentials', 'bad-credentials', 'bad-credentials', 'locked']);
  assert.ok((await core.polyiam.store.fresh.loginProfiles.find(vera.id))!.lockedUntil! > core.clock.now());
  assert.equal((await signIn('vera', 'Correct#Horse1')).outcome, 'locked');
  core.clock.advance(16 * 60_000);
  const after = await signIn('vera', 'Correct#Horse1');
  assert.equal(after.outcome, 'second-factor-required', 'the lock ended with the moved clock');
  for (let i = 0; i < 5; i++) await complete(after.challenge!.id, '111111').catch(() => undefined);
  core.clock.advance(16 * 60_000);
  const dead = (await signIn('vera', 'Correct#Horse1')).challenge!;
  core.clock.advance(5 * 60_000 + 1);
  assert.equal((await complete(dead.id, codeAt(seed, core.clock.now()))).outcome, 'bad-credentials', 'an expired challenge');
});

test('trusting the device skips the second factor inside the exemption window, until the clock passes it', async () => {
  core.clock.advance(60_000);
  const challenge = (await signIn('vera', 'Correct#Horse1', { deviceId: 'browser-1' })).challenge!;
  assert.equal((await complete(challenge.id, codeAt(seed, core.clock.now()), { deviceId: 'browser-1', trustDevice: true })).outcome, 'ok');
  assert.equal((await signIn('vera', 'Correct#Horse1', { deviceId: 'browser-1' })).outcome, 'ok');
  assert.equal((await signIn('vera', 'Correct#Horse1', { deviceId: 'browser-2' })).outcome, 'second-factor-required');
  core.clock.advance(2 * 3_600_000 + 1000);
  assert.equal((await signIn('vera', 'Correct#Horse1', { deviceId: 'browser-1' })).outcome, 'second-factor-required');
});

test('email codes: masked destination, one send per minute, the code from the outbox completes; a stale code does not', async () => {
  const first = await signIn('eric', 'Correct#Horse1');
  assert.equal(first.challenge?.method, 'email');
  assert.equal(first.challenge?.maskedDestination, 'e***@example.com');
  const sent = await credentials().sendSignInCode({ accountId: core.account.account.id, challengeId: first.challenge!.id, sourceIp: '10.0.0.1' });
  assert.equal(sent.maskedDestination, 'e***@example.com');
  assert.ok(Math.abs(sent.resendAfter - (core.clock.now() + 60_000)) < 1000);
  await assert.rejects(credentials().sendSignInCode({ accountId: core.account.account.id, challengeId: first.challenge!.id, sourceIp: '10.0.0.1' }), { kind: 'precondition-failed' });
  const message = core.polyiam.testOutbox!.list().at(-1)!;
  assert.equal(message.destination, 'eric.smith@example.com');
  assert.ok(message.text.includes(message.code));
  assert.equal((await complete(first.challenge!.id, message.code)).outcome, 'ok');
  // a code older than 5 minutes
  core.clock.advance(61_000);
  const second = (await signIn('eric', 'Correct#Horse1')).challenge!;
  await credentials().sendSignInCode({ accountId: core.account.account.id, challengeId: second.id, sourceIp: '10.0.0.1' });
  const code = core.polyiam.testOutbox!.list().at(-1)!.code;
  core.clock.advance(5 * 60_000);
  assert.equal((await complete(second.id, code)).outcome, 'bad-credentials');
});

test('a decoy email challenge answers like a real one but sends nothing', async () => {
  core.clock.advance(61_000);
  const before = core.polyiam.testOutbox!.list().length;
  const decoy = (await signIn('eric', 'not-the-password')).challenge!;
  const sent = await credentials().sendSignInCode({ accountId: core.account.account.id, challengeId: decoy.id, sourceIp: '10.0.0.1' });
  assert.equal(sent.maskedDestination, 'e***@example.com');
  assert.equal(core.polyiam.testOutbox!.list().length, before);
});

test('unprotected users sign in with the password alone; the login policy window restarts the failure count', async () => {
  assert.equal((await signIn('nina', 'Correct#Horse1')).outcome, 'ok');
  await core.polyiam.services.loginPolicy.update(core.root, { failureWindowMinutes: 15 });
  for (let i = 0; i < 4; i++) assert.equal((await signIn('nina', 'bad-password-1')).outcome, 'bad-credentials');
  core.clock.advance(16 * 60_000);
  assert.equal((await signIn('nina', 'bad-password-1')).outcome, 'bad-credentials', 'the first failure left the window: the count restarted');
  assert.equal((await signIn('nina', 'Correct#Horse1')).outcome, 'ok');
});

test('account validity period: a user unused for longer cannot sign in until an administrator changes its profile', async () => {
  await core.polyiam.services.loginPolicy.update(core.root, { accountValidityDays: 30 });
  core.clock.advance(31 * 86_400_000);
  assert.equal((await signIn('nina', 'Correct#Horse1')).outcome, 'disabled');
  await core.polyiam.services.loginProfiles.update(core.root, { name: 'nina' }, { passwordResetRequired: false });
  assert.equal((await signIn('nina', 'Correct#Horse1')).outcome, 'ok');
  await core.polyiam.services.loginPolicy.update(core.root, { accountValidityDays: 0 });
});
