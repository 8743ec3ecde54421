/**
 * AWS STS (Version 2011-06-15) on polyiam's one port through @aws-sdk/client-sts: GetCallerIdentity,
 * and DecodeAuthorizationMessage's own errors (the decode of a real denial is in
 * test/conformance/aws/policy-scenario.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, InvalidAuthorizationMessageException, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys, type Keys } from '../aws/support.js';

const sts = (server: TestServer, keys: Keys) =>
  new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, maxAttempts: 1 });

describe('aws sts through the official SDK', () => {
  let server: TestServer;
  let acct: string;
  let userKeys: Keys;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateUserCommand({ UserName: 'erin', Path: '/ops/' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'erin' }));
    userKeys = { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! };
  });
  after(() => server.close());

  it('GetCallerIdentity needs no permission: the root is the account, a user its ARN and AIDA id', async () => {
    const rootId = await sts(server, rootKeys(server)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([rootId.Account, rootId.Arn, rootId.UserId], [acct, `arn:aws:iam::${acct}:root`, acct]);
    const user = await sts(server, userKeys).send(new GetCallerIdentityCommand({}));
    assert.equal(user.Account, acct);
    assert.equal(user.Arn, `arn:aws:iam::${acct}:user/ops/erin`);
    assert.match(user.UserId!, /^AIDA[A-Z0-9]{17}$/);
  });

  it('DecodeAuthorizationMessage: a forged message is InvalidAuthorizationMessageException; a user without sts:DecodeAuthorizationMessage is AccessDenied', async () => {
    await assert.rejects(sts(server, rootKeys(server)).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-a-message' })), (err) => {
      assert.ok(err instanceof InvalidAuthorizationMessageException, String(err));
      assert.equal(err.$metadata.httpStatusCode, 400);
      return true;
    });
    await assert.rejects(sts(server, userKeys).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-a-message' })), (err) => {
      assert.ok(err instanceof STSServiceException);
      assert.equal(err.name, 'AccessDenied');
      assert.equal(err.$metadata.httpStatusCode, 403);
      assert.match(err.message, new RegExp(`^User: arn:aws:iam::${acct}:user/ops/erin is not authorized to perform: sts:DecodeAuthorizationMessage`));
      return true;
    });
  });

  it('an unsigned STS call is MissingAuthenticationToken in the STS namespace', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    assert.equal(res.status, 403);
    const body = await res.text();
    assert.match(body, /<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    assert.match(body, /<Code>MissingAuthenticationToken<\/Code>/);
  });
});
