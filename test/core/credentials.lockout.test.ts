import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCore, pw, type TestCore } from '../support/core.js';

let core: TestCore;
before(async () => {
  core = await createTestCore();
  const { users, loginProfiles, passwordPolicy } = core.polyiam.services;
  await passwordPolicy.update(core.root, { lockoutThreshold: 5, lockoutMinutes: 15 });
  for (const name of ['alice', 'bob', 'carol']) {
    await users.create(core.root, { name });
    await loginProfiles.create(core.root, { name }, { password: pw('Correct#Horse1'), passwordResetRequired: false });
  }
});
after(() => core.close());

const signIn = (name: string, password: string) =>
  core.polyiam.services.credentials.signIn({ accountId: core.account.account.id, user: { name }, password: pw(password), sourceIp: '127.0.0.1' });

test('a right password signs in and records the time and address', async () => {
  const result = await signIn('ALICE', 'Correct#Horse1');
  assert.equal(result.outcome, 'ok');
  const profile = await core.polyiam.store.loginProfiles.find(result.user!.id);
  assert.equal(profile?.lastLoginIp, '127.0.0.1');
  assert.ok(profile?.lastLoginAt);
});

test('unknown user and wrong password give the same outcome', async () => {
  assert.equal((await signIn('nobody', 'Correct#Horse1')).outcome, 'bad-credentials');
  assert.equal((await signIn('carol', 'wrong-password1')).outcome, 'bad-credentials');
});

test('parallel wrong guesses cannot pass the lockout threshold, and the right password is then refused', async () => {
  const results = await Promise.all(Array.from({ length: 20 }, () => signIn('bob', 'wrong-password1')));
  const locked = results.filter((r) => r.outcome === 'locked').length;
  assert.equal(results.filter((r) => r.outcome === 'bad-credentials').length, 4, 'exactly threshold-1 plain failures');
  assert.equal(locked, 16);
  const bob = await core.polyiam.store.users.findByName(core.account.account.id, 'bob');
  const profile = await core.polyiam.store.loginProfiles.find(bob!.id);
  assert.equal(profile?.failedAttempts, 20, 'every guess that got past the lock check is counted exactly once');
  assert.equal((await signIn('bob', 'Correct#Horse1')).outcome, 'locked');
  assert.equal((await core.polyiam.store.loginProfiles.find(bob!.id))?.failedAttempts, 20, 'a guess while locked is not verified or counted');
});

test('the lock ends after the lockout window and a success resets the count', async () => {
  core.clock.advance(16 * 60_000);
  assert.equal((await signIn('bob', 'Correct#Horse1')).outcome, 'ok');
  const bob = await core.polyiam.store.users.findByName(core.account.account.id, 'bob');
  assert.equal((await core.polyiam.store.loginProfiles.find(bob!.id))?.failedAttempts, 0);
});

test('an admin unlock clears a lock at once', async () => {
  for (let i = 0; i < 5; i++) await signIn('carol', 'wrong-password1');
  assert.equal((await signIn('carol', 'Correct#Horse1')).outcome, 'locked');
  await core.polyiam.services.loginProfiles.unlock(core.root, { name: 'carol' });
  assert.equal((await signIn('carol', 'Correct#Horse1')).outcome, 'ok');
});
