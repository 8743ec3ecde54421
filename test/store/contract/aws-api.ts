/**
 * @see #15 The store contract for what the rest of the AWS IAM API adds: users' permissions boundaries
 * (and, as they arrive, policy tags, account aliases, user keys and certificates, identity providers).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
}
