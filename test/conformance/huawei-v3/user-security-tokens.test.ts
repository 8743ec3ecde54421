/**
 * @see #13
 * Huawei temporary AK/SK by token (CreateTemporaryAccessKeyByToken, iam_04_0002) through the official
 * SDK: a user gets temporary credentials of its own, which sign v3 and v5 calls with `X-Security-Token`
 * and carry the user's rights, narrowed by a session policy (`Version` `1.1` or `5.0`) when one is given;
 * refused past their expiry, after the user is deleted, and with Huawei's errors for bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  CreateTemporaryAccessKeyByTokenRequest,
  CreateTemporaryAccessKeyByTokenRequestBody,
  IamClient,
  IdentityToken,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  KeystoneListUsersRequest,
  ServicePolicy,
  ServiceStatement,
  TokenAuth,
  TokenAuthIdentity,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { IamClient as V5Client } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DeleteAccessKeyCommand, DeleteLoginProfileCommand, DeleteUserCommand, DeleteUserPolicyCommand, PutUserPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, type Keys } from '../aws/support.js';
import { expectSdkStatus } from './agency-support.js';
import { issueToken, KEYSTONE_TIME, send } from './support.js';

interface Credential {
  access: string;
  secret: string;
  securitytoken: string;
  expires_at: string;
}

const PASSWORD = 'Us3r-Passw0rd!';

describe('huawei temporary AK/SK by token through the official SDK', () => {
  let server: TestServer;
  let iam: IAMClient;
  let alice: Keys;
  let domain: string;

  const clientOf = (credentials: GlobalCredentials) => IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
  const longTerm = (keys: Keys) => new GlobalCredentials().withAk(keys.ak).withSk(keys.sk).withDomainId(domain);
  const session = (c: Credential) => new GlobalCredentials().withAk(c.access).withSk(c.secret).withSecurityToken(c.securitytoken).withDomainId(domain);
  const v5Of = (c: Credential) => V5Client.newBuilder().withCredential(session(c)).withEndpoint(server.url).build();

  /** alice (or the credentials given) asks for temporary AK/SK of its own */
  const temporary = async (options: { seconds?: number; policy?: ServicePolicy; as?: GlobalCredentials } = {}) => {
    const identity = new TokenAuthIdentity(['token']);
    if (options.seconds !== undefined) identity.withToken(new IdentityToken().withDurationSeconds(options.seconds));
    if (options.policy) identity.withPolicy(options.policy);
    const request = new CreateTemporaryAccessKeyByTokenRequest().withBody(new CreateTemporaryAccessKeyByTokenRequestBody(new TokenAuth(identity)));
    return (await clientOf(options.as ?? longTerm(alice)).createTemporaryAccessKeyByToken(request)) as unknown as { httpStatusCode: number; credential: Credential };
  };
  const createUser = (c: Credential, name: string) =>
    clientOf(session(c)).keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(new KeystoneCreateUserOption(name).withDomainId(domain))));
  const listUsers = async (c: Credential) => ((await clientOf(session(c)).keystoneListUsers(new KeystoneListUsersRequest())) as unknown as { users: Array<{ name: string }> }).users;

  before(async () => {
    server = await startTestServer();
    domain = server.root.account.id;
    iam = awsClient(server, { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });
    alice = await createUserWithKey(iam, 'alice', PASSWORD);
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'iam', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }) }));
  });
  after(() => server.close());

  it('answers access, secret, securitytoken and expires_at: 15 minutes by default, duration_seconds when given', async () => {
    const before = server.polyiam.services.clock.now();
    const out = await temporary();
    assert.equal(out.httpStatusCode, 201);
    assert.match(out.credential.expires_at, KEYSTONE_TIME);
    const lifetime = Date.parse(out.credential.expires_at) - before;
    assert.ok(lifetime >= 899_000 && lifetime <= 901_000, String(lifetime));
    assert.notEqual(out.credential.access, alice.ak);
    const day = await temporary({ seconds: 86_400 });
    assert.ok(Date.parse(day.credential.expires_at) - before >= 86_399_000);
  });

  it('the temporary AK/SK with X-Security-Token has the user\'s own rights on v3 and v5, IAM writes included', async () => {
    const { credential } = await temporary({ seconds: 3600 });
    assert.ok((await listUsers(credential)).some((u) => u.name === 'alice'));
    const v5 = (await v5Of(credential).listUsersV5(new ListUsersV5Request())) as unknown as { users: Array<{ user_name: string }> };
    assert.ok(v5.users.some((u) => u.user_name === 'alice'));
    const made = (await createUser(credential, 'made-by-session')) as unknown as { httpStatusCode: number };
    assert.equal(made.httpStatusCode, 201);
    // audited: the issue by alice's key and the calls by the temporary key, with no secret or token in them
    await server.polyiam.services.audit.flush();
    const trail = new CloudTrailClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: server.root.root.access_key_id, secretAccessKey: server.root.root.secret_access_key }, maxAttempts: 1 });
    const bySession = (await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: credential.access }] }))).Events ?? [];
    assert.ok(bySession.length >= 3, JSON.stringify(bySession.map((e) => e.EventName)));
    const byAlice = (await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] }))).Events ?? [];
    const everything = JSON.stringify([...bySession, ...byAlice]);
    assert.ok(byAlice.some((e) => (e.CloudTrailEvent ?? '').includes('createTemporaryAccessKeyByAgency') || e.EventName === 'GetSessionToken'), everything.slice(0, 2000));
    for (const secret of [credential.secret, credential.securitytoken, alice.sk]) assert.ok(!everything.includes(secret));
  });

  it('a session policy in the v3 syntax (Version 1.1) narrows the credentials: listing users works, creating one is refused', async () => {
    const policy = new ServicePolicy('1.1', [new ServiceStatement(['iam:users:listUsers'], 'Allow')]);
    const { credential } = await temporary({ policy });
    assert.ok((await listUsers(credential)).some((u) => u.name === 'alice'));
    await v5Of(credential).listUsersV5(new ListUsersV5Request());
    await expectSdkStatus(createUser(credential, 'not-made'), 403);
    // an explicit Deny in the session policy wins over the user's own Allow
    const deny = new ServicePolicy('1.1', [new ServiceStatement(['iam:*:*'], 'Allow'), new ServiceStatement(['iam:users:listUsers'], 'Deny')]);
    await expectSdkStatus(listUsers((await temporary({ policy: deny })).credential), 403);
  });

  it('a session policy in the v5 syntax (Version 5.0) narrows them too; it never widens the user\'s rights', async () => {
    const v5 = new ServicePolicy('5.0', [new ServiceStatement(['iam:users:listUsersV5'], 'Allow')]);
    const { credential } = await temporary({ policy: v5 });
    await listUsers(credential);
    await expectSdkStatus(createUser(credential, 'not-made-either'), 403);
    // bob holds no policy: a session policy allowing everything gives his credentials nothing
    const bob = await createUserWithKey(iam, 'bob');
    const everything = new ServicePolicy('1.1', [new ServiceStatement(['iam:*:*'], 'Allow')]);
    const bobs = (await temporary({ policy: everything, as: longTerm(bob) })).credential;
    await expectSdkStatus(listUsers(bobs), 403);
  });

  it('with X-Auth-Token (a password token, no body token id): the token\'s user gets the credentials', async () => {
    const { token } = await issueToken(server, 'alice', PASSWORD);
    const reply = await send(server, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', { token, body: { auth: { identity: { methods: ['token'], token: { duration_seconds: 900 } } } } });
    assert.equal(reply.status, 201, reply.text);
    const credential = (reply.body as unknown as { credential: Credential }).credential;
    assert.ok((await listUsers(credential)).some((u) => u.name === 'alice'));
    // iam_04_0002's own request example: a body token id and duration_seconds as a string
    const example = await send(server, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', { token, body: { auth: { identity: { methods: ['token'], token: { id: token, duration_seconds: '900' } } } } });
    assert.equal(example.status, 201, example.text);
    const tooLong = await send(server, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', { token, body: { auth: { identity: { methods: ['token'], token: { duration_seconds: '90000' } } } } });
    assert.equal(tooLong.status, 400, tooLong.text);
    assert.match((tooLong.body as { error_msg?: string }).error_msg ?? '', /duration_seconds/);
  });

  it('bad input: duration_seconds out of 900..86400, a malformed policy, an unknown method (400, Huawei envelope)', async () => {
    await expectSdkStatus(temporary({ seconds: 899 }), 400, /duration_seconds/);
    await expectSdkStatus(temporary({ seconds: 86_401 }), 400, /duration_seconds/);
    await expectSdkStatus(temporary({ policy: new ServicePolicy('9.9', [new ServiceStatement(['iam:users:listUsers'], 'Allow')]) }), 400, /version/);
    const reply = await send(server, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', { token: (await issueToken(server, 'alice', PASSWORD)).token, body: { auth: { identity: { methods: ['password'] } } } });
    assert.equal(reply.status, 400, reply.text);
    assert.equal((reply.body as { error_code?: string }).error_code, 'IAM.0007');
  });

  it('refused: temporary credentials asking for more (403), past their expiry (test clock, 401), after the user is deleted (401)', async () => {
    const { credential } = await temporary({ seconds: 900 });
    await expectSdkStatus(temporary({ as: session(credential) }), 403);
    server.polyiam.testClock!.advance(901_000);
    try {
      await expectSdkStatus(listUsers(credential), 401);
    } finally {
      server.polyiam.testClock!.advance(-901_000);
    }
    const carol = await createUserWithKey(iam, 'carol');
    const live = (await temporary({ as: longTerm(carol) })).credential;
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: carol.ak }));
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'carol' }));
    await iam.send(new DeleteUserCommand({ UserName: 'carol' }));
    await expectSdkStatus(listUsers(live), 401);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'iam' }));
  });
});
