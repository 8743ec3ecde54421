/**
 * @see #13 — temporary credentials across two nodes on PostgreSQL: a role session is served by node B
 * (its key is in no table: the role's standing is what is checked), and a role deleted on node A is
 * refused by B on the very next request, with B's caches warm and no wait for any notification.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Polyiam } from '../../src/app/polyiam.js';
import type { CallContext } from '../../src/core/principal.js';
import { eventually, openTwoNodes, type TwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';
import { serveNode } from './two-nodes.js';

describe('role sessions across two nodes on PostgreSQL', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let bHttp: { url: string; close(): Promise<void> } | undefined;
  let root: CallContext;
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    nodes = await openTwoNodes(adminUrl, 'roles');
    ({ a, b, root } = nodes);
    bHttp = await serveNode(nodes.b);
  });
  after(async () => {
    await bHttp?.close();
    await nodes?.close();
  });

  it('a session made on B reads on B; its role deleted on A is refused on B at once', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const s = a!.services;
    const account = (await s.accounts.findById(root.principal.accountId))!;
    const user = await s.users.create(root, { name: 'assumer' });
    const { key, secret } = await s.accessKeys.create(root, { id: user.id });
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.awsAccountId}:user/assumer` }, Action: 'sts:AssumeRole' }] });
    const { role } = await s.roles.create(root, { name: 'two-node-reader', trustPolicy: trust, syntax: 'aws' });
    await s.roles.attachPolicy(root, { id: role.id }, { name: 'IAMReadOnlyAccess', scope: 'system' });
    const sts = new STSClient({ endpoint: bHttp!.url, region: 'us-east-1', credentials: { accessKeyId: key.id, secretAccessKey: secret.reveal() }, maxAttempts: 1 });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.awsAccountId}:role/two-node-reader`, RoleSessionName: 'on-b' }))).Credentials!;
    const session = new IAMClient({ endpoint: bHttp!.url, region: 'us-east-1', credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1 });
    const listed = await session.send(new ListUsersCommand({}));
    assert.ok(listed.Users!.some((u) => u.UserName === 'assumer'));
    await s.roles.detachPolicy(root, { id: role.id }, { name: 'IAMReadOnlyAccess', scope: 'system' });
    await s.roles.delete(root, { id: role.id });
    await assert.rejects(session.send(new ListUsersCommand({})), (err: { name: string }) => err.name === 'InvalidClientTokenId');
  });

  it('AssumeRole on B, which reads the role from its cache, follows a trust policy changed on A', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const s = a!.services;
    const account = (await s.accounts.findById(root.principal.accountId))!;
    const user = await s.users.create(root, { name: 'assumer-2' });
    const { key, secret } = await s.accessKeys.create(root, { id: user.id });
    const trustOf = (name: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.awsAccountId}:user/${name}` }, Action: 'sts:AssumeRole' }] });
    const { role } = await s.roles.create(root, { name: 'two-node-trust', trustPolicy: trustOf('assumer-2'), syntax: 'aws' });
    const sts = new STSClient({ endpoint: bHttp!.url, region: 'us-east-1', credentials: { accessKeyId: key.id, secretAccessKey: secret.reveal() }, maxAttempts: 1 });
    const assume = () => sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.awsAccountId}:role/two-node-trust`, RoleSessionName: 'on-b' }));
    await assume();
    await s.roles.updateTrustPolicy(root, { id: role.id }, trustOf('someone-else'), 'aws');
    const refused = await eventually(() => assume().then(() => false, (err: { name: string }) => err.name === 'AccessDenied'), 5_000);
    assert.ok(refused, 'B kept admitting the caller after A changed the trust policy');
  });
});
