import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError, InvalidInputError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/core/ports.js';
import { buildGroup } from '../../../src/core/testing/builders.js';
import type { Group } from '../../../src/core/users/group.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

async function seedGroup(store: Store, accountId: string, overrides: Partial<Group> = {}): Promise<Group> {
  const group = buildGroup(accountId, overrides);
  await store.groups.create(group);
  return group;
}

export function groupRepositoryContract(factory: StoreFactory): void {
  describe('groups', () => {
    test('create then find by id and by name (case-insensitively), with every field intact', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const group = await seedGroup(store, account.id, { name: 'Admins', path: '/ops/', description: 'Security Administrator', numericId: 2 ** 40 });
        assert.deepEqual(await store.groups.findById(account.id, group.id), group);
        assert.deepEqual(await store.groups.findByName(account.id, 'ADMINS'), group);
        const other = await seedAccount(store);
        assert.equal(await store.groups.findById(other.id, group.id), undefined);
        assert.equal(await store.groups.findByName(other.id, 'admins'), undefined);
      }));

    test('a name is unique per account, case-insensitively; the AWS and numeric ids globally', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const group = await seedGroup(store, a.id, { name: 'dev' });
        await assert.rejects(store.groups.create(buildGroup(a.id, { name: 'DEV' })), (err) => {
          assert.ok(err instanceof AlreadyExistsError);
          assert.equal(err.entity, 'group');
          assert.equal(err.id, 'DEV');
          return true;
        });
        await seedGroup(store, b.id, { name: 'dev' });
        await assert.rejects(store.groups.create(buildGroup(b.id, { awsId: group.awsId })), AlreadyExistsError);
        await assert.rejects(store.groups.create(buildGroup(b.id, { numericId: group.numericId })), AlreadyExistsError);
      }));

    test('a group in an account that does not exist is refused by the foreign key', () =>
      withStore(factory, async (store) => {
        await assert.rejects(store.groups.create(buildGroup('7'.repeat(32))));
      }));

    test('list pages by lowercased name, filters by exact name, supports offset', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const other = await seedAccount(store);
        for (const name of ['ops', 'Dev', 'qa', 'a_team', 'a-team']) await seedGroup(store, account.id, { name });
        await seedGroup(store, other.id, { name: 'foreign' });
        const first = await store.groups.list(account.id, { limit: 2 });
        assert.deepEqual(first.items.map((g) => g.name), ['a-team', 'a_team']);
        assert.ok(first.nextMarker);
        const second = await store.groups.list(account.id, { limit: 2, marker: first.nextMarker });
        assert.deepEqual(second.items.map((g) => g.name), ['Dev', 'ops']);
        const third = await store.groups.list(account.id, { limit: 2, marker: second.nextMarker });
        assert.deepEqual(third, { items: third.items });
        assert.deepEqual(third.items.map((g) => g.name), ['qa']);
        assert.deepEqual((await store.groups.list(account.id, { limit: 10, name: 'DEV' })).items.map((g) => g.name), ['Dev']);
        assert.deepEqual((await store.groups.list(account.id, { limit: 2, offset: 3 })).items.map((g) => g.name), ['ops', 'qa']);
        await assert.rejects(store.groups.list(account.id, { limit: 2, marker: '!!' }), InvalidInputError);
      }));

    test('update renames and rewrites all but the id, the account and the creation time; a collision is already-exists', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const dev = await seedGroup(store, account.id, { name: 'dev' });
        await seedGroup(store, account.id, { name: 'ops' });
        const renamed = { ...dev, accountId: 'x'.repeat(32), createdAt: 1, name: 'Developers', path: '/eng/', description: 'd', updatedAt: dev.updatedAt + 1 };
        await store.groups.update(renamed);
        assert.deepEqual(await store.groups.findById(account.id, dev.id), { ...renamed, accountId: account.id, createdAt: dev.createdAt });
        await assert.rejects(store.groups.update({ ...renamed, name: 'OPS' }), AlreadyExistsError);
        assert.equal((await store.groups.findById(account.id, dev.id))?.name, 'Developers');
      }));

    /** @see issue #2: memberships were deleted by group id before the account-scoped delete of the group */
    test('delete removes the group and its memberships, only in its own account', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const intruder = await seedAccount(store);
        const group = await seedGroup(store, account.id);
        const user = await seedUser(store, account.id);
        await store.groups.addMember(group.id, user.id, 1);
        assert.equal(await store.groups.delete(intruder.id, group.id), false);
        assert.equal(await store.groups.isMember(group.id, user.id), true);
        assert.equal(await store.groups.delete(account.id, group.id), true);
        assert.equal(await store.groups.findById(account.id, group.id), undefined);
        assert.equal(await store.groups.isMember(group.id, user.id), false);
        assert.equal(await store.groups.countGroupsForUser(user.id), 0);
        assert.equal(await store.groups.delete(account.id, group.id), false);
        assert.ok(await store.users.findById(account.id, user.id));
      }));

    describe('membership', () => {
      test('addMember is idempotent and keeps the first time; removeMember reports whether it removed', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const group = await seedGroup(store, account.id);
          const user = await seedUser(store, account.id);
          const later = await seedUser(store, account.id);
          await store.groups.addMember(group.id, user.id, 100);
          await store.groups.addMember(group.id, later.id, 200);
          await store.groups.addMember(group.id, user.id, 300);
          assert.deepEqual(await store.groups.listMembers(group.id), [user.id, later.id]);
          assert.equal(await store.groups.isMember(group.id, user.id), true);
          assert.equal(await store.groups.removeMember(group.id, user.id), true);
          assert.equal(await store.groups.removeMember(group.id, user.id), false);
          assert.equal(await store.groups.isMember(group.id, user.id), false);
          assert.deepEqual(await store.groups.listMembers(group.id), [later.id]);
        }));

      test('listMembers sorts by the time added, then by user id', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const group = await seedGroup(store, account.id);
          const ids = ['c'.repeat(32), 'a'.repeat(32), 'b'.repeat(32), '0'.repeat(32)];
          for (const id of ids) await seedUser(store, account.id, { id });
          await store.groups.addMember(group.id, ids[0], 5);
          await store.groups.addMember(group.id, ids[1], 5);
          await store.groups.addMember(group.id, ids[2], 5);
          await store.groups.addMember(group.id, ids[3], 9);
          assert.deepEqual(await store.groups.listMembers(group.id), ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32), '0'.repeat(32)]);
        }));

      test('groups of a user, sorted by lowercased name, and their count', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          const loner = await seedUser(store, account.id);
          const groups = [await seedGroup(store, account.id, { name: 'zeta' }), await seedGroup(store, account.id, { name: 'Alpha' }), await seedGroup(store, account.id, { name: 'mid' })];
          await store.groups.addMember(groups[0].id, user.id, 1);
          await store.groups.addMember(groups[1].id, user.id, 2);
          assert.deepEqual(await store.groups.listGroupsForUser(user.id), [groups[1], groups[0]]);
          assert.equal(await store.groups.countGroupsForUser(user.id), 2);
          assert.deepEqual(await store.groups.listGroupsForUser(loner.id), []);
          assert.equal(await store.groups.countGroupsForUser(loner.id), 0);
        }));

      test('membership of a group or user that does not exist is refused by the foreign key', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const group = await seedGroup(store, account.id);
          const user = await seedUser(store, account.id);
          await assert.rejects(store.groups.addMember(group.id, '3'.repeat(32), 1));
          await assert.rejects(store.groups.addMember('3'.repeat(32), user.id, 1));
          assert.deepEqual(await store.groups.listMembers(group.id), []);
        }));
    });
  });
}
