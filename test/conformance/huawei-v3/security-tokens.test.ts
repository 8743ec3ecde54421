/**
 * @see #13
 * Huawei temporary AK/SK by agency (CreateTemporaryAccessKeyByAgency) through the official SDK: a user of
 * the trusted account gets the agency's session credentials, which sign v3 and v5 calls with
 * `X-Security-Token` (GlobalCredentials.withSecurityToken) and have the agency's granted rights only;
 * refused when tampered, expired (test clock) or after the agency is deleted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AgencyAuth,
  AgencyAuthIdentity,
  AssociateAgencyWithDomainPermissionRequest,
  AssumeroleSessionuser,
  CreateTemporaryAccessKeyByAgencyRequest,
  CreateTemporaryAccessKeyByAgencyRequestBody,
  DeleteAgencyRequest,
  IamClient,
  IdentityAssumerole,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  KeystoneListGroupsRequest,
  KeystoneListUsersRequest,
  ServicePolicy,
  ServiceStatement,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { IamClient as V5Client } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { PutUserPolicyCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type RootCredentials, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, type Keys } from '../aws/support.js';
import { createAgency, expectSdkStatus, v3Client } from './agency-support.js';

/** the built-in Keystone `reader` role: IAM read-only on the domain */
const READER = '1a84de4ba68b46c20481b1b954d6b23a';

interface Credential {
  access: string;
  secret: string;
  securitytoken: string;
  expires_at: string;
}

const sessionCredentials = (domainId: string, c: Credential) => new GlobalCredentials().withAk(c.access).withSk(c.secret).withSecurityToken(c.securitytoken).withDomainId(domainId);
const sessionV3 = (server: TestServer, domainId: string, c: Credential) => IamClient.newBuilder().withCredential(sessionCredentials(domainId, c)).withEndpoint(server.url).build();
const sessionV5 = (server: TestServer, domainId: string, c: Credential) => V5Client.newBuilder().withCredential(sessionCredentials(domainId, c)).withEndpoint(server.url).build();

