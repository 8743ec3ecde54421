import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError, InvalidInputError } from '../../../src/core/errors.js';
import { DEFAULT_PASSWORD_POLICY } from '../../../src/core/password-policy/password-policy.js';
import { buildAccessKey, buildAccount, buildGroup, buildLoginProfile, buildUser } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, sleep, withStore, type StoreFactory } from './harness.js';

class WorkFailed extends Error {}

export function transactionContract(factory: StoreFactory): void {
  describe('Store.transaction', () => {
    test('commits every write and returns the work’s value; the work reads its own writes', () =>
      withStore(factory, async (store) => {
        const account = buildAccount();
        const user = buildUser(account.id);
        const result = await store.transaction(async (tx) => {
          await tx.accounts.create(account);
          await tx.users.create(user);
          await tx.users.putTags(user.id, [{ key: 'k', value: 'v' }]);
          assert.deepEqual(await tx.users.findById(account.id, user.id), user);
          return 'done';
        });
        assert.equal(result, 'done');
        assert.deepEqual(await store.accounts.findById(account.id), account);
        assert.deepEqual(await store.users.findById(account.id, user.id), user);
        assert.deepEqual(await store.users.listTags(user.id), [{ key: 'k', value: 'v' }]);
      }));

    test('a throw rolls back every write of every repository and rethrows the same error', () =>
      withStore(factory, async (store) => {
        const account = buildAccount();
        const user = buildUser(account.id);
        const group = buildGroup(account.id);
        const key = buildAccessKey(user);
        const failure = new WorkFailed('boom');
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.accounts.create(account);
            await tx.users.create(user);
            await tx.users.putTags(user.id, [{ key: 'k', value: 'v' }]);
            await tx.loginProfiles.create(buildLoginProfile(user));
            await tx.loginProfiles.addPasswordHistory(user.id, 'h', 1);
            await tx.passwordPolicies.put(account.id, DEFAULT_PASSWORD_POLICY);
            await tx.accessKeys.create(key);
            await tx.groups.create(group);
            await tx.groups.addMember(group.id, user.id, 1);
            throw failure;
          }),
          (err) => err === failure,
        );
        assert.equal(await store.accounts.count(), 0);
        assert.equal(await store.accounts.findById(account.id), undefined);
        assert.equal(await store.users.findById(account.id, user.id), undefined);
        assert.deepEqual(await store.users.listTags(user.id), []);
        assert.equal(await store.loginProfiles.find(user.id), undefined);
        assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 5), []);
        assert.equal(await store.passwordPolicies.find(account.id), undefined);
        assert.equal(await store.accessKeys.findById(key.id), undefined);
        assert.equal(await store.groups.findById(account.id, group.id), undefined);
        assert.deepEqual(await store.groups.listMembers(group.id), []);
        // nothing half-written blocks a retry
        await store.transaction(async (tx) => {
          await tx.accounts.create(account);
          await tx.users.create(user);
        });
        assert.deepEqual(await store.users.findById(account.id, user.id), user);
      }));

    test('a throw also undoes updates and deletes of rows that existed before', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const user = await seedUser(store, account.id, { name: 'before' });
        const profile = buildLoginProfile(user, { failedAttempts: 2 });
        await store.loginProfiles.create(profile);
        const group = buildGroup(account.id);
        await store.groups.create(group);
        await store.groups.addMember(group.id, user.id, 1);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.update({ ...user, name: 'after' });
            await tx.loginProfiles.recordFailedSignIn(user.id, 3, 99);
            await tx.groups.delete(account.id, group.id);
            throw new WorkFailed('undo');
          }),
          WorkFailed,
        );
        assert.deepEqual(await store.users.findById(account.id, user.id), user);
        assert.deepEqual(await store.loginProfiles.find(user.id), profile);
        assert.deepEqual(await store.groups.findById(account.id, group.id), group);
        assert.deepEqual(await store.groups.listMembers(group.id), [user.id]);
      }));

    test('already-exists inside a transaction rolls back its earlier writes', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedUser(store, account.id, { name: 'taken' });
        const group = buildGroup(account.id);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.groups.create(group);
            await tx.users.create(buildUser(account.id, { name: 'TAKEN' }));
          }),
          AlreadyExistsError,
        );
        assert.equal(await store.groups.findById(account.id, group.id), undefined);
      }));

    /** @see issue #2: SQLite committed the rest, PostgreSQL silently rolled back while reporting success */
    test('a failed statement aborts the transaction: catching it cannot commit the rest (as on PostgreSQL)', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedUser(store, account.id, { name: 'taken' });
        const group = buildGroup(account.id);
        const later = buildGroup(account.id);
        let laterWrite: unknown;
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.groups.create(group);
            await tx.users.create(buildUser(account.id, { name: 'taken' })).catch(() => undefined);
            laterWrite = await tx.groups.create(later).then(() => 'written', (err: unknown) => err);
          }),
        );
        assert.ok(laterWrite instanceof Error, 'a statement after the failed one must fail');
        assert.equal(await store.groups.findById(account.id, group.id), undefined);
        assert.equal(await store.groups.findById(account.id, later.id), undefined);
      }));

    test('an invalid marker inside a transaction is a plain domain error that does not abort it', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const group = buildGroup(account.id);
        await store.transaction(async (tx) => {
          await assert.rejects(tx.users.list(account.id, { limit: 1, marker: 'bogus' }), InvalidInputError);
          await tx.groups.create(group);
        });
        assert.ok(await store.groups.findById(account.id, group.id));
      }));

    test('concurrent transactions inserting the same unique key: exactly one succeeds, one is already-exists', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const contenders = [buildUser(account.id, { name: 'Racer' }), buildUser(account.id, { name: 'racer' })];
        const outcomes = await Promise.allSettled(
          contenders.map((user) =>
            store.transaction(async (tx) => {
              await tx.users.create(user);
              // hold the transaction open so the other one's insert has to wait on the unique key
              await sleep(50);
              await tx.users.putTags(user.id, [{ key: 'winner', value: user.id }]);
            }),
          ),
        );
        const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        assert.equal(fulfilled.length, 1);
        assert.equal(rejected.length, 1);
        assert.ok(rejected[0].reason instanceof AlreadyExistsError, String(rejected[0].reason));
        assert.equal(await store.users.count(account.id, {}), 1);
        const winner = await store.users.findByName(account.id, 'RACER');
        assert.ok(winner);
        assert.deepEqual(await store.users.listTags(winner.id), [{ key: 'winner', value: winner.id }]);
        const loser = contenders.find((u) => u.id !== winner.id);
        assert.deepEqual(await store.users.listTags(loser?.id ?? ''), []);
      }));

    test('many concurrent transactions on distinct keys all commit', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.transaction(async (tx) => {
              const user = buildUser(account.id, { name: `parallel-${String(i).padStart(2, '0')}` });
              await tx.users.create(user);
              await tx.users.putTags(user.id, [{ key: 'n', value: String(i) }]);
            }),
          ),
        );
        assert.equal(await store.users.count(account.id, {}), 20);
      }));
  });
}
