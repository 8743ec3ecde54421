/**
 * Huawei v3.0 permanent access keys on PostgreSQL, two nodes (POLYIAM_TEST_PG_URL): a key's
 * description (migration 0028) is written by one node and read by the other, and a key one node
 * deactivates signs nothing on the other from that moment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { openTwoNodes, type TwoNodes } from '../../support/nodes.js';
import { requirePostgres } from '../../support/tools.js';

describe('huawei-v3.0 permanent access keys on PostgreSQL, two nodes', () => {
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (adminUrl) nodes = await openTwoNodes(adminUrl, 'hwkeys');
  });
  after(() => nodes?.close());

  it('a description set on node A is read on node B; a key A deactivates no longer signs on B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { a, b, root } = nodes!;
    const user = await a.services.users.create(root, { name: 'pg-key-owner' });
    const { key } = await a.services.accessKeys.create(root, { id: user.id }, { description: 'made on a' });
    assert.equal((await b.services.accessKeys.resolveSigningKey(key.id)).user.id, user.id);
    const listed = await b.services.accessKeys.list(root, { id: user.id });
    assert.deepEqual(listed.keys.map((k) => k.description), ['made on a']);

    await a.services.accessKeys.updateStatus(root, { id: user.id }, key.id, 'inactive', 'retired on a');
    await assert.rejects(b.services.accessKeys.resolveSigningKey(key.id), (err: Error & { reason?: string }) => err.reason === 'inactive-key');
    const after = await b.services.accessKeys.list(root, { id: user.id });
    assert.deepEqual(after.keys.map((k) => [k.status, k.description]), [['inactive', 'retired on a']]);
    assert.equal(await b.services.accessKeys.ownerOf(root.principal.accountId, key.id), user.id);
    assert.equal(await b.services.accessKeys.ownerOf('0'.repeat(32), key.id), undefined, 'another account names no owner');
  });
});
