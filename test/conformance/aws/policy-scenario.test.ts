/**
 * Issue #5's scenario through AWS: a Huawei-v5-syntax policy conditioned on the target's tag lets alice
 * give bob (team a) a console password but not carol (team b). Carol's AccessDenied has AWS's wording;
 * the root decodes the explanation (sent in `x-polyiam-encoded-authorization-message`, since IAM's body
 * has none) with STS DecodeAuthorizationMessage. An explicit Deny in AWS syntax then stops bob's too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteLoginProfileCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys, type Keys } from './support.js';

const HUAWEI_POLICY = {
  Version: '5.0',
  Statement: [{ Effect: 'Allow', Action: ['iam:users:createLoginProfileV5'], Resource: ['*'], Condition: { StringEquals: { 'g:ResourceTag/team': ['a'] } } }],
};
const DENY_POLICY = { Version: '2012-10-17', Statement: [{ Sid: 'NoPasswords', Effect: 'Deny', Action: 'iam:CreateLoginProfile', Resource: '*' }] };

/** Captures the response headers of the last call an SDK client made (the encoded message travels there). */
function captureHeaders(client: IAMClient): { last: Record<string, string> } {
  const seen = { last: {} as Record<string, string> };
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const out = await next(args);
        seen.last = (out.response as { headers: Record<string, string> }).headers;
        return out;
      } catch (err) {
        const response = (err as { $response?: { headers: Record<string, string> } }).$response;
        if (response) seen.last = response.headers;
        throw err;
      }
    },
    { step: 'deserialize', name: 'captureHeaders', priority: 'low' },
  );
  return seen;
}

export function stsClient(server: TestServer, keys: Keys): STSClient {
  return new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, maxAttempts: 1 });
}

describe('aws issue #5 scenario: a tag-conditioned policy, AWS AccessDenied wording, STS decode', () => {
  let server: TestServer;
  let root: IAMClient;
  let alice: IAMClient;
  let aliceHeaders: { last: Record<string, string> };
  let accountId: string;

  before(async () => {
    server = await startTestServer();
    root = awsClient(server, rootKeys(server));
    accountId = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    await root.send(new CreateUserCommand({ UserName: 'alice' }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    alice = awsClient(server, { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! });
    aliceHeaders = captureHeaders(alice);
    await root.send(new CreateUserCommand({ UserName: 'bob', Tags: [{ Key: 'team', Value: 'a' }] }));
    await root.send(new CreateUserCommand({ UserName: 'carol', Tags: [{ Key: 'team', Value: 'b' }] }));
    // the Huawei v5 document, written through the core as the Huawei v5 API would write it
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    await server.polyiam.services.policies.create(ctx, { name: 'team-a-passwords', syntax: 'huawei-v5', document: JSON.stringify(HUAWEI_POLICY) });
    await root.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: `arn:aws:iam::${accountId}:policy/team-a-passwords` }));
  });
  after(() => server.close());

  it('alice may give bob (team a) a console password', async () => {
    const out = await alice.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Bob-Passw0rd!' }));
    assert.equal(out.LoginProfile?.UserName, 'bob');
  });

  it('carol (team b) is refused with AWS\'s AccessDenied wording, and the root decodes why through STS', async () => {
    const err = await expectAwsError(
      alice.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Carol-Passw0rd!' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${accountId}:user/alice is not authorized to perform: iam:CreateLoginProfile on resource: arn:aws:iam::${accountId}:user/carol because no identity-based policy allows the iam:CreateLoginProfile action`,
    );
    assert.doesNotMatch(err.message, /Encoded authorization failure message/, 'AWS IAM puts no encoded message in the body');
    const encoded = aliceHeaders.last['x-polyiam-encoded-authorization-message'];
    assert.ok(encoded, 'the encoded message travels in a header');

    const sts = stsClient(server, rootKeys(server));
    const { DecodedMessage } = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const decoded = JSON.parse(DecodedMessage!) as {
      allowed: boolean;
      explicitDeny: boolean;
      failures: { items: Array<{ condition?: { key: string; policyValues: string[]; requestValues: string[] | null } }> };
      context: { action: string; resource: string; principal: { arn: string } };
    };
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.action, 'iam:CreateLoginProfile');
    assert.equal(decoded.context.resource, `arn:aws:iam::${accountId}:user/carol`);
    assert.equal(decoded.context.principal.arn, `arn:aws:iam::${accountId}:user/alice`);
    const condition = decoded.failures.items.find((f) => f.condition)?.condition;
    assert.ok(condition, DecodedMessage);
    assert.equal(condition.key, 'g:ResourceTag/team');
    assert.deepEqual(condition.policyValues, ['a']);
    assert.deepEqual(condition.requestValues, ['b']);

    // decoding is a permission of its own: alice, who was denied, may not read the explanation
    const aliceSts = stsClient(server, { ak: (await alice.config.credentials()).accessKeyId, sk: (await alice.config.credentials()).secretAccessKey });
    try {
      await aliceSts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
      assert.fail('alice decoded her own denial');
    } catch (e) {
      assert.ok(e instanceof STSServiceException);
      assert.equal(e.name, 'AccessDenied');
      assert.match(e.message, /sts:DecodeAuthorizationMessage/);
    }
  });

  it('an explicit Deny in AWS syntax attached to alice stops bob\'s password too, worded as an explicit deny', async () => {
    await root.send(new DeleteLoginProfileCommand({ UserName: 'bob' }));
    await root.send(new CreatePolicyCommand({ PolicyName: 'no-passwords', PolicyDocument: JSON.stringify(DENY_POLICY) }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: `arn:aws:iam::${accountId}:policy/no-passwords` }));
    await expectAwsError(
      alice.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Bob-Passw0rd!' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${accountId}:user/alice is not authorized to perform: iam:CreateLoginProfile on resource: arn:aws:iam::${accountId}:user/bob with an explicit deny in an identity-based policy`,
    );
    const sts = stsClient(server, rootKeys(server));
    const { DecodedMessage } = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: aliceHeaders.last['x-polyiam-encoded-authorization-message']! }));
    const decoded = JSON.parse(DecodedMessage!) as { explicitDeny: boolean; matchedStatements: { items: Array<{ statementId: string; effect: string }> } };
    assert.equal(decoded.explicitDeny, true);
    assert.deepEqual(decoded.matchedStatements.items.map((s) => [s.statementId, s.effect]), [['NoPasswords', 'DENY']]);
  });
});
