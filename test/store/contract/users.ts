import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import { buildAccessKey, buildGroup, buildLoginProfile, buildUser } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

export function userRepositoryContract(factory: StoreFactory): void {
  describe('users', () => {
    test('create then find by id and by name (case-insensitively), with every field intact', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const user = buildUser(account.id, {
          name: 'Zoë.Smith',
          path: '/division/team/',
          description: 'café operator',
          displayName: 'Zoë',
          email: 'zoe@example.com',
          phone: '+86-13800000000',
          enabled: false,
          isRoot: true,
          numericId: Number.MAX_SAFE_INTEGER,
          createdAt: 1_700_000_000_001,
          updatedAt: 1_700_000_000_002,
          passwordLastUsedAt: 1_700_000_000_003,
        });
        await store.users.create(user);
        assert.deepEqual(await store.users.findById(account.id, user.id), user);
        assert.deepEqual(await store.users.findByName(account.id, 'zoë.smith'), user);
        assert.deepEqual(await store.users.findByName(account.id, 'ZOË.SMITH'), user);
        assert.deepEqual(await store.users.findByNumericId(account.id, Number.MAX_SAFE_INTEGER), user);
        assert.equal(await store.users.findByNumericId(account.id, 1), undefined);
      }));

    test('lookups never cross accounts', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const user = await seedUser(store, a.id, { name: 'alice' });
        assert.equal(await store.users.findById(b.id, user.id), undefined);
        assert.equal(await store.users.findByName(b.id, 'alice'), undefined);
      }));

    test('a name is unique per account, case-insensitively, and free in another account', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await seedUser(store, a.id, { name: 'Alice' });
        await assert.rejects(store.users.create(buildUser(a.id, { name: 'aLICE' })), (err) => {
          assert.ok(err instanceof AlreadyExistsError);
          assert.equal(err.entity, 'user');
          assert.equal(err.id, 'aLICE');
          return true;
        });
        await seedUser(store, b.id, { name: 'alice' });
        assert.equal(await store.users.count(a.id, {}), 1);
        assert.equal(await store.users.count(b.id, {}), 1);
      }));

    test('the AWS id and the numeric id are unique across accounts', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const user = await seedUser(store, a.id);
        await assert.rejects(store.users.create(buildUser(b.id, { awsId: user.awsId })), AlreadyExistsError);
        await assert.rejects(store.users.create(buildUser(b.id, { numericId: user.numericId })), AlreadyExistsError);
      }));

    test('a user in an account that does not exist is refused by the foreign key', () =>
      withStore(factory, async (store) => {
        await assert.rejects(store.users.create(buildUser('f'.repeat(32))));
        assert.equal(await store.users.findByName('f'.repeat(32), 'x'), undefined);
      }));

    test('update writes every field but the id, the account and the creation time', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const other = await seedAccount(store);
        const user = await seedUser(store, account.id, { name: 'bob' });
        const changed = {
          ...buildUser(other.id, { id: user.id, createdAt: 42 }),
          name: 'Robert',
          path: '/new/',
          description: 'renamed',
          enabled: false,
          updatedAt: user.updatedAt + 1000,
          passwordLastUsedAt: 99,
        };
        await store.users.update(changed);
        assert.deepEqual(await store.users.findById(account.id, user.id), { ...changed, accountId: account.id, createdAt: user.createdAt });
        assert.equal(await store.users.findByName(account.id, 'bob'), undefined);
        assert.equal((await store.users.findByName(account.id, 'robert'))?.id, user.id);
      }));

    test('a rename onto another user is already-exists; a change of case only is not', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const alice = await seedUser(store, account.id, { name: 'alice' });
        const bob = await seedUser(store, account.id, { name: 'bob' });
        await assert.rejects(store.users.update({ ...bob, name: 'ALICE' }), (err) => err instanceof AlreadyExistsError && err.entity === 'user');
        assert.equal((await store.users.findById(account.id, bob.id))?.name, 'bob');
        await store.users.update({ ...alice, name: 'Alice' });
        assert.equal((await store.users.findById(account.id, alice.id))?.name, 'Alice');
      }));

    test('updating a user that does not exist writes nothing', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await store.users.update(buildUser(account.id));
        assert.equal(await store.users.count(account.id, { includeRoot: true }), 0);
      }));

    test('touchPasswordLastUsed writes only that column', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const user = await seedUser(store, account.id);
        await store.users.touchPasswordLastUsed(user.id, 1_800_000_000_000);
        assert.deepEqual(await store.users.findById(account.id, user.id), { ...user, passwordLastUsedAt: 1_800_000_000_000 });
      }));

    test('delete removes the user with its tags, login profile, history, keys and memberships', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const user = await seedUser(store, account.id);
        const keep = await seedUser(store, account.id);
        const group = buildGroup(account.id);
        await store.groups.create(group);
        for (const u of [user, keep]) {
          await store.users.putTags(u.id, [{ key: 'team', value: 'red' }]);
          await store.loginProfiles.create(buildLoginProfile(u));
          await store.loginProfiles.addPasswordHistory(u.id, `hash-${u.id}`, 1);
          await store.accessKeys.create(buildAccessKey(u));
          await store.groups.addMember(group.id, u.id, 1);
        }
        assert.equal(await store.users.delete(account.id, user.id), true);
        assert.equal(await store.users.findById(account.id, user.id), undefined);
        assert.deepEqual(await store.users.listTags(user.id), []);
        assert.equal(await store.loginProfiles.find(user.id), undefined);
        assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 10), []);
        assert.equal(await store.accessKeys.countByUser(user.id), 0);
        assert.deepEqual(await store.groups.listMembers(group.id), [keep.id]);
        assert.equal(await store.users.delete(account.id, user.id), false);
        // the neighbour keeps everything
        assert.equal((await store.users.listTags(keep.id)).length, 1);
        assert.ok(await store.loginProfiles.find(keep.id));
        assert.deepEqual(await store.loginProfiles.listPasswordHistory(keep.id, 10), [`hash-${keep.id}`]);
        assert.equal(await store.accessKeys.countByUser(keep.id), 1);
      }));

    /** @see issue #2: tags were deleted by user id before the account-scoped delete of the user */
    test('delete through another account deletes nothing, not even the tags', () =>
      withStore(factory, async (store) => {
        const owner = await seedAccount(store);
        const intruder = await seedAccount(store);
        const user = await seedUser(store, owner.id);
        await store.users.putTags(user.id, [{ key: 'cost-center', value: '42' }]);
        assert.equal(await store.users.delete(intruder.id, user.id), false);
        assert.ok(await store.users.findById(owner.id, user.id));
        assert.deepEqual(await store.users.listTags(user.id), [{ key: 'cost-center', value: '42' }]);
      }));

    describe('tags', () => {
      test('put upserts by key case-insensitively, keeping the latest spelling; list sorts by key', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          await store.users.putTags(user.id, [
            { key: 'Env', value: 'prod' },
            { key: 'app', value: 'billing' },
          ]);
          await store.users.putTags(user.id, [{ key: 'ENV', value: 'staging' }]);
          assert.deepEqual(await store.users.listTags(user.id), [
            { key: 'app', value: 'billing' },
            { key: 'ENV', value: 'staging' },
          ]);
        }));

      test('empty values and unicode survive; an empty put is a no-op', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          await store.users.putTags(user.id, [{ key: '部门', value: '' }]);
          await store.users.putTags(user.id, []);
          assert.deepEqual(await store.users.listTags(user.id), [{ key: '部门', value: '' }]);
        }));

      test('remove is case-insensitive and ignores missing keys', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const user = await seedUser(store, account.id);
          await store.users.putTags(user.id, [
            { key: 'a', value: '1' },
            { key: 'B', value: '2' },
            { key: 'c', value: '3' },
          ]);
          await store.users.removeTags(user.id, ['b', 'C', 'missing']);
          await store.users.removeTags(user.id, []);
          assert.deepEqual(await store.users.listTags(user.id), [{ key: 'a', value: '1' }]);
        }));

      test('tags belong to one user', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const a = await seedUser(store, account.id);
          const b = await seedUser(store, account.id);
          await store.users.putTags(a.id, [{ key: 'k', value: 'a' }]);
          await store.users.putTags(b.id, [{ key: 'k', value: 'b' }]);
          await store.users.removeTags(b.id, ['k']);
          assert.deepEqual(await store.users.listTags(a.id), [{ key: 'k', value: 'a' }]);
          assert.deepEqual(await store.users.listTags(b.id), []);
        }));

      test('tags for a user that does not exist are refused by the foreign key', () =>
        withStore(factory, async (store) => {
          await assert.rejects(store.users.putTags('e'.repeat(32), [{ key: 'k', value: 'v' }]));
          assert.deepEqual(await store.users.listTags('e'.repeat(32)), []);
        }));
    });
  });
}
