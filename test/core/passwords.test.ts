import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PasswordPolicyError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/principal.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';

let core: TestCore;
before(async () => {
  core = await createTestCore();
});
after(() => core.close());

const signIn = (name: string, password: string) =>
  core.polyiam.services.credentials.signIn({ accountId: core.account.account.id, user: { name }, password: pw(password), sourceIp: null });

async function userContext(name: string): Promise<CallContext> {
  const user = await core.polyiam.store.users.findByName(core.account.account.id, name);
  return { ...core.root, principal: { accountId: user!.accountId, userId: user!.id, userName: user!.name, isRoot: false, authMethod: 'console', mfaAuthenticated: false } };
}

test('a policy violation names every rule broken', async () => {
  const { users, loginProfiles } = core.polyiam.services;
  await users.create(core.root, { name: 'dave' });
  await assert.rejects(loginProfiles.create(core.root, { name: 'dave' }, { password: pw('evad'), passwordResetRequired: false }), (err: unknown) => {
    assert.ok(err instanceof PasswordPolicyError);
    assert.deepEqual(err.violations.map((v) => v.rule), ['min-length', 'char-classes', 'not-user-name']);
    return true;
  });
  assert.equal(await core.polyiam.store.loginProfiles.find((await core.polyiam.store.users.findByName(core.account.account.id, 'dave'))!.id), undefined);
});

test('reset required is reported at sign-in and cleared by changing the password', async () => {
  const { users, loginProfiles, credentials } = core.polyiam.services;
  await users.create(core.root, { name: 'erin' });
  await loginProfiles.create(core.root, { name: 'erin' }, { password: pw('First#Pass1'), passwordResetRequired: true });
  assert.equal((await signIn('erin', 'First#Pass1')).outcome, 'reset-required');
  await credentials.changePassword(await userContext('erin'), pw('First#Pass1'), pw('Second#Pass2'));
  assert.equal((await signIn('erin', 'Second#Pass2')).outcome, 'ok');
  assert.equal((await signIn('erin', 'First#Pass1')).outcome, 'bad-credentials');
});

test('reuse prevention refuses a recent password', async () => {
  const { users, loginProfiles, credentials, passwordPolicy } = core.polyiam.services;
  await passwordPolicy.update(core.root, { reusePrevention: 3 });
  await users.create(core.root, { name: 'frank' });
  await loginProfiles.create(core.root, { name: 'frank' }, { password: pw('Pass#Word01'), passwordResetRequired: false });
  const ctx = await userContext('frank');
  await credentials.changePassword(ctx, pw('Pass#Word01'), pw('Pass#Word02'));
  await assert.rejects(credentials.changePassword(ctx, pw('Pass#Word02'), pw('Pass#Word01')), (err: unknown) => {
    assert.ok(err instanceof PasswordPolicyError);
    assert.deepEqual(err.violations, [{ rule: 'reuse', limit: 3 }]);
    return true;
  });
  await passwordPolicy.update(core.root, { reusePrevention: 0 });
});

test('expiry is computed from the current policy: a new max age applies to existing passwords', async () => {
  const { users, loginProfiles, passwordPolicy } = core.polyiam.services;
  await users.create(core.root, { name: 'grace' });
  const created = await loginProfiles.create(core.root, { name: 'grace' }, { password: pw('Grace#Pass1'), passwordResetRequired: false });
  assert.equal(created.passwordExpiresAt, null);
  await passwordPolicy.update(core.root, { maxAgeDays: 30 });
  const read = await loginProfiles.get(core.root, { name: 'grace' });
  assert.equal(read.passwordExpiresAt, created.passwordChangedAt + 30 * 86_400_000);
  core.clock.advance(31 * 86_400_000);
  assert.equal((await signIn('grace', 'Grace#Pass1')).outcome, 'reset-required');
  await passwordPolicy.update(core.root, { hardExpiry: true });
  assert.equal((await signIn('grace', 'Grace#Pass1')).outcome, 'expired');
  await passwordPolicy.update(core.root, { maxAgeDays: 0, hardExpiry: false });
  assert.equal((await signIn('grace', 'Grace#Pass1')).outcome, 'ok');
});

test('users may not change their own password when the policy forbids it', async () => {
  const { users, loginProfiles, credentials, passwordPolicy } = core.polyiam.services;
  await users.create(core.root, { name: 'heidi' });
  await loginProfiles.create(core.root, { name: 'heidi' }, { password: pw('Heidi#Pass1'), passwordResetRequired: false });
  await passwordPolicy.update(core.root, { allowUsersToChangePassword: false });
  await assert.rejects(credentials.changePassword(await userContext('heidi'), pw('Heidi#Pass1'), pw('Heidi#Pass2')), { kind: 'access-denied' });
  await passwordPolicy.update(core.root, { allowUsersToChangePassword: true });
});

test('a disabled user or a profile without console access cannot sign in', async () => {
  const { users, loginProfiles } = core.polyiam.services;
  await users.create(core.root, { name: 'ivan' });
  await loginProfiles.create(core.root, { name: 'ivan' }, { password: pw('Ivan#Pass1'), passwordResetRequired: false, loginAllowed: false });
  assert.equal((await signIn('ivan', 'Ivan#Pass1')).outcome, 'not-allowed');
  await loginProfiles.update(core.root, { name: 'ivan' }, { loginAllowed: true });
  await users.update(core.root, { name: 'ivan' }, { enabled: false });
  assert.equal((await signIn('ivan', 'Ivan#Pass1')).outcome, 'disabled');
});

test('policy updates are bounded and name the field', async () => {
  await assert.rejects(core.polyiam.services.passwordPolicy.update(core.root, { minimumLength: 200 }), { kind: 'invalid-input', field: 'minimumLength' });
});

/** @see issue #2: a wrong old password counts toward lockout like a failed sign-in */
test('wrong old passwords in ChangePassword count toward the lockout', async () => {
  const { users, loginProfiles, credentials, passwordPolicy } = core.polyiam.services;
  await passwordPolicy.update(core.root, { lockoutThreshold: 3, lockoutMinutes: 15 });
  await users.create(core.root, { name: 'judy' });
  await loginProfiles.create(core.root, { name: 'judy' }, { password: pw('Judy#Pass1'), passwordResetRequired: false });
  const ctx = await userContext('judy');
  for (let i = 0; i < 3; i++) await assert.rejects(credentials.changePassword(ctx, pw('Wrong#Pass1'), pw('Judy#Pass2')), { kind: 'invalid-input' });
  await assert.rejects(credentials.changePassword(ctx, pw('Judy#Pass1'), pw('Judy#Pass2')), { kind: 'precondition-failed' });
  assert.equal((await signIn('judy', 'Judy#Pass1')).outcome, 'locked');
  await passwordPolicy.update(core.root, { lockoutThreshold: 5 });
});
