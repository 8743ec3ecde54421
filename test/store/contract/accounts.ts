import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import { buildAccount } from '../../../src/core/testing/builders.js';
import { withStore, type StoreFactory } from './harness.js';

export function accountRepositoryContract(factory: StoreFactory): void {
  describe('accounts', () => {
    test('create then find by id and by name, case-insensitively, with every field intact', () =>
      withStore(factory, async (store) => {
        const account = buildAccount({ name: 'Acme-Corp', numericId: Number.MAX_SAFE_INTEGER, createdAt: 1_717_171_717_171 });
        await store.accounts.create(account);
        assert.deepEqual(await store.accounts.findById(account.id), account);
        assert.deepEqual(await store.accounts.findByName('acme-corp'), account);
        assert.deepEqual(await store.accounts.findByName('ACME-CORP'), account);
        assert.equal(await store.accounts.findById('0'.repeat(32)), undefined);
        assert.equal(await store.accounts.findByName('acme'), undefined);
      }));

    /** @see #13 */
    test('findByNumber finds an account by its AWS account id or its integer id', () =>
      withStore(factory, async (store) => {
        const account = buildAccount({ numericId: 4_000_000_000_123 });
        await store.accounts.create(account);
        assert.deepEqual(await store.accounts.findByNumber(account.awsAccountId), account);
        assert.deepEqual(await store.accounts.findByNumber('4000000000123'), account);
        assert.equal(await store.accounts.findByNumber('4000000000124'), undefined);
        assert.equal(await store.accounts.findByNumber('not-a-number'), undefined);
      }));

    test('a name taken in another case is already-exists', () =>
      withStore(factory, async (store) => {
        await store.accounts.create(buildAccount({ name: 'globex' }));
        await assert.rejects(store.accounts.create(buildAccount({ name: 'GLOBEX' })), (err) => {
          assert.ok(err instanceof AlreadyExistsError);
          assert.equal(err.entity, 'account');
          assert.equal(err.id, 'GLOBEX');
          return true;
        });
        assert.equal(await store.accounts.count(), 1);
      }));

    test('the AWS account number, the numeric id and the id are unique too', () =>
      withStore(factory, async (store) => {
        const first = buildAccount();
        await store.accounts.create(first);
        await assert.rejects(store.accounts.create(buildAccount({ awsAccountId: first.awsAccountId })), AlreadyExistsError);
        await assert.rejects(store.accounts.create(buildAccount({ numericId: first.numericId })), AlreadyExistsError);
        await assert.rejects(store.accounts.create(buildAccount({ id: first.id })), AlreadyExistsError);
        assert.equal(await store.accounts.count(), 1);
      }));

    test('count counts every account', () =>
      withStore(factory, async (store) => {
        assert.equal(await store.accounts.count(), 0);
        for (let i = 0; i < 3; i++) await store.accounts.create(buildAccount());
        assert.equal(await store.accounts.count(), 3);
      }));

    test('a returned account is a copy: changing it changes nothing stored', () =>
      withStore(factory, async (store) => {
        const account = buildAccount();
        await store.accounts.create(account);
        const read = await store.accounts.findById(account.id);
        assert.ok(read);
        read.name = 'changed';
        account.name = 'changed-too';
        assert.notEqual((await store.accounts.findById(account.id))?.name, 'changed');
        assert.notEqual((await store.accounts.findById(account.id))?.name, 'changed-too');
      }));
  });
}
