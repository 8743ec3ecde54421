/**
 * @see #19 — revocation at once across two nodes on PostgreSQL: a credential revoked on node A is
 * refused by node B on the very next request after A acknowledged the change, with B's caches warm and
 * no wait for any notification. Signed requests go through the AWS SDK against B's HTTP server.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { Polyiam } from '../../src/app/polyiam.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import type { AuthenticatedToken } from '../../src/auth/tokens/token-service.js';
import { openNode, scratchDatabase, type ScratchDatabase } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';
import { serveNode } from './two-nodes.js';

describe('revocation at once across two nodes on PostgreSQL', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let bHttp: { url: string; close(): Promise<void> } | undefined;
  let root: CallContext;
  let database: ScratchDatabase | undefined;
  let n = 0;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    database = await scratchDatabase(adminUrl, 'polyiam_revoke');
    const masterKey = randomBytes(32).toString('base64');
    a = await openNode(database.url, masterKey);
    b = await openNode(database.url, masterKey);
    bHttp = await serveNode(b);
    const created = await a.services.accounts.create(`revoke${randomBytes(4).toString('hex')}`, new PlainPassword('RevokeRoot#2024'));
    root = systemContext(created.account.id, created.root.id, created.root.name);
  });
  after(async () => {
    await bHttp?.close();
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  /** a user allowed everything, with a password and an access key, made on A */
  async function member() {
    const user = await a!.services.users.create(root, { name: `member-${++n}` });
    await a!.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Member#Pass1'), passwordResetRequired: false });
    const { policy } = await a!.services.policies.create(root, {
      name: `all-${n}`,
      syntax: 'aws',
      document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }),
    });
    await a!.services.policyAttachments.attachToUser(root, { id: user.id }, { id: policy.id });
    const { key, secret } = await a!.services.accessKeys.create(root, { id: user.id });
    const client = new IAMClient({ endpoint: bHttp!.url, region: 'us-east-1', credentials: { accessKeyId: key.id, secretAccessKey: secret.reveal() }, maxAttempts: 1 });
    return { user, keyId: key.id, client };
  }

  /** a token issued on B for the member, used once on B so every cache of B holds it */
  async function tokenOnB(userId: string): Promise<string> {
    const tokens = b!.services.tokens;
    const grant = await tokens.signIn({ requestId: 'r', dialect: 'huawei-v3', sourceIp: null }, { user: { id: userId }, password: new PlainPassword('Member#Pass1') });
    const { token } = tokens.issue(grant, 'unscoped');
    await tokens.authenticate(token);
    return token;
  }

  const refusedReason = (token: string) =>
    b!.services.tokens.authenticate(token).then(
      (_: AuthenticatedToken) => 'accepted',
      (err: { reason?: string }) => err.reason ?? 'error',
    );

  async function signedOnB(client: IAMClient): Promise<string> {
    try {
      await client.send(new GetUserCommand({}));
      return 'accepted';
    } catch (err) {
      return (err as { name: string }).name;
    }
  }

  it('a token whose user changed password on A', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { user } = await member();
    const token = await tokenOnB(user.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a!.services.loginProfiles.update(root, { id: user.id }, { password: new PlainPassword('Member#Pass2') });
    assert.equal(await refusedReason(token), 'token-revoked');
  });

  it('a token whose user was disabled, or deleted, on A', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const first = await member();
    const disabled = await tokenOnB(first.user.id);
    await a!.services.users.update(root, { id: first.user.id }, { enabled: false });
    assert.equal(await refusedReason(disabled), 'user-disabled');

    const second = await member();
    const deleted = await tokenOnB(second.user.id);
    await a!.services.users.delete(root, { id: second.user.id }, { cascade: true });
    assert.equal(await refusedReason(deleted), 'token-invalid');
  });

  it('a token revoked on A', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { user } = await member();
    const token = await tokenOnB(user.id);
    assert.equal(await a!.services.tokens.revoke(root, token), true);
    assert.equal(await refusedReason(token), 'token-revoked');
  });

  it('an access key deleted, or deactivated, on A', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const first = await member();
    assert.equal(await signedOnB(first.client), 'accepted');
    await a!.services.accessKeys.delete(root, { id: first.user.id }, first.keyId);
    assert.equal(await signedOnB(first.client), 'InvalidClientTokenId');

    const second = await member();
    assert.equal(await signedOnB(second.client), 'accepted');
    await a!.services.accessKeys.updateStatus(root, { id: second.user.id }, second.keyId, 'inactive');
    assert.equal(await signedOnB(second.client), 'InvalidClientTokenId');
    await a!.services.accessKeys.updateStatus(root, { id: second.user.id }, second.keyId, 'active');
    assert.equal(await signedOnB(second.client), 'accepted', 'and back at once when reactivated');
  });

  it('an access key whose user was disabled on A', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const { user, client } = await member();
    assert.equal(await signedOnB(client), 'accepted');
    await a!.services.users.update(root, { id: user.id }, { enabled: false });
    assert.equal(await signedOnB(client), 'InvalidClientTokenId');
  });
});
