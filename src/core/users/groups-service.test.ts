import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AccountsService } from '../accounts/accounts-service.js';
import type { IamError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { PlainPassword } from '../secrets.js';
import { contextOf, testDeps, type TestDeps } from '../tokens/testing.js';
import { GroupsService } from './groups-service.js';
import { UsersService } from './users-service.js';

const kind = (expected: string) => (err: unknown) => (err as IamError).kind === expected;

describe('GroupsService', () => {
  let deps: TestDeps;
  let groups: GroupsService;
  let users: UsersService;
  let root: CallContext;

  beforeEach(async () => {
    deps = testDeps();
    groups = new GroupsService(deps);
    users = new UsersService(deps);
    const created = await new AccountsService(deps).create('acme', new PlainPassword('AcmeRoot#2024'));
    root = contextOf({ accountId: created.account.id, userId: created.root.id, userName: 'acme', isRoot: true });
  });

  it('creates, reads, lists, renames and deletes a group', async () => {
    const devs = await groups.create(root, { name: 'devs', description: 'developers' });
    assert.match(devs.id, /^[0-9a-f]{32}$/);
    assert.match(devs.awsId, /^AGPA[A-Z2-7]{17}$/);
    assert.deepEqual(await groups.get(root, { id: devs.id }), devs);
    assert.equal((await groups.get(root, { name: 'DEVS' })).id, devs.id, 'names are case-insensitive');
    assert.deepEqual((await groups.list(root, { limit: 10 })).items.map((g) => g.name), ['admin', 'devs']);
    assert.deepEqual((await groups.list(root, { limit: 10, name: 'Devs' })).items.map((g) => g.id), [devs.id]);
    const renamed = await groups.update(root, { id: devs.id }, { newName: 'developers', description: 'd2' });
    assert.equal(renamed.name, 'developers');
    assert.equal(renamed.description, 'd2');
    await groups.delete(root, { id: devs.id }, { cascade: true });
    await assert.rejects(groups.get(root, { id: devs.id }), kind('not-found'));
  });

  it('refuses a duplicate name, and renaming or deleting the admin group', async () => {
    await groups.create(root, { name: 'devs' });
    await assert.rejects(groups.create(root, { name: 'Devs' }), kind('already-exists'));
    const admin = await groups.get(root, { name: 'admin' });
    await assert.rejects(groups.update(root, { id: admin.id }, { newName: 'admins' }), kind('invalid-input'));
    await assert.rejects(groups.delete(root, { id: admin.id }, { cascade: true }), kind('invalid-input'));
    assert.equal((await groups.update(root, { id: admin.id }, { description: 'still admin' })).name, 'admin');
  });

  it('manages membership: add is idempotent, remove of a non-member is not-found', async () => {
    const devs = await groups.create(root, { name: 'devs' });
    const alice = await users.create(root, { name: 'alice' });
    await groups.addUser(root, { id: devs.id }, { id: alice.id });
    await groups.addUser(root, { id: devs.id }, { id: alice.id });
    assert.equal(await groups.hasUser(root, { id: devs.id }, { id: alice.id }), true);
    assert.deepEqual((await groups.listUsers(root, { id: devs.id })).users.map((u) => u.name), ['alice']);
    assert.deepEqual((await groups.listForUser(root, { id: alice.id })).groups.map((g) => g.name), ['devs']);
    await groups.removeUser(root, { id: devs.id }, { id: alice.id });
    assert.equal(await groups.hasUser(root, { id: devs.id }, { id: alice.id }), false);
    await assert.rejects(groups.removeUser(root, { id: devs.id }, { id: alice.id }), kind('not-found'));
    await assert.rejects(groups.addUser(root, { id: devs.id }, { id: 'f'.repeat(32) }), kind('not-found'));
  });

  it('without cascade, a group with members is a delete conflict', async () => {
    const devs = await groups.create(root, { name: 'devs' });
    const alice = await users.create(root, { name: 'alice' });
    await groups.addUser(root, { id: devs.id }, { id: alice.id });
    await assert.rejects(groups.delete(root, { id: devs.id }, { cascade: false }), kind('delete-conflict'));
    await groups.delete(root, { id: devs.id }, { cascade: true });
    assert.deepEqual((await groups.listForUser(root, { id: alice.id })).groups, []);
  });

  it('admin group members manage groups; other users get access-denied; nobody crosses accounts', async () => {
    const alice = await users.create(root, { name: 'alice' });
    const bob = await users.create(root, { name: 'bob' });
    const asAlice = contextOf({ accountId: root.principal.accountId, userId: alice.id, userName: 'alice', isRoot: false });
    const asBob = contextOf({ accountId: root.principal.accountId, userId: bob.id, userName: 'bob', isRoot: false });
    await assert.rejects(groups.create(asAlice, { name: 'x' }), kind('access-denied'));
    const admin = await groups.get(root, { name: 'admin' });
    await groups.addUser(root, { id: admin.id }, { id: alice.id });
    const made = await groups.create(asAlice, { name: 'x' });
    await groups.addUser(asAlice, { id: made.id }, { id: bob.id });
    await assert.rejects(groups.list(asBob, { limit: 10 }), kind('access-denied'));
    const other = await new AccountsService(deps).create('other', new PlainPassword('OtherRoot#2024'));
    const otherRoot = contextOf({ accountId: other.account.id, userId: other.root.id, userName: 'other', isRoot: true });
    await assert.rejects(groups.get(otherRoot, { id: made.id }), kind('not-found'));
    assert.ok(deps.sink.events().some((e) => e.action === 'iam:groups:createGroupV5' && e.outcome === 'denied'));
  });
});
