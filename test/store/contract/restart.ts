import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PASSWORD_POLICY } from '../../../src/core/password-policy/password-policy.js';
import type { Store } from '../../../src/core/ports.js';
import { buildAccessKey, buildGroup, buildLoginProfile } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

/** Everything the ports can read back about one account. */
async function snapshot(store: Store, accountId: string) {
  const users = (await store.users.list(accountId, { limit: 1000, includeRoot: true })).items;
  const groups = (await store.groups.list(accountId, { limit: 1000 })).items;
  return {
    account: await store.accounts.findById(accountId),
    policy: await store.passwordPolicies.find(accountId),
    users: await Promise.all(
      users.map(async (u) => ({
        user: u,
        tags: await store.users.listTags(u.id),
        profile: await store.loginProfiles.find(u.id),
        history: await store.loginProfiles.listPasswordHistory(u.id, 100),
        keys: await store.accessKeys.listByUser(u.id),
        groups: await store.groups.listGroupsForUser(u.id),
      })),
    ),
    groups: await Promise.all(groups.map(async (g) => ({ group: g, members: await store.groups.listMembers(g.id) }))),
  };
}

export function restartContract(factory: StoreFactory): void {
  describe('durability', () => {
    test('a restart keeps all data', (t) =>
      withStore(factory, async (store, handle) => {
        if (!handle.reopen) {
          t.skip('this backend keeps nothing across a restart');
          return;
        }
        const account = await seedAccount(store, { name: 'durable' });
        const root = await seedUser(store, account.id, { name: 'durable', isRoot: true });
        const alice = await seedUser(store, account.id, { name: 'alice', passwordLastUsedAt: 123 });
        await store.users.putTags(alice.id, [{ key: 'team', value: 'blue' }]);
        await store.passwordPolicies.put(account.id, { ...DEFAULT_PASSWORD_POLICY, minimumLength: 12 });
        await store.transaction(async (tx) => {
          await tx.loginProfiles.create(buildLoginProfile(alice));
          await tx.loginProfiles.addPasswordHistory(alice.id, 'old', 1);
          await tx.loginProfiles.addPasswordHistory(alice.id, 'new', 2);
          await tx.accessKeys.create(buildAccessKey(root));
          await tx.accessKeys.create(buildAccessKey(alice, { status: 'inactive' }));
        });
        await store.loginProfiles.recordFailedSignIn(alice.id, 1, 1_900_000_000_000);
        const group = buildGroup(account.id, { name: 'admin' });
        await store.groups.create(group);
        await store.groups.addMember(group.id, alice.id, 7);
        const before = await snapshot(store, account.id);

        const reopened = await handle.reopen();
        assert.deepEqual(await snapshot(reopened, account.id), before);
        assert.equal((await reopened.loginProfiles.find(alice.id))?.lockedUntil, 1_900_000_000_000);
        assert.equal(await reopened.accounts.count(), 1);
      }));
  });
}
