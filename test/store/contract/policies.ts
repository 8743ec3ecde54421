import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import type { ManagedPolicy } from '../../../src/core/policies/policy.js';
import type { Store } from '../../../src/core/ports.js';
import { buildGroup, buildInlinePolicy, buildPolicy, buildPolicyVersion } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

async function seedPolicy(store: Store, accountId: string, overrides: Partial<ManagedPolicy> = {}): Promise<ManagedPolicy> {
  const policy = buildPolicy(accountId, overrides);
  await store.policies.create(policy, buildPolicyVersion(policy));
  return policy;
}

const SYSTEM = 'sys-iam-read-only-access';

export function policyRepositoryContract(factory: StoreFactory): void {
  describe('policies', () => {
    test('create stores the policy and its first version; found by id and by name (case-insensitively), only in its account', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const other = await seedAccount(store);
        const policy = buildPolicy(account.id, { name: 'ReadOnly', path: '/ops/', description: 'read', syntax: 'huawei-v5', latestVersion: 1 });
        const version = buildPolicyVersion(policy, { document: '{ "Version": "5.0",\n "Statement": [] }' });
        await store.policies.create(policy, version);
        assert.deepEqual(await store.policies.findById(account.id, policy.id), policy);
        assert.deepEqual(await store.policies.findByName(account.id, 'READONLY'), policy);
        assert.deepEqual(await store.policies.findVersion(policy.id, 'v1'), version, 'the document text is kept byte for byte');
        assert.equal(await store.policies.findById(other.id, policy.id), undefined);
        assert.equal(await store.policies.findByName(other.id, 'readonly'), undefined);
        assert.equal(await store.policies.count(account.id), 1);
        assert.equal(await store.policies.count(other.id), 0);
      }));

    test('a name is unique per account, case-insensitively; another account may reuse it', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await seedPolicy(store, a.id, { name: 'dev' });
        await assert.rejects(seedPolicy(store, a.id, { name: 'DEV' }), (err) => err instanceof AlreadyExistsError && err.entity === 'policy' && err.id === 'DEV');
        await seedPolicy(store, b.id, { name: 'dev' });
        assert.equal(await store.policies.count(a.id), 1);
      }));

    test('listAll orders by lowercased name, bytewise', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['ops', 'Dev', 'a_b', 'a-c', 'ab']) await seedPolicy(store, account.id, { name });
        assert.deepEqual((await store.policies.listAll(account.id)).map((p) => p.name), ['a-c', 'a_b', 'ab', 'Dev', 'ops']);
      }));

    test('update rewrites description, default version, latest number and update time only', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const policy = await seedPolicy(store, account.id, { name: 'p' });
        await store.policies.update({ ...policy, name: 'renamed', description: 'new', defaultVersionId: 'v2', latestVersion: 2, updatedAt: policy.updatedAt + 5 });
        assert.deepEqual(await store.policies.findById(account.id, policy.id), { ...policy, description: 'new', defaultVersionId: 'v2', latestVersion: 2, updatedAt: policy.updatedAt + 5 });
      }));

    test('versions: listed by number (v10 after v9), unique per policy, deleted one by one', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const policy = await seedPolicy(store, account.id);
        for (const n of [2, 10, 9]) await store.policies.addVersion(buildPolicyVersion(policy, { versionId: `v${n}`, createdAt: n }));
        assert.deepEqual((await store.policies.listVersions(policy.id)).map((v) => v.versionId), ['v1', 'v2', 'v9', 'v10']);
        await assert.rejects(store.policies.addVersion(buildPolicyVersion(policy, { versionId: 'v2' })), AlreadyExistsError);
        assert.equal(await store.policies.deleteVersion(policy.id, 'v9'), true);
        assert.equal(await store.policies.deleteVersion(policy.id, 'v9'), false);
        assert.equal(await store.policies.findVersion(policy.id, 'v9'), undefined);
        await assert.rejects(store.policies.addVersion(buildPolicyVersion({ id: '5'.repeat(32) })), 'a version of no policy is refused by the foreign key');
      }));

    test('delete removes the policy and its versions, only in its own account', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const intruder = await seedAccount(store);
        const policy = await seedPolicy(store, account.id);
        await store.policies.addVersion(buildPolicyVersion(policy, { versionId: 'v2' }));
        assert.equal(await store.policies.delete(intruder.id, policy.id), false);
        assert.ok(await store.policies.findVersion(policy.id, 'v2'));
        assert.equal(await store.policies.delete(account.id, policy.id), true);
        assert.equal(await store.policies.findById(account.id, policy.id), undefined);
        assert.deepEqual(await store.policies.listVersions(policy.id), []);
        assert.equal(await store.policies.delete(account.id, policy.id), false);
      }));

    describe('attachments', () => {
      test('attach is idempotent and keeps the first time; detach reports whether it removed; user and group lists are apart', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          const group = buildGroup(account.id);
          await store.groups.create(group);
          const policy = await seedPolicy(store, account.id);
          const asUser = { type: 'user' as const, id: user.id };
          const asGroup = { type: 'group' as const, id: group.id };
          assert.equal(await store.policies.attach({ policyId: policy.id, target: asUser, accountId: account.id, attachedAt: 10 }), true);
          assert.equal(await store.policies.attach({ policyId: policy.id, target: asUser, accountId: account.id, attachedAt: 20 }), false);
          assert.equal(await store.policies.attach({ policyId: SYSTEM, target: asUser, accountId: account.id, attachedAt: 10 }), true);
          assert.equal(await store.policies.attach({ policyId: policy.id, target: asGroup, accountId: account.id, attachedAt: 5 }), true);
          // same time: ordered by policy id, hex before `sys-`
          assert.deepEqual(await store.policies.listAttached(asUser), [
            { policyId: policy.id, target: asUser, accountId: account.id, attachedAt: 10 },
            { policyId: SYSTEM, target: asUser, accountId: account.id, attachedAt: 10 },
          ]);
          assert.equal(await store.policies.countAttached(asUser), 2);
          assert.deepEqual((await store.policies.listAttached(asGroup)).map((a) => a.policyId), [policy.id]);
          assert.equal(await store.policies.detach(asUser, policy.id), true);
          assert.equal(await store.policies.detach(asUser, policy.id), false);
          assert.equal(await store.policies.countAttached(asUser), 1);
        }));

      test('entities of a policy and attachment counts stay within the account, for system policies too', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const other = await seedAccount(store);
          const alice = await seedUser(store, account.id);
          const stranger = await seedUser(store, other.id);
          const group = buildGroup(account.id);
          await store.groups.create(group);
          const policy = await seedPolicy(store, account.id);
          await store.policies.attach({ policyId: SYSTEM, target: { type: 'group', id: group.id }, accountId: account.id, attachedAt: 3 });
          await store.policies.attach({ policyId: SYSTEM, target: { type: 'user', id: alice.id }, accountId: account.id, attachedAt: 3 });
          await store.policies.attach({ policyId: SYSTEM, target: { type: 'user', id: stranger.id }, accountId: other.id, attachedAt: 1 });
          await store.policies.attach({ policyId: policy.id, target: { type: 'user', id: alice.id }, accountId: account.id, attachedAt: 4 });
          assert.deepEqual(await store.policies.listEntities(account.id, SYSTEM), [
            { policyId: SYSTEM, target: { type: 'user', id: alice.id }, accountId: account.id, attachedAt: 3 },
            { policyId: SYSTEM, target: { type: 'group', id: group.id }, accountId: account.id, attachedAt: 3 },
          ]);
          assert.deepEqual([...(await store.policies.attachmentCounts(account.id))].sort(), [[policy.id, 1], [SYSTEM, 2]].sort());
          assert.deepEqual([...(await store.policies.attachmentCounts(other.id))], [[SYSTEM, 1]]);
        }));

      test('deleting a user or a group removes its attachments and inline policies', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          const group = buildGroup(account.id);
          await store.groups.create(group);
          await store.policies.attach({ policyId: SYSTEM, target: { type: 'user', id: user.id }, accountId: account.id, attachedAt: 1 });
          await store.policies.attach({ policyId: SYSTEM, target: { type: 'group', id: group.id }, accountId: account.id, attachedAt: 1 });
          await store.policies.putInline(buildInlinePolicy(user, { name: 'own' }));
          assert.equal(await store.users.delete(account.id, user.id), true);
          assert.equal(await store.groups.delete(account.id, group.id), true);
          assert.deepEqual(await store.policies.listEntities(account.id, SYSTEM), []);
          assert.deepEqual(await store.policies.listInline(user.id), []);
        }));

      test('an attachment to a user or group that does not exist is refused by the foreign key', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const nobody = '4'.repeat(32);
          await assert.rejects(store.policies.attach({ policyId: SYSTEM, target: { type: 'user', id: nobody }, accountId: account.id, attachedAt: 1 }));
          await assert.rejects(store.policies.attach({ policyId: SYSTEM, target: { type: 'group', id: nobody }, accountId: account.id, attachedAt: 1 }));
        }));
    });

    describe('inline user policies', () => {
      test('put creates, then replaces by name case-insensitively keeping the creation time; listed by lowercased name', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          const first = buildInlinePolicy(user, { name: 'Deploy', createdAt: 1, updatedAt: 1 });
          await store.policies.putInline(first);
          await store.policies.putInline(buildInlinePolicy(user, { name: 'audit', createdAt: 2, updatedAt: 2 }));
          assert.deepEqual(await store.policies.findInline(user.id, 'DEPLOY'), first);
          const replaced = buildInlinePolicy(user, { name: 'DEPLOY', syntax: 'kingsoft', document: '{"Statement":[]}', createdAt: 9, updatedAt: 9 });
          await store.policies.putInline(replaced);
          assert.deepEqual(await store.policies.findInline(user.id, 'deploy'), { ...replaced, createdAt: 1 });
          assert.deepEqual((await store.policies.listInline(user.id)).map((p) => p.name), ['audit', 'DEPLOY']);
          assert.equal(await store.policies.deleteInline(user.id, 'Deploy'), true);
          assert.equal(await store.policies.deleteInline(user.id, 'Deploy'), false);
          assert.equal(await store.policies.findInline(user.id, 'deploy'), undefined);
          await assert.rejects(store.policies.putInline(buildInlinePolicy({ id: '6'.repeat(32), accountId: account.id })), 'no user, no inline policy');
        }));
    });

    test('a throw inside a transaction rolls back policies, versions, attachments and inline policies', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const user = await seedUser(store, account.id);
        const policy = buildPolicy(account.id);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.policies.create(policy, buildPolicyVersion(policy));
            await tx.policies.addVersion(buildPolicyVersion(policy, { versionId: 'v2' }));
            await tx.policies.attach({ policyId: policy.id, target: { type: 'user', id: user.id }, accountId: account.id, attachedAt: 1 });
            await tx.policies.putInline(buildInlinePolicy(user));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.policies.findById(account.id, policy.id), undefined);
        assert.deepEqual(await store.policies.listVersions(policy.id), []);
        assert.deepEqual(await store.policies.listAttached({ type: 'user', id: user.id }), []);
        assert.deepEqual(await store.policies.listInline(user.id), []);
      }));
  });
}
