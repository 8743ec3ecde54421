/**
 * @see #16
 * Keystone global roles on PostgreSQL, two nodes: a cloud operator makes a global role on node A, a
 * tenant's root grants it on node B (where it is seen like a built-in role) and B's tokens carry it;
 * deleting it on A removes its grants in every account in one transaction, and B's remembered token
 * roles drop it once the change arrives (change feed over LISTEN/NOTIFY). SQLite runs the same flows
 * through test/conformance/huawei-v3/global-roles.test.ts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Polyiam } from '../../src/app/polyiam.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { eventually, openTwoNodes, type TwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

describe('global roles on PostgreSQL, two nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let root: CallContext;
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    nodes = await openTwoNodes(adminUrl, 'globalroles');
    ({ a, b, root } = nodes);
  });
  after(() => nodes?.close());

  it('a global role made on A is granted and carried on B, and its deletion on A reaches B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const opsName = `ops${randomBytes(4).toString('hex')}`;
    const ops = await a!.services.accounts.create(opsName, new PlainPassword('Ops#Passw0rd24'));
    await a!.services.operators.grant(opsName, { user: opsName });
    const operator = (await a!.services.operators.asOperator(systemContext(ops.account.id, ops.root.id, ops.root.name)))!;
    assert.ok(operator.principal.operator);

    // a non-operator's role stays its account's; the operator's is global
    const own = await b!.services.keystoneRoles.create(root, { name: 'tenant-own' });
    assert.equal(own.isGlobal, false);
    await assert.rejects(a!.services.keystoneRoles.create(root, { name: 'sneaky', global: true }), (err: Error & { kind?: string }) => err.kind === 'access-denied');
    const role = await a!.services.keystoneRoles.create(operator, { name: 'deployer', global: true });
    assert.equal(role.isGlobal, true);
    assert.equal(role.accountId, null);
    // two identical creates: the database decides (the unique name among global roles)
    await assert.rejects(b!.services.keystoneRoles.create(operator, { name: 'Deployer', global: true }), (err: Error & { kind?: string }) => err.kind === 'already-exists');

    // node B sees it in the tenant and grants it there; the operator grants it at home too
    assert.equal((await b!.services.keystoneRoles.get(root, role.id)).name, 'deployer');
    await b!.services.grants.grant(root, { actorType: 'user', actorId: root.principal.userId, targetType: 'domain', targetId: root.principal.accountId, roleId: role.id, inherited: false });
    await a!.services.grants.grant(operator, { actorType: 'user', actorId: ops.root.id, targetType: 'domain', targetId: ops.account.id, roleId: role.id, inherited: false });
    const tenant = await b!.services.accounts.findById(root.principal.accountId);
    const facts = { requestId: 'pg-global-roles', dialect: 'huawei-v3', sourceIp: null };
    const grant = await b!.services.tokens.signIn(facts, { user: { name: root.principal.userName, domain: { name: tenant!.name } }, password: new PlainPassword('globalrolesRoot#2024') });
    const subject = (await b!.services.tokens.authenticate(b!.services.tokens.issue(grant, 'domain').token)).subject;
    assert.ok((await b!.services.grants.tokenRoles(subject, { type: 'domain' })).some((r) => r.id === role.id));

    // deleted on A: its grants go in both accounts at once, and B's remembered roles drop it
    await a!.services.keystoneRoles.delete(operator, role.id);
    assert.deepEqual(await a!.store.db.selectFrom('role_assignments').select('account_id').where('role_id', '=', role.id).execute(), []);
    assert.ok(await eventually(async () => !(await b!.services.grants.tokenRoles(subject, { type: 'domain' })).some((r) => r.id === role.id), 5_000));
    await assert.rejects(b!.services.keystoneRoles.get(root, role.id), (err: Error & { kind?: string }) => err.kind === 'not-found');
    // the tenant's own role is untouched
    assert.equal((await b!.services.keystoneRoles.get(root, own.id)).name, 'tenant-own');
  });
});
