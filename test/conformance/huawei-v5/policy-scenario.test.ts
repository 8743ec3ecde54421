/**
 * Issue #5's scenario through Huawei v5: a tag-conditioned identity policy lets alice give bob (team a)
 * a console password but not carol (team b); carol's 403 carries an encoded authorization message that
 * the root decodes with STS5 DecodeAuthorizationMessage, showing the action, resource, failed condition
 * and the value the request held.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { AttachUserPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachUserPolicyReqBody.js';
import { AttachUserPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachUserPolicyV5Request.js';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { CreatePolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreatePolicyReqBody.js';
import { CreatePolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreatePolicyV5Request.js';
import { Tag } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tag.js';
import { TagResourceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/TagResourceV5Request.js';
import { Tags } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tags.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, createUserWithKey, expectSdkError, rawRequest, rootKeys, v5Client, assertV5Error, type Json, type Keys } from './support.js';

const POLICY = {
  Version: '5.0',
  Statement: [{ Effect: 'Allow', Action: ['iam:users:createLoginProfileV5'], Resource: ['*'], Condition: { StringEquals: { 'g:ResourceTag/team': ['a'] } } }],
};

interface HcClientLike {
  sendRequest(options: Record<string, unknown>): Promise<unknown>;
}

/**
 * STS5 DecodeAuthorizationMessage through the SDK core's own signing client: no npm SDK wraps the STS5
 * API (`@huaweicloud/huaweicloud-sdk-sts` is not published), so the request is built as the IAM
 * client's builders build theirs and sent by the same `HcClient`.
 */
function decode(client: IamClient, encoded: string): Promise<Json> {
  const hc = (client as unknown as { hcClient: HcClientLike }).hcClient;
  return hc.sendRequest({
    method: 'POST',
    url: '/v5/decode-authorization-message',
    contentType: 'application/json',
    queryParams: {},
    pathParams: {},
    headers: { 'Content-Type': 'application/json' },
    data: { encoded_message: encoded },
    responseHeaders: [''],
  }) as Promise<Json>;
}

describe('huawei-v5 issue #5 scenario: a tag-conditioned policy, its 403 and the STS5 decode', () => {
  let server: TestServer;
  let root: IamClient;
  let alice: IamClient;
  let aliceKeys: Keys;
  let bobId: string;
  let carolId: string;

  before(async () => {
    server = await startTestServer();
    root = v5Client(server, rootKeys(server));
    const a = await createUserWithKey(root, 'alice');
    aliceKeys = a.keys;
    alice = v5Client(server, aliceKeys);
    bobId = await createUser(root, 'bob');
    carolId = await createUser(root, 'carol');
    await root.tagResourceV5(new TagResourceV5Request(bobId, 'user').withBody(new Tags().withTags([new Tag('team', 'a')])));
    await root.tagResourceV5(new TagResourceV5Request(carolId, 'user').withBody(new Tags().withTags([new Tag('team', 'b')])));
    const created = await call(root.createPolicyV5(new CreatePolicyV5Request().withBody(new CreatePolicyReqBody('TeamAConsole', JSON.stringify(POLICY)))));
    await root.attachUserPolicyV5(new AttachUserPolicyV5Request(created.policy!.policy_id).withBody(new AttachUserPolicyReqBody(a.userId)));
  });
  after(() => server.close());

  const profile = (id: string) => new CreateLoginProfileV5Request().withUserId(id).withBody(new CreateLoginProfileReqBody('Password0', false));

  it("alice gives bob (team=a) a login profile: 201", async () => {
    const created = await call(alice.createLoginProfileV5(profile(bobId)));
    assert.equal(created.httpStatusCode, 201);
    assert.equal(created.login_profile!.user_id, bobId);
  });

  it('alice is refused for carol (team=b): 403 PAP5.0001 with encoded_authorization_message; the root decodes it', async () => {
    const e = await expectSdkError(alice.createLoginProfileV5(profile(carolId)), 403, 'PAP5.0001', /^access denied: iam:users:createLoginProfileV5/);
    const encoded = e.encodedAuthorizationMessage;
    assert.ok(encoded, 'the SDK read encoded_authorization_message');
    // the raw 403 carries the same four fields
    const raw = await rawRequest(server, { method: 'POST', path: `/v5/users/${carolId}/login-profile`, body: JSON.stringify({ password: 'Password0', password_reset_required: false }), keys: aliceKeys });
    assertV5Error(raw, 403, 'PAP5.0001');
    assert.equal(typeof raw.json!.encoded_authorization_message, 'string');

    const decoded = await decode(root, encoded);
    assert.equal(decoded.httpStatusCode, 200);
    assert.equal(typeof decoded.decoded_message, 'string');
    const message = JSON.parse(decoded.decoded_message!) as {
      allowed: boolean;
      explicit_deny: boolean;
      failures: Array<{ policy_name: string; reason: string; condition?: { operator: string; key: string; values: string[]; request_values: string[] | null } }>;
      context: { action: string; resource: string; principal: { urn: string }; conditions: Array<{ key: string; values: string[] }> };
    };
    assert.equal(message.allowed, false);
    assert.equal(message.explicit_deny, false);
    assert.equal(message.context.action, 'iam:users:createLoginProfileV5');
    assert.match(message.context.resource, /^iam::[0-9a-f]+:user:carol$/);
    assert.match(message.context.principal.urn, /:user:alice$/);
    const failure = message.failures.find((f) => f.reason === 'condition-failed');
    assert.ok(failure, JSON.stringify(message.failures));
    assert.equal(failure.policy_name, 'TeamAConsole');
    assert.equal(failure.condition!.operator, 'StringEquals');
    assert.equal(failure.condition!.key, 'g:ResourceTag/team');
    assert.deepEqual(failure.condition!.values, ['a']);
    assert.deepEqual(failure.condition!.request_values, ['b']);
    assert.ok(message.context.conditions.some((c) => c.key === 'g:ResourceTag/team' && c.values[0] === 'b'));
  });

  it('alice may not decode her own denial (sts::decodeAuthorizationMessage is not hers); garbage is a 400', async () => {
    const e = await expectSdkError(alice.createLoginProfileV5(profile(carolId)), 403, 'PAP5.0001');
    await expectSdkError(decode(alice, e.encodedAuthorizationMessage!), 403, 'PAP5.0001', /sts::decodeAuthorizationMessage/);
    await expectSdkError(decode(root, 'bm90LWEtbWVzc2FnZQ'), 400, 'IAM.0007', /encoded_message/);
    const missing = await rawRequest(server, { method: 'POST', path: '/v5/decode-authorization-message', body: '{}', keys: rootKeys(server) });
    assertV5Error(missing, 400, 'IAM.0072', /encoded_message/);
  });
});
