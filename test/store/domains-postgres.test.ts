/**
 * @see #16
 * Two polyiam nodes on one PostgreSQL database: a cloud operator disables a domain on node A, and the
 * token a user of that domain holds is refused on node B at once (the per-use revocation check reads
 * the account's flag), before any notification could have reached B; deleting the domain then takes
 * its users on both.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Polyiam } from '../../src/app/polyiam.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { openTwoNodes, type TwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

describe('domains on PostgreSQL, two nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let root: CallContext;
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    nodes = await openTwoNodes(adminUrl, 'domains');
    ({ a, b, root } = nodes);
  });
  after(() => nodes?.close());

  it('disabling a domain on node A refuses its token on node B at once', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const opsName = `ops${randomBytes(4).toString('hex')}`;
    const ops = await a!.services.accounts.create(opsName, new PlainPassword('Ops#Passw0rd24'));
    await a!.services.operators.grant(opsName, { user: opsName });
    const operator = systemContext(ops.account.id, ops.root.id, ops.root.name);

    const tenant = await a!.services.accounts.findById(root.principal.accountId);
    const facts = { requestId: 'pg-domains', dialect: 'huawei-v3', sourceIp: null };
    const grant = await b!.services.tokens.signIn(facts, { user: { name: root.principal.userName, domain: { name: tenant!.name } }, password: new PlainPassword('domainsRoot#2024') });
    const view = b!.services.tokens.issue(grant, 'domain');
    // node B has the holder and the account in its caches now
    assert.equal((await b!.services.tokens.authenticate(view.token)).principal.accountId, tenant!.id);
    assert.ok(Array.isArray((await b!.services.users.list(root, { limit: 10 })).items));

    await a!.services.domains.update(operator, tenant!.id, { enabled: false });
    await assert.rejects(b!.services.tokens.authenticate(view.token), (err: Error & { kind?: string; reason?: string }) => err.kind === 'authentication-failed' && err.reason === 'user-disabled');
    await assert.rejects(b!.services.tokens.signIn(facts, { user: { name: root.principal.userName, domain: { name: tenant!.name } }, password: new PlainPassword('domainsRoot#2024') }));

    await b!.services.domains.delete(operator, tenant!.id);
    assert.equal(await a!.services.accounts.findById(tenant!.id), undefined);
    assert.equal(await a!.store.db.selectFrom('users').select('id').where('account_id', '=', tenant!.id).executeTakeFirst(), undefined);
  });
});
