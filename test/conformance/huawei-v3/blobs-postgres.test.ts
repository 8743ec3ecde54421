/**
 * Keystone domain configuration, policies and OAuth1 consumers on PostgreSQL, two nodes
 * (POLYIAM_TEST_PG_URL): what one node writes the other reads (nothing of them is cached), the upsert
 * of a configuration update and the sealed values work on PostgreSQL too.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { openTwoNodes, type TwoNodes } from '../../support/nodes.js';
import { requirePostgres } from '../../support/tools.js';

describe('keystone domain configuration, policies and consumers on PostgreSQL, two nodes', () => {
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (adminUrl) nodes = await openTwoNodes(adminUrl, 'ksblobs');
  });
  after(() => nodes?.close());

  it('a configuration written on node A is read, updated and deleted on node B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { a, b, root } = nodes!;
    const made = await a.services.domainConfigs.create(root, { identity: { driver: 'ldap' }, ldap: { url: 'ldap://a/', password: 'bind-secret' } });
    assert.equal(made.created, true);
    assert.deepEqual(made.config, { identity: { driver: 'ldap' }, ldap: { url: 'ldap://a/' } });
    assert.deepEqual(await b.services.domainConfigs.update(root, { identity: { list_limit: 7 } }, { group: 'identity' }), { identity: { driver: 'ldap', list_limit: 7 }, ldap: { url: 'ldap://a/' } });
    assert.deepEqual(await a.services.domainConfigs.get(root, { group: 'identity', option: 'list_limit' }), { list_limit: 7 });
    assert.equal((await a.services.domainConfigs.create(root, { identity: { driver: 'sql' } })).created, false);
    await b.services.domainConfigs.delete(root, {});
    await assert.rejects(a.services.domainConfigs.get(root, {}), (err: Error & { kind?: string }) => err.kind === 'not-found');
  });

  it('policies and consumers written on node A are seen on node B; the consumer secret only at creation', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { a, b, root } = nodes!;
    const policy = await a.services.policyBlobs.create(root, { blob: '{"a": 1}', type: 'application/json' });
    await a.services.policyBlobs.create(root, { blob: 'b: 2', type: 'application/yaml' });
    assert.deepEqual((await b.services.policyBlobs.list(root, 'application/json')).map((p) => p.id), [policy.id]);
    assert.equal((await b.services.policyBlobs.update(root, policy.id, { type: 'text/plain' })).type, 'text/plain');
    assert.equal((await a.services.policyBlobs.get(root, policy.id)).type, 'text/plain');
    await b.services.policyBlobs.delete(root, policy.id);
    await assert.rejects(a.services.policyBlobs.get(root, policy.id), (err: Error & { kind?: string }) => err.kind === 'not-found');

    const made = await a.services.oauthConsumers.create(root, 'ci');
    assert.match(made.secret, /^[0-9a-f]{32}$/);
    const shown = await b.services.oauthConsumers.get(root, made.consumer.id);
    assert.deepEqual(Object.keys(shown).sort(), ['accountId', 'createdAt', 'description', 'id']);
    assert.equal((await b.services.oauthConsumers.update(root, made.consumer.id, null)).description, null);
    await b.services.oauthConsumers.delete(root, made.consumer.id);
    assert.deepEqual(await a.services.oauthConsumers.list(root), []);
  });
});
