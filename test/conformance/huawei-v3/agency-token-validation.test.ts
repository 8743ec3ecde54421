/**
 * @see #13
 * Agency tokens (Keystone tokens by `assume_role`) scoped to a project by name, and validated by
 * GET/HEAD /v3/auth/tokens (Huawei keystoneValidateToken) through the official SDK: the body names the
 * agency, who assumed it (`assumed_by`), the project and the granted roles; a token that is tampered,
 * from another domain's point of view, or whose agency is gone, is not found (404). Such a token also
 * buys temporary AK/SK of its own session (createTemporaryAccessKeyByToken with it as X-Auth-Token).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AgencyTokenAssumerole,
  CreateTemporaryAccessKeyByTokenRequest,
  CreateTemporaryAccessKeyByTokenRequestBody,
  AgencyTokenAuth,
  AgencyTokenIdentity,
  AgencyTokenScope,
  AgencyTokenScopeProject,
  DeleteAgencyRequest,
  IamClient,
  KeystoneCreateAgencyTokenRequest,
  KeystoneCreateAgencyTokenRequestBody,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  KeystoneListUsersRequest,
  KeystoneValidateTokenRequest,
  ServicePolicy,
  ServiceStatement,
  TokenAuth,
  TokenAuthIdentity,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type RootCredentials, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, type Keys } from '../aws/support.js';
import { createAgency, expectSdkStatus, v3Client } from './agency-support.js';
import { send } from './support.js';

const READER = '1a84de4ba68b46c20481b1b954d6b23a';

interface AgencyTokenBody {
  methods: string[];
  issued_at: string;
  expires_at: string;
  assumed_by: { user: { id: string; name: string; domain: { id: string; name: string } } };
  user: { id: string; name: string; domain: { id: string } };
  domain?: { id: string };
  project?: { id: string; name: string; domain: { id: string } };
  roles: Array<{ id: string; name: string }>;
}

describe('agency tokens scoped to a project by name, and their validation, through the official SDK', () => {
  let server: TestServer;
  let partner: RootCredentials;
  let bob: Keys;
  let domain: string;
  let agencyId: string;
  let projectId: string;

  const asBob = () => IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(bob.ak).withSk(bob.sk).withDomainId(partner.account.id)).withEndpoint(server.url).build();
  const agencyToken = async (scope: AgencyTokenScope) => {
    const auth = new AgencyTokenAuth(new AgencyTokenIdentity(['assume_role'], new AgencyTokenAssumerole('ops').withDomainId(domain)), scope);
    return (await asBob().keystoneCreateAgencyToken(new KeystoneCreateAgencyTokenRequest().withBody(new KeystoneCreateAgencyTokenRequestBody(auth)))) as unknown as { httpStatusCode: number; token: AgencyTokenBody; 'X-Subject-Token': string };
  };
  const validate = async (client: IamClient, token: string) =>
    (await client.keystoneValidateToken(new KeystoneValidateTokenRequest().withXSubjectToken(token).withNocatalog('true'))) as unknown as { httpStatusCode: number; token: AgencyTokenBody };
  const byName = () => new AgencyTokenScope().withProject(new AgencyTokenScopeProject().withName('agency-project'));

  before(async () => {
    server = await startTestServer();
    domain = server.root.account.id;
    partner = await server.createAccount('partner');
    const partnerIam = awsClient(server, { ak: partner.root.access_key_id, sk: partner.root.secret_access_key });
    bob = await createUserWithKey(partnerIam, 'bob');
    await partnerIam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
    agencyId = (await createAgency(v3Client(server, server.root), domain, (o) => o.withName('ops').withTrustDomainName('partner'))).agency!.id;
    const ctx = systemContext(domain, server.root.root.user_id, server.root.root.user_name);
    projectId = (await server.polyiam.services.projects.create(ctx, { name: 'agency-project' })).id;
    await server.polyiam.services.agencyGrants.grant(ctx, { agencyId, targetType: 'project', targetId: projectId, roleId: READER, inherited: false });
    await server.polyiam.services.agencyGrants.grant(ctx, { agencyId, targetType: 'domain', targetId: domain, roleId: READER, inherited: false });
  });
  after(() => server.close());

  it('scope.project by name alone is the project of that name in the agency\'s domain', async () => {
    const out = await agencyToken(byName());
    assert.equal(out.httpStatusCode, 201);
    assert.equal(out.token.project?.id, projectId);
    assert.equal(out.token.project?.name, 'agency-project');
    assert.deepEqual(out.token.roles.map((r) => r.id), [READER]);
    const other = new AgencyTokenScope().withProject(new AgencyTokenScopeProject().withName('no-such-project'));
    await expectSdkStatus(agencyToken(other), 401, /no access to project/);
  });

  it('keystoneValidateToken by the agency\'s domain answers the token as issued: assumed_by, the agency, its project and roles', async () => {
    const out = await agencyToken(byName());
    const shown = await validate(v3Client(server, server.root), out['X-Subject-Token']);
    assert.equal(shown.httpStatusCode, 200);
    assert.deepEqual(shown.token.methods, ['assume_role']);
    assert.equal(shown.token.expires_at, out.token.expires_at);
    assert.equal(shown.token.issued_at, out.token.issued_at);
    assert.deepEqual(shown.token.assumed_by.user, { ...out.token.assumed_by.user });
    assert.equal(shown.token.assumed_by.user.name, 'bob');
    assert.equal(shown.token.assumed_by.user.domain.name, 'partner');
    assert.equal(shown.token.user.id, agencyId);
    assert.equal(shown.token.project?.id, projectId);
    assert.equal(shown.token.domain, undefined);
    assert.deepEqual(shown.token.roles.map((r) => r.name), ['reader']);
  });

  it('the token may validate itself (GET and HEAD with it as X-Auth-Token)', async () => {
    const token = (await agencyToken(byName()))['X-Subject-Token'];
    const got = await send(server, 'GET', '/v3/auth/tokens', { token, subject: token });
    assert.equal(got.status, 200, got.text);
    assert.equal(got.headers.get('x-subject-token'), token);
    const head = await send(server, 'HEAD', '/v3/auth/tokens', { token, subject: token });
    assert.equal(head.status, 200);
  });

  it('an agency token as X-Auth-Token of createTemporaryAccessKeyByToken: AK/SK of that agency session, never outliving it', async () => {
    const out = await agencyToken(byName());
    const token = out['X-Subject-Token'];
    const ask = (identity: Record<string, unknown>) => send(server, 'POST', '/v3.0/OS-CREDENTIAL/securitytokens', { token, body: { auth: { identity: { methods: ['token'], ...identity } } } });
    const reply = await ask({ token: { duration_seconds: 86_400 } });
    assert.equal(reply.status, 201, reply.text);
    const credential = (reply.body as unknown as { credential: { access: string; secret: string; securitytoken: string; expires_at: string } }).credential;
    assert.ok(Date.parse(credential.expires_at) <= Date.parse(out.token.expires_at), `${credential.expires_at} after ${out.token.expires_at}`);
    const session = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(credential.access).withSk(credential.secret).withSecurityToken(credential.securitytoken).withDomainId(domain)).withEndpoint(server.url).build();
    assert.equal(((await session.keystoneListUsers(new KeystoneListUsersRequest())) as unknown as { httpStatusCode: number }).httpStatusCode, 200);
    await expectSdkStatus(session.keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(new KeystoneCreateUserOption('mallory').withDomainId(domain)))), 403);
    // narrowed further by a session policy of its own
    const narrowed = await ask({ policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['iam:groups:listGroups'] }] } });
    assert.equal(narrowed.status, 201, narrowed.text);
    const c = (narrowed.body as unknown as { credential: { access: string; secret: string; securitytoken: string } }).credential;
    const limited = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(c.access).withSk(c.secret).withSecurityToken(c.securitytoken).withDomainId(domain)).withEndpoint(server.url).build();
    await expectSdkStatus(limited.keystoneListUsers(new KeystoneListUsersRequest()), 403);
    // credentials that carry a session policy cannot take a second one: it would not be one document
    const second = new TokenAuthIdentity(['token']).withPolicy(new ServicePolicy('1.1', [new ServiceStatement(['iam:users:listUsers'], 'Allow')]));
    const request = new CreateTemporaryAccessKeyByTokenRequest().withBody(new CreateTemporaryAccessKeyByTokenRequestBody(new TokenAuth(second)));
    await expectSdkStatus(limited.createTemporaryAccessKeyByToken(request), 400, /policy/);
  });

  it('not found (404): tampered, asked by another domain (the assumer\'s), and once the agency is deleted', async () => {
    const token = (await agencyToken(byName()))['X-Subject-Token'];
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expectSdkStatus(validate(v3Client(server, server.root), tampered), 404);
    await expectSdkStatus(validate(asBob(), token), 404);
    const head = await send(server, 'HEAD', '/v3/auth/tokens', { token, subject: tampered });
    assert.equal(head.status, 404);
    await v3Client(server, server.root).deleteAgency(new DeleteAgencyRequest().withAgencyId(agencyId));
    await expectSdkStatus(validate(v3Client(server, server.root), token), 404);
  });
});
