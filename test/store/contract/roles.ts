import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/core/ports.js';
import type { Role } from '../../../src/core/roles/role.js';
import { seedAccount, withStore, type StoreFactory } from './harness.js';

let counter = 0;

export function buildRole(accountId: string, overrides: Partial<Role> = {}): Role {
  const n = ++counter;
  return {
    id: randomBytes(16).toString('hex'),
    accountId,
    name: `role-${n}-${randomBytes(3).toString('hex')}`,
    path: '/',
    description: '',
    trustPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}',
    trustSyntax: 'aws',
    maxSessionDuration: 3600,
    awsId: `AROA${randomBytes(9).toString('hex').toUpperCase().slice(0, 17)}`,
    numericId: 1_000_000 + n,
    createdAt: 1_700_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    sessionsRevokedBefore: null,
    lastUsedAt: null,
    lastUsedRegion: null,
    ...overrides,
  };
}

async function seedRole(store: Store, accountId: string, overrides: Partial<Role> = {}): Promise<Role> {
  const role = buildRole(accountId, overrides);
  await store.roles.create(role);
  return role;
}

export function roleRepositoryContract(factory: StoreFactory): void {
  describe('roles', () => {
    test('create then find by id, name (case-insensitively) and numeric id, only in its account, every field intact', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const other = await seedAccount(store);
        const role = await seedRole(store, account.id, { name: 'Deployer', path: '/ci/', description: 'ci', trustSyntax: 'huawei-v5', maxSessionDuration: 43_200, sessionsRevokedBefore: 5, lastUsedAt: 7, lastUsedRegion: 'us-east-1' });
        assert.deepEqual(await store.roles.findById(account.id, role.id), role);
        assert.deepEqual(await store.roles.findByName(account.id, 'DEPLOYER'), role);
        assert.deepEqual(await store.roles.findByNumericId(account.id, role.numericId), role);
        assert.equal(await store.roles.findById(other.id, role.id), undefined);
        assert.equal(await store.roles.findByName(other.id, 'deployer'), undefined);
        assert.equal(await store.roles.count(account.id), 1);
      }));

    test('a name is unique per account case-insensitively; another account may reuse it', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await seedRole(store, a.id, { name: 'ops' });
        await assert.rejects(seedRole(store, a.id, { name: 'OPS' }), (err) => err instanceof AlreadyExistsError && err.entity === 'role' && err.id === 'OPS');
        await seedRole(store, b.id, { name: 'ops' });
        assert.equal(await store.roles.count(a.id), 1);
      }));

    test('listAll sorts by lowercased name and filters by a case-sensitive path prefix', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedRole(store, account.id, { name: 'b', path: '/ci/' });
        await seedRole(store, account.id, { name: 'A', path: '/CI/' });
        await seedRole(store, account.id, { name: 'c', path: '/' });
        assert.deepEqual((await store.roles.listAll(account.id)).map((r) => r.name), ['A', 'b', 'c']);
        assert.deepEqual((await store.roles.listAll(account.id, '/ci/')).map((r) => r.name), ['b']);
      }));

    test('update rewrites the mutable fields; touchLastUsed writes the last use only', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const role = await seedRole(store, account.id);
        const changed: Role = { ...role, description: 'new', trustPolicy: '{}', trustSyntax: 'volcengine', maxSessionDuration: 7200, sessionsRevokedBefore: 99, updatedAt: role.updatedAt + 1 };
        await store.roles.update(changed);
        await store.roles.touchLastUsed(role.id, 1234, 'eu-west-1');
        assert.deepEqual(await store.roles.findById(account.id, role.id), { ...changed, lastUsedAt: 1234, lastUsedRegion: 'eu-west-1' });
      }));

    test('tags upsert by key case-insensitively and are removed by key', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const role = await seedRole(store, account.id);
        await store.roles.putTags(role.id, [{ key: 'Team', value: 'a' }, { key: 'env', value: 'dev' }]);
        await store.roles.putTags(role.id, [{ key: 'team', value: 'b' }]);
        assert.deepEqual(await store.roles.listTags(role.id), [{ key: 'env', value: 'dev' }, { key: 'team', value: 'b' }]);
        await store.roles.removeTags(role.id, ['ENV']);
        assert.deepEqual(await store.roles.listTags(role.id), [{ key: 'team', value: 'b' }]);
      }));

    test('attachments are idempotent, listed oldest first, found per policy, and detached', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const role = await seedRole(store, account.id);
        const second = await seedRole(store, account.id);
        assert.equal(await store.roles.attach({ roleId: role.id, policyId: 'p2', accountId: account.id, attachedAt: 2 }), true);
        assert.equal(await store.roles.attach({ roleId: role.id, policyId: 'p1', accountId: account.id, attachedAt: 1 }), true);
        assert.equal(await store.roles.attach({ roleId: role.id, policyId: 'p1', accountId: account.id, attachedAt: 9 }), false);
        await store.roles.attach({ roleId: second.id, policyId: 'p1', accountId: account.id, attachedAt: 3 });
        assert.deepEqual((await store.roles.listAttached(role.id)).map((a) => [a.policyId, a.attachedAt]), [['p1', 1], ['p2', 2]]);
        assert.deepEqual((await store.roles.listRolesForPolicy(account.id, 'p1')).map((a) => a.roleId), [role.id, second.id]);
        assert.equal(await store.roles.detach(role.id, 'p1'), true);
        assert.equal(await store.roles.detach(role.id, 'p1'), false);
        assert.deepEqual((await store.roles.listAttached(role.id)).map((a) => a.policyId), ['p2']);
      }));

    test('inline policies replace by name case-insensitively, keeping the creation time', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const role = await seedRole(store, account.id);
        const base = { roleId: role.id, accountId: account.id, syntax: 'aws' as const };
        await store.roles.putInline({ ...base, name: 'S3', document: '{"a":1}', createdAt: 1, updatedAt: 1 });
        await store.roles.putInline({ ...base, name: 'a', document: '{}', createdAt: 2, updatedAt: 2 });
        await store.roles.putInline({ ...base, name: 's3', document: '{"a":2}', createdAt: 5, updatedAt: 5 });
        assert.deepEqual(await store.roles.findInline(role.id, 'S3'), { ...base, name: 's3', document: '{"a":2}', createdAt: 1, updatedAt: 5 });
        assert.deepEqual((await store.roles.listInline(role.id)).map((p) => p.name), ['a', 's3']);
        assert.equal(await store.roles.deleteInline(role.id, 'A'), true);
        assert.equal(await store.roles.deleteInline(role.id, 'A'), false);
      }));

    test('delete removes the role with its tags, attachments and inline policies, only in its own account', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const other = await seedAccount(store);
        const role = await seedRole(store, account.id);
        await store.roles.putTags(role.id, [{ key: 'k', value: 'v' }]);
        await store.roles.attach({ roleId: role.id, policyId: 'p', accountId: account.id, attachedAt: 1 });
        await store.roles.putInline({ roleId: role.id, accountId: account.id, name: 'x', syntax: 'aws', document: '{}', createdAt: 1, updatedAt: 1 });
        assert.equal(await store.roles.delete(other.id, role.id), false);
        assert.deepEqual(await store.roles.listTags(role.id), [{ key: 'k', value: 'v' }]);
        assert.equal(await store.roles.delete(account.id, role.id), true);
        assert.equal(await store.roles.findById(account.id, role.id), undefined);
        assert.deepEqual(await store.roles.listTags(role.id), []);
        assert.deepEqual(await store.roles.listAttached(role.id), []);
        assert.deepEqual(await store.roles.listInline(role.id), []);
        // the name is free again
        await seedRole(store, account.id, { name: role.name });
      }));

    test('a role in an account that does not exist is refused by the foreign key', () =>
      withStore(factory, async (store) => {
        await assert.rejects(store.roles.create(buildRole('9'.repeat(32))));
      }));
  });
}