describe('huawei temporary AK/SK by agency through the official SDK', () => {
  let server: TestServer;
  let partner: RootCredentials;
  let bob: Keys;
  let agencyId: string;
  let domain: string;

  /** bob (a user of the trusted account) asks for the agency's temporary AK/SK */
  const temporary = async (name = 'ops', seconds?: number, policy?: ServicePolicy) => {
    const assume = new IdentityAssumerole(name).withDomainId(domain).withSessionUser(new AssumeroleSessionuser().withName('bob-session'));
    if (seconds !== undefined) assume.withDurationSeconds(seconds);
    const client = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(bob.ak).withSk(bob.sk).withDomainId(partner.account.id)).withEndpoint(server.url).build();
    const identity = new AgencyAuthIdentity(['assume_role'], assume);
    if (policy) identity.withPolicy(policy);
    const body = new CreateTemporaryAccessKeyByAgencyRequestBody(new AgencyAuth(identity));
    return (await client.createTemporaryAccessKeyByAgency(new CreateTemporaryAccessKeyByAgencyRequest().withBody(body))) as unknown as { httpStatusCode: number; credential: Credential };
  };

  before(async () => {
    server = await startTestServer();
    domain = server.root.account.id;
    partner = await server.createAccount('partner');
    const partnerIam = awsClient(server, { ak: partner.root.access_key_id, sk: partner.root.secret_access_key });
    bob = await createUserWithKey(partnerIam, 'bob');
    // cross-account: the trusted account's own policy must allow the assumption too
    await partnerIam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
    const client = v3Client(server, server.root);
    agencyId = (await createAgency(client, domain, (o) => o.withName('ops').withTrustDomainName('partner'))).agency!.id;
    await client.associateAgencyWithDomainPermission(new AssociateAgencyWithDomainPermissionRequest(domain, agencyId, READER));
  });
  after(() => server.close());

  it('createTemporaryAccessKeyByAgency answers access, secret, securitytoken and expires_at (15 minutes by default)', async () => {
    const before = server.polyiam.services.clock.now();
    const out = await temporary();
    assert.equal(out.httpStatusCode, 201);
    assert.match(out.credential.expires_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const lifetime = Date.parse(out.credential.expires_at) - before;
    assert.ok(lifetime >= 899_000 && lifetime <= 901_000, String(lifetime));
    assert.ok(out.credential.access.length > 0 && out.credential.secret.length > 0 && out.credential.securitytoken.length > 0);
  });

  it('the temporary AK/SK with X-Security-Token reads the trusting domain on v3 and v5, and cannot write', async () => {
    const { credential } = await temporary();
    const v3 = sessionV3(server, domain, credential);
    const users = (await v3.keystoneListUsers(new KeystoneListUsersRequest())) as unknown as { users: Array<{ name: string }> };
    assert.ok(users.users.some((u) => u.name === server.root.root.user_name));
    const v5 = (await sessionV5(server, domain, credential).listUsersV5(new ListUsersV5Request())) as unknown as { users: unknown[] };
    assert.ok(v5.users.length >= 1);
    await expectSdkStatus(v3.keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(new KeystoneCreateUserOption('mallory').withDomainId(domain)))), 403);
  });

  it('a session policy (Version 1.1, as Huawei documents it) narrows the agency\'s rights: groups listed, users refused on v3 and v5', async () => {
    const policy = new ServicePolicy('1.1', [new ServiceStatement(['iam:groups:listGroups'], 'Allow')]);
    const { credential } = await temporary('ops', undefined, policy);
    const v3 = sessionV3(server, domain, credential);
    assert.equal(((await v3.keystoneListGroups(new KeystoneListGroupsRequest())) as unknown as { httpStatusCode: number }).httpStatusCode, 200);
    await expectSdkStatus(v3.keystoneListUsers(new KeystoneListUsersRequest()), 403);
    await expectSdkStatus(sessionV5(server, domain, credential).listUsersV5(new ListUsersV5Request()), 403);
    // the session policy never widens: the agency holds `reader`, a policy allowing writes still cannot write
    const wide = (await temporary('ops', undefined, new ServicePolicy('1.1', [new ServiceStatement(['iam:*:*'], 'Allow')]))).credential;
    await expectSdkStatus(sessionV3(server, domain, wide).keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(new KeystoneCreateUserOption('mallory').withDomainId(domain)))), 403);
    await expectSdkStatus(temporary('ops', undefined, new ServicePolicy('1.1', [new ServiceStatement(['not an action'], 'Allow')])), 400, /action/i);
  });

  it('durations past 12 h: up to 24 h (86400 s) for an agency, unless its owner held the role below 12 h (400 naming duration_seconds)', async () => {
    const before = server.polyiam.services.clock.now();
    const day = (await temporary('ops', 86_400)).credential;
    assert.ok(Date.parse(day.expires_at) - before >= 86_399_000, day.expires_at);
    await expectSdkStatus(temporary('ops', 86_401), 400, /duration_seconds/);
    const rootIam = awsClient(server, { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });
    await rootIam.send(new UpdateRoleCommand({ RoleName: 'ops', MaxSessionDuration: 3600 }));
    try {
      await expectSdkStatus(temporary('ops', 7200), 400, /duration_seconds/);
      assert.equal((await temporary('ops', 3600)).httpStatusCode, 201);
    } finally {
      await rootIam.send(new UpdateRoleCommand({ RoleName: 'ops', MaxSessionDuration: 43_200 }));
    }
  });

  it('refused: a tampered token (401), an expired one (test clock, 401), and every one after the agency is deleted (401)', async () => {
    const { credential } = await temporary('ops', 900);
    const tampered = { ...credential, securitytoken: credential.securitytoken.slice(0, -4) + (credential.securitytoken.endsWith('AAAA') ? 'BBBB' : 'AAAA') };
    await expectSdkStatus(sessionV3(server, domain, tampered).keystoneListUsers(new KeystoneListUsersRequest()), 401);
    server.polyiam.testClock!.advance(901_000);
    try {
      await expectSdkStatus(sessionV3(server, domain, credential).keystoneListUsers(new KeystoneListUsersRequest()), 401);
    } finally {
      server.polyiam.testClock!.advance(-901_000);
    }
    const live = (await temporary()).credential;
    await v3Client(server, server.root).deleteAgency(new DeleteAgencyRequest().withAgencyId(agencyId));
    await expectSdkStatus(sessionV3(server, domain, live).keystoneListUsers(new KeystoneListUsersRequest()), 401);
    await expectSdkStatus(sessionV5(server, domain, live).listUsersV5(new ListUsersV5Request()), 401);
  });

  it('an agency past its duration (ONEDAY, made two days ago on the test clock) is refused by its own trust policy (403)', async () => {
    // signed calls carry the real time: the agency is made through core while the server clock is back
    server.polyiam.testClock!.advance(-2 * 86_400_000);
    try {
      await server.polyiam.services.agencies.create(systemContext(domain, server.root.root.user_id, server.root.root.user_name), { name: 'oneday', trust: { name: 'partner' }, durationDays: 1 });
    } finally {
      server.polyiam.testClock!.advance(2 * 86_400_000);
    }
    await expectSdkStatus(temporary('oneday'), 403);
    await createAgency(v3Client(server, server.root), domain, (o) => o.withName('fresh').withTrustDomainName('partner').withDuration('ONEDAY' as unknown as object));
    assert.equal((await temporary('fresh')).httpStatusCode, 201);
  });

  it('bad input: duration out of range (400), an unknown agency (403), a caller the trust does not name (403)', async () => {
    await expectSdkStatus(temporary('ops', 899), 400, /duration_seconds/);
    await expectSdkStatus(temporary('no-such-agency'), 403);
    const client = v3Client(server, server.root);
    const third = await server.createAccount('third');
    await createAgency(client, domain, (o) => o.withName('elsewhere').withTrustDomainName(third.account.name));
    await expectSdkStatus(temporary('elsewhere'), 403);
  });
});
