import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../../src/core/principal.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';

let core: TestCore;
before(async () => {
  core = await createTestCore();
});
after(() => core.close());

test('another account cannot see, change or delete a user: it is simply not there', async () => {
  const { users, accounts, loginProfiles } = core.polyiam.services;
  const alice = await users.create(core.root, { name: 'alice' });
  const other = await accounts.create('globex', pw('Globex#Root1'));
  const otherRoot = systemContext(other.account.id, other.root.id, other.root.name);
  await assert.rejects(users.get(otherRoot, { id: alice.id }), { kind: 'not-found' });
  await assert.rejects(users.delete(otherRoot, { id: alice.id }, { cascade: true }), { kind: 'not-found' });
  await assert.rejects(loginProfiles.create(otherRoot, { id: alice.id }, { password: pw('Some#Pass1'), passwordResetRequired: false }), { kind: 'not-found' });
  // the same name is free in the other account
  await users.create(otherRoot, { name: 'ALICE' });
  const names = (await users.list(core.root, { limit: 100 })).items.map((u) => u.name);
  assert.deepEqual(names, ['alice']);
});

test('names are unique per account case-insensitively', async () => {
  await assert.rejects(core.polyiam.services.users.create(core.root, { name: 'Alice' }), { kind: 'already-exists' });
});

test('an IAM user is denied everything by the foundation authorizer', async () => {
  const bob = await core.polyiam.services.users.create(core.root, { name: 'bob' });
  const asBob = { ...core.root, principal: { ...core.root.principal, userId: bob.id, userName: 'bob', isRoot: false } };
  await assert.rejects(core.polyiam.services.users.list(asBob, { limit: 10 }), { kind: 'access-denied' });
});

test('deleting a user with attachments is a conflict unless cascading', async () => {
  const { users, loginProfiles, accessKeys } = core.polyiam.services;
  await users.create(core.root, { name: 'carol' });
  await loginProfiles.create(core.root, { name: 'carol' }, { password: pw('Carol#Pass1'), passwordResetRequired: false });
  await accessKeys.create(core.root, { name: 'carol' });
  await assert.rejects(users.delete(core.root, { name: 'carol' }, { cascade: false }), (err: unknown) => {
    assert.deepEqual((err as { blockers: string[] }).blockers, ['login-profile', 'access-keys']);
    return true;
  });
  await users.delete(core.root, { name: 'carol' }, { cascade: true });
  await assert.rejects(users.get(core.root, { name: 'carol' }), { kind: 'not-found' });
});

test('the root user cannot be deleted', async () => {
  await assert.rejects(core.polyiam.services.users.delete(core.root, { id: core.account.root.id }, { cascade: true }), { kind: 'delete-conflict' });
});

test('access keys are limited to two per user, and secrets are sealed at rest', async () => {
  const { users, accessKeys } = core.polyiam.services;
  await users.create(core.root, { name: 'dan' });
  const first = await accessKeys.create(core.root, { name: 'dan' });
  await accessKeys.create(core.root, { name: 'dan' });
  await assert.rejects(accessKeys.create(core.root, { name: 'dan' }), { kind: 'limit-exceeded' });
  const stored = await core.polyiam.store.accessKeys.findById(first.key.id);
  assert.ok(stored && !stored.sealedSecret.includes(first.secret.reveal()));
  assert.equal(JSON.stringify(first), JSON.stringify({ ...first, secret: '[REDACTED]' }));
});

test('an attached policy blocks a non-cascading delete; cascading removes it', async () => {
  const { users, policyAttachments } = core.polyiam.services;
  await users.create(core.root, { name: 'erin' });
  await policyAttachments.attachToUser(core.root, { name: 'erin' }, { name: 'IAMReadOnlyAccess', scope: 'system' });
  await assert.rejects(users.delete(core.root, { name: 'erin' }, { cascade: false }), (err: unknown) => {
    assert.deepEqual((err as { blockers: string[] }).blockers, ['policies']);
    return true;
  });
  await users.delete(core.root, { name: 'erin' }, { cascade: true });
  await assert.rejects(users.get(core.root, { name: 'erin' }), { kind: 'not-found' });
});
