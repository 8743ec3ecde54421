/**
 * Issue #5's scenario through Kingsoft signed requests (the Go SDK's simple signature): a Huawei-v5
 * policy conditioned on the target's tag, Kingsoft's AccessDenied in its envelope with AWS's wording and
 * KRNs, the explanation decoded by the root through AWS STS, then an explicit Deny in Kingsoft syntax.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { errorOf, ks, rootKeys, type Keys, type KsResponse } from './support.js';

type Json = Record<string, unknown>;

const HUAWEI_POLICY = {
  Version: '5.0',
  Statement: [{ Effect: 'Allow', Action: ['iam:users:createLoginProfileV5'], Resource: ['*'], Condition: { StringEquals: { 'g:ResourceTag/team': ['a'] } } }],
};

describe('kingsoft issue #5 scenario: a tag-conditioned policy, AccessDenied in the Kingsoft envelope, STS decode', () => {
  let server: TestServer;
  let root: Keys;
  let alice: Keys;
  let krnAccount: number;
  const ok = async (keys: Keys, params: Record<string, string>): Promise<Json> => {
    const res = await ks(server, keys, params, { json: true });
    assert.equal(res.status, 200, res.body);
    return res.doc as Json;
  };

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    krnAccount = (await server.polyiam.services.accounts.findById(server.root.account.id))!.numericId;
    await ok(root, { Action: 'CreateUser', UserName: 'alice' });
    const created = (await ok(root, { Action: 'CreateAccessKey', UserName: 'alice' })) as { CreateAccessKeyResult: { AccessKey: { AccessKeyId: string; SecretAccessKey: string } } };
    alice = { ak: created.CreateAccessKeyResult.AccessKey.AccessKeyId, sk: created.CreateAccessKeyResult.AccessKey.SecretAccessKey };
    await ok(root, { Action: 'CreateUser', UserName: 'bob' });
    await ok(root, { Action: 'TagUser', UserName: 'bob', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'a' });
    await ok(root, { Action: 'CreateUser', UserName: 'carol' });
    await ok(root, { Action: 'TagUser', UserName: 'carol', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'b' });
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    await server.polyiam.services.policies.create(ctx, { name: 'team-a-passwords', syntax: 'huawei-v5', document: JSON.stringify(HUAWEI_POLICY) });
    await ok(root, { Action: 'AttachUserPolicy', UserName: 'alice', PolicyArn: `krn:ksc:iam::${krnAccount}:policy/team-a-passwords` });
  });
  after(() => server.close());

  const createProfile = (user: string): Promise<KsResponse> => ks(server, alice, { Action: 'CreateLoginProfile', UserName: user, Password: 'Some-Passw0rd!' });

  it('alice gives bob a password; carol is AccessDenied with the AWS wording in KRNs, and the root decodes it', async () => {
    assert.equal((await createProfile('bob')).status, 200);
    const denied = await createProfile('carol');
    assert.equal(denied.status, 403);
    const error = errorOf(denied);
    assert.equal(error.Code, 'AccessDenied');
    assert.equal(
      error.Message,
      `User: krn:ksc:iam::${krnAccount}:user/alice is not authorized to perform: iam:CreateLoginProfile on resource: krn:ksc:iam::${krnAccount}:user/carol because no identity-based policy allows the iam:CreateLoginProfile action`,
    );
    const encoded = denied.headers['x-polyiam-encoded-authorization-message'];
    assert.equal(typeof encoded, 'string');
    const sts = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: root.ak, secretAccessKey: root.sk }, maxAttempts: 1 });
    const { DecodedMessage } = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: String(encoded) }));
    const decoded = JSON.parse(DecodedMessage!) as { failures: { items: Array<{ condition?: { key: string; requestValues: string[] } }> }; context: { action: string } };
    assert.equal(decoded.context.action, 'iam:CreateLoginProfile');
    assert.deepEqual(decoded.failures.items.find((f) => f.condition)?.condition?.requestValues, ['b']);
  });

  it('an explicit Deny in Kingsoft syntax stops bob\'s password too, worded as an explicit deny', async () => {
    await ok(root, { Action: 'DeleteLoginProfile', UserName: 'bob' });
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:CreateLoginProfile', Resource: `krn:ksc:iam::${krnAccount}:user/*` }] };
    await ok(root, { Action: 'CreatePolicy', PolicyName: 'no-passwords', PolicyDocument: JSON.stringify(deny) });
    await ok(root, { Action: 'AttachUserPolicy', UserName: 'alice', PolicyArn: `krn:ksc:iam::${krnAccount}:policy/no-passwords` });
    const denied = await createProfile('bob');
    assert.equal(denied.status, 403);
    assert.equal(
      errorOf(denied).Message,
      `User: krn:ksc:iam::${krnAccount}:user/alice is not authorized to perform: iam:CreateLoginProfile on resource: krn:ksc:iam::${krnAccount}:user/bob with an explicit deny in an identity-based policy`,
    );
  });

  it('policy reads answer KRNs, system policies under krn:ksc:iam::ksc:policy/', async () => {
    const got = (await ok(root, { Action: 'GetPolicy', PolicyArn: `krn:ksc:iam::${krnAccount}:policy/no-passwords` })) as { GetPolicyResult: { Policy: Json } };
    assert.equal(got.GetPolicyResult.Policy.Arn, `krn:ksc:iam::${krnAccount}:policy/no-passwords`);
    const attached = (await ok(root, { Action: 'ListAttachedUserPolicies', UserName: 'alice' })) as { ListAttachedUserPoliciesResult: { AttachedPolicies: { Member: Json[] } } };
    assert.deepEqual(attached.ListAttachedUserPoliciesResult.AttachedPolicies.Member.map((p) => p.PolicyName), ['team-a-passwords', 'no-passwords']);
    const system = (await ok(root, { Action: 'ListPolicies', Scope: 'AWS' })) as { ListPoliciesResult: { Policies: { Member: Json[] } } };
    assert.ok(system.ListPoliciesResult.Policies.Member.every((p) => String(p.Arn).startsWith('krn:ksc:iam::ksc:policy/')));
    const bad = await ks(server, root, { Action: 'CreatePolicy', PolicyName: 'bad', PolicyDocument: '{' }, { json: true });
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad).Code, 'MalformedPolicyDocument');
  });
});
