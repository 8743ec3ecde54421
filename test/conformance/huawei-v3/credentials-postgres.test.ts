/**
 * Keystone credentials on PostgreSQL, two nodes (POLYIAM_TEST_PG_URL): an EC2 credential made on one
 * node is an access key the other resolves, and its deletion on one is seen by the other; a token of an
 * application credential issued by one node dies on the other the moment the credential is deleted.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { openTwoNodes, type TwoNodes } from '../../support/nodes.js';
import { requirePostgres } from '../../support/tools.js';

describe('keystone credentials on PostgreSQL, two nodes', () => {
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (adminUrl) nodes = await openTwoNodes(adminUrl, 'kscred');
  });
  after(() => nodes?.close());

  it('an EC2 credential from node A signs on node B until A deletes it', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { a, b, root } = nodes!;
    const project = await a.services.projects.create(root, { name: 'ops' });
    const made = await a.services.keystoneCredentials.createEc2Credential(root, root.principal.userId, project.id);
    const resolved = await b.services.accessKeys.resolveSigningKey(made.access!);
    assert.equal(resolved.secret.reveal(), made.secret);
    assert.equal((await b.services.keystoneCredentials.get(root, made.id)).secret, made.secret);
    // a second, opaque credential: listed beside it, its blob sealed
    await a.services.keystoneCredentials.create(root, { userId: root.principal.userId, projectId: null, type: 'totp', blob: 'JBSWY3DPEHPK3PXP' });
    assert.deepEqual((await b.services.keystoneCredentials.list(root, {})).map((c) => c.type).sort(), ['ec2', 'totp']);
    await a.services.keystoneCredentials.deleteEc2Credential(root, root.principal.userId, made.access!);
    await assert.rejects(b.services.accessKeys.resolveSigningKey(made.access!), (err: Error & { reason?: string }) => err.reason === 'unknown-key');
  });

  it('an application credential token from node A dies on node B when A deletes the credential', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { a, b, root } = nodes!;
    const project = await a.services.projects.create(root, { name: 'apps' });
    const member = (await a.services.keystoneRoles.list(root)).find((r) => r.name === 'member')!;
    const made = await a.services.applicationCredentials.create(root, root.principal.userId, { projectId: project.id, heldRoles: [member] }, { name: 'ci', secret: 'ci-secret-value' });
    const credential = await b.services.applicationCredentials.authenticate({ id: made.credential.id }, 'ci-secret-value');
    const view = await b.services.tokens.issueForApplicationCredential(credential);
    assert.equal((await a.services.tokens.authenticate(view.token)).claims.applicationCredentialId, made.credential.id);
    await a.services.applicationCredentials.delete(root, root.principal.userId, made.credential.id);
    await assert.rejects(b.services.tokens.authenticate(view.token), (err: Error & { reason?: string }) => err.reason === 'token-revoked');
    await assert.rejects(b.services.applicationCredentials.authenticate({ id: made.credential.id }, 'ci-secret-value'));
  });
});
