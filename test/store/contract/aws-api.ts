/**
 * @see #15 The store contract for what the rest of the AWS IAM API adds: users' permissions boundaries
 * (and, as they arrive, policy tags, account aliases, user keys and certificates, identity providers).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

export function awsApiContract(factory: StoreFactory): void {
  describe('permissions boundaries (users.permissions_boundary_id)', () => {
    test('kept on create and update, listed and counted per account and policy', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const bob = await seedUser(store, a.id, { name: 'bob', permissionsBoundaryId: 'p1' });
        const amy = await seedUser(store, a.id, { name: 'Amy', permissionsBoundaryId: 'p1' });
        await seedUser(store, a.id, { name: 'carl' });
        await seedUser(store, b.id, { name: 'other', permissionsBoundaryId: 'p1' });
        assert.equal((await store.users.findById(a.id, bob.id))?.permissionsBoundaryId, 'p1');
        assert.deepEqual((await store.users.listByPermissionsBoundary(a.id, 'p1')).map((u) => u.name), ['Amy', 'bob']);
        assert.deepEqual([...(await store.users.permissionsBoundaryCounts(a.id))], [['p1', 2]]);
        await store.transaction(async (tx) => {
          await tx.users.update({ ...amy, permissionsBoundaryId: 'sys-iam-read-only' });
          await tx.users.update({ ...bob, permissionsBoundaryId: null });
        });
        assert.deepEqual((await store.users.listByPermissionsBoundary(a.id, 'p1')).map((u) => u.name), []);
        assert.deepEqual([...(await store.users.permissionsBoundaryCounts(a.id))], [['sys-iam-read-only', 1]]);
        assert.equal((await store.users.findByName(a.id, 'bob'))?.permissionsBoundaryId, null);
      }));
  });

  describe('resource tags', () => {
    test('upsert by key case-insensitively, ordered by lowercased key, kept apart per kind and id, removed by key or all', () =>
      withStore(factory, async (store) => {
        await store.resourceTags.put('policy', 'p1', [{ key: 'Team', value: 'a' }, { key: 'env', value: 'dev' }]);
        await store.resourceTags.put('policy', 'p1', [{ key: 'TEAM', value: 'b' }]);
        await store.resourceTags.put('saml-provider', 'p1', [{ key: 'other', value: 'x' }]);
        assert.deepEqual(await store.resourceTags.list('policy', 'p1'), [{ key: 'env', value: 'dev' }, { key: 'TEAM', value: 'b' }]);
        await store.resourceTags.remove('policy', 'p1', ['ENV', 'absent']);
        assert.deepEqual(await store.resourceTags.list('policy', 'p1'), [{ key: 'TEAM', value: 'b' }]);
        await store.transaction((tx) => tx.resourceTags.removeAll('policy', 'p1'));
        assert.deepEqual(await store.resourceTags.list('policy', 'p1'), []);
        assert.deepEqual(await store.resourceTags.list('saml-provider', 'p1'), [{ key: 'other', value: 'x' }]);
      }));
  });

  describe('account aliases', () => {
    test('one per account (set replaces), unique across accounts, found by alias, deleted only by its own name', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await store.accounts.setAlias(a.id, 'first');
        await store.accounts.setAlias(a.id, 'second');
        assert.equal(await store.accounts.findAlias(a.id), 'second');
        assert.equal((await store.accounts.findByAlias('second'))?.id, a.id);
        assert.equal(await store.accounts.findByAlias('first'), undefined);
        await assert.rejects(store.accounts.setAlias(b.id, 'second'), AlreadyExistsError);
        assert.equal(await store.accounts.findAlias(b.id), undefined);
        assert.equal(await store.accounts.deleteAlias(a.id, 'first'), false);
        assert.equal(await store.accounts.deleteAlias(a.id, 'second'), true);
        await store.accounts.setAlias(b.id, 'second');
        assert.equal((await store.accounts.findByAlias('second'))?.id, b.id);
      }));
  });

  describe('user credentials (SSH keys, signing certificates, service-specific credentials)', () => {
    test('created, found per user and kind, listed oldest first, updated, deleted; the same material twice is already-exists; they go with their user', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const user = await seedUser(store, a.id);
        const other = await seedUser(store, a.id);
        const base = { userId: user.id, accountId: a.id, status: 'Active' as const, body: 'ssh-rsa AAAA', serviceName: '', serviceUserName: '', sealedSecret: null, updatedAt: 1 };
        await store.userCredentials.create({ ...base, id: 'APKA0000000000000002', kind: 'ssh-public-key', fingerprint: 'aa', createdAt: 2 });
        await store.userCredentials.create({ ...base, id: 'APKA0000000000000001', kind: 'ssh-public-key', fingerprint: 'bb', createdAt: 1 });
        await store.userCredentials.create({ ...base, id: 'CERT00000000000000000001', kind: 'signing-certificate', fingerprint: 'aa', createdAt: 1 });
        await assert.rejects(store.userCredentials.create({ ...base, id: 'APKA0000000000000003', kind: 'ssh-public-key', fingerprint: 'aa', createdAt: 3 }), AlreadyExistsError);
        await store.userCredentials.create({ ...base, userId: other.id, id: 'APKA0000000000000004', kind: 'ssh-public-key', fingerprint: 'aa', createdAt: 3 });
        assert.deepEqual((await store.userCredentials.listByUser(user.id, 'ssh-public-key')).map((c) => c.id), ['APKA0000000000000001', 'APKA0000000000000002']);
        assert.equal(await store.userCredentials.countByUser(user.id, 'signing-certificate'), 1);
        assert.equal(await store.userCredentials.find(other.id, 'ssh-public-key', 'APKA0000000000000001'), undefined);
        const found = await store.userCredentials.find(user.id, 'ssh-public-key', 'APKA0000000000000001');
        await store.userCredentials.update({ ...found!, status: 'Inactive', sealedSecret: 'sealed', updatedAt: 9 });
        assert.deepEqual(await store.userCredentials.find(user.id, 'ssh-public-key', 'APKA0000000000000001'), { ...found!, status: 'Inactive', sealedSecret: 'sealed', updatedAt: 9 });
        assert.equal(await store.userCredentials.delete(user.id, 'signing-certificate', 'APKA0000000000000001'), false);
        assert.equal(await store.userCredentials.delete(user.id, 'ssh-public-key', 'APKA0000000000000001'), true);
        await store.transaction(async (tx) => {
          await tx.userCredentials.delete(user.id, 'ssh-public-key', 'APKA0000000000000002');
          await tx.userCredentials.delete(user.id, 'signing-certificate', 'CERT00000000000000000001');
          await tx.users.delete(a.id, user.id);
        });
        await store.transaction((tx) => tx.users.delete(a.id, other.id));
        assert.equal(await store.userCredentials.countByUser(other.id, 'ssh-public-key'), 0);
      }));
  });

  describe('server certificates', () => {
    test('unique names per account case-insensitively, listed by name, renamed, deleted; the sealed key kept as given', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const cert = { accountId: a.id, path: '/', body: 'PEM', chain: null, sealedPrivateKey: 'sealed', expiresAt: 5, uploadedAt: 1, updatedAt: 1 };
        await store.serverCertificates.create({ ...cert, id: 'ASCA1', name: 'web' });
        await store.serverCertificates.create({ ...cert, id: 'ASCA2', name: 'Api', chain: 'CHAIN' });
        await assert.rejects(store.serverCertificates.create({ ...cert, id: 'ASCA3', name: 'WEB' }), AlreadyExistsError);
        await store.serverCertificates.create({ ...cert, accountId: b.id, id: 'ASCA4', name: 'web' });
        assert.deepEqual((await store.serverCertificates.list(a.id)).map((c) => c.name), ['Api', 'web']);
        assert.equal(await store.serverCertificates.count(a.id), 2);
        assert.deepEqual(await store.serverCertificates.findByName(a.id, 'API'), { ...cert, id: 'ASCA2', name: 'Api', chain: 'CHAIN' });
        await assert.rejects(store.serverCertificates.update({ ...cert, id: 'ASCA2', name: 'Web', updatedAt: 2 }), AlreadyExistsError);
        await store.serverCertificates.update({ ...cert, id: 'ASCA2', name: 'www', path: '/x/', updatedAt: 2 });
        assert.equal((await store.serverCertificates.findByName(a.id, 'www'))?.path, '/x/');
        assert.equal(await store.serverCertificates.delete(b.id, 'ASCA2'), false);
        assert.equal(await store.serverCertificates.delete(a.id, 'ASCA2'), true);
        assert.equal(await store.serverCertificates.findByName(a.id, 'www'), undefined);
      }));
  });

  describe('OIDC providers', () => {
    test('unique URL per account, lists kept in order, updated, deleted', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        const base = { accountId: a.id, clientIds: ['one', 'two'], thumbprints: ['a'.repeat(40)], createdAt: 1, updatedAt: 1 };
        await store.oidcProviders.create({ ...base, id: 'p2', url: 'z.example.com' });
        await store.oidcProviders.create({ ...base, id: 'p1', url: 'a.example.com/path' });
        await assert.rejects(store.oidcProviders.create({ ...base, id: 'p3', url: 'z.example.com' }), AlreadyExistsError);
        await store.oidcProviders.create({ ...base, accountId: b.id, id: 'p4', url: 'z.example.com' });
        assert.deepEqual((await store.oidcProviders.list(a.id)).map((p) => p.url), ['a.example.com/path', 'z.example.com']);
        await store.oidcProviders.update({ ...base, id: 'p2', url: 'z.example.com', clientIds: ['three'], thumbprints: [], updatedAt: 2 });
        assert.deepEqual(await store.oidcProviders.find(a.id, 'z.example.com'), { ...base, id: 'p2', url: 'z.example.com', clientIds: ['three'], thumbprints: [], updatedAt: 2 });
        assert.equal(await store.oidcProviders.delete(b.id, 'a.example.com/path'), false);
        assert.equal(await store.oidcProviders.delete(a.id, 'a.example.com/path'), true);
        assert.equal(await store.oidcProviders.find(a.id, 'a.example.com/path'), undefined);
      }));
  });
}
