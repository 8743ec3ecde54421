/**
 * @see #13
 * Keystone tokens by `assume_role` (Huawei KeystoneCreateAgencyToken) through the official SDK: a user
 * of the trusted account gets a token of the agency in the trusting domain or one of its projects,
 * carrying the agency's granted roles; with it as X-Auth-Token, v3 calls have the agency's rights.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AgencyTokenAssumerole,
  AgencyTokenAuth,
  AgencyTokenIdentity,
  AgencyTokenScope,
  AgencyTokenScopeDomain,
  AgencyTokenScopeProject,
  AssociateAgencyWithDomainPermissionRequest,
  DeleteAgencyRequest,
  IamClient,
  KeystoneCreateAgencyTokenRequest,
  KeystoneCreateAgencyTokenRequestBody,
  KeystoneCreateProjectOption,
  KeystoneCreateProjectRequest,
  KeystoneCreateProjectRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startTestServer, type RootCredentials, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, type Keys } from '../aws/support.js';
import { createAgency, expectSdkStatus, v3Client } from './agency-support.js';
import { send } from './support.js';

const READER = '1a84de4ba68b46c20481b1b954d6b23a';

interface AgencyToken {
  methods: string[];
  expires_at: string;
  assumed_by: { user: { name: string; domain: { id: string } } };
  user: { id: string; name: string; domain: { id: string } };
  domain?: { id: string };
  project?: { id: string };
  roles: Array<{ id: string; name: string }>;
}

describe('keystone tokens by assume_role through the official SDK', () => {
  let server: TestServer;
  let partner: RootCredentials;
  let bob: Keys;
  let domain: string;
  let agencyId: string;
  let projectId: string;

  const agencyToken = async (scope: AgencyTokenScope, name = 'ops') => {
    const client = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(bob.ak).withSk(bob.sk).withDomainId(partner.account.id)).withEndpoint(server.url).build();
    const auth = new AgencyTokenAuth(new AgencyTokenIdentity(['assume_role'], new AgencyTokenAssumerole(name).withDomainId(domain)), scope);
    const out = (await client.keystoneCreateAgencyToken(new KeystoneCreateAgencyTokenRequest().withBody(new KeystoneCreateAgencyTokenRequestBody(auth)))) as unknown as { httpStatusCode: number; token: AgencyToken; 'X-Subject-Token': string };
    return out;
  };

  before(async () => {
    server = await startTestServer();
    domain = server.root.account.id;
    partner = await server.createAccount('partner');
    const partnerIam = awsClient(server, { ak: partner.root.access_key_id, sk: partner.root.secret_access_key });
    bob = await createUserWithKey(partnerIam, 'bob');
    await partnerIam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
    const client = v3Client(server, server.root);
    agencyId = (await createAgency(client, domain, (o) => o.withName('ops').withTrustDomainName('partner'))).agency!.id;
    await client.associateAgencyWithDomainPermission(new AssociateAgencyWithDomainPermissionRequest(domain, agencyId, READER));
    const project = (await client.keystoneCreateProject(new KeystoneCreateProjectRequest().withBody(new KeystoneCreateProjectRequestBody(new KeystoneCreateProjectOption('agency-project'))))) as unknown as { project: { id: string } };
    projectId = project.project.id;
  });
  after(() => server.close());

  it('a domain-scoped agency token names the agency, who assumed it and the roles granted on the domain', async () => {
    const out = await agencyToken(new AgencyTokenScope().withDomain(new AgencyTokenScopeDomain().withId(domain)));
    assert.equal(out.httpStatusCode, 201);
    assert.ok(out['X-Subject-Token']);
    assert.deepEqual(out.token.methods, ['assume_role']);
    assert.equal(out.token.user.id, agencyId);
    assert.equal(out.token.domain?.id, domain);
    assert.equal(out.token.assumed_by.user.name, 'bob');
    assert.equal(out.token.assumed_by.user.domain.id, partner.account.id);
    assert.deepEqual(out.token.roles.map((r) => r.name), ['reader']);

    // the token as X-Auth-Token: the agency's rights (IAM read-only) in the trusting domain
    const users = await send(server, 'GET', '/v3/users', { token: out['X-Subject-Token'] });
    assert.equal(users.status, 200, users.text);
    assert.ok(users.body.users!.some((u) => u.name === server.root.root.user_name));
    const write = await send(server, 'POST', '/v3/users', { token: out['X-Subject-Token'], body: { user: { name: 'mallory', domain_id: domain } } });
    assert.equal(write.status, 403, write.text);
  });

  it('project scope needs a grant on the project (401 without); the token dies with the agency', async () => {
    const scope = new AgencyTokenScope().withProject(new AgencyTokenScopeProject().withId(projectId));
    await expectSdkStatus(agencyToken(scope), 401, /no access to project/);
    await expectSdkStatus(agencyToken(new AgencyTokenScope().withDomain(new AgencyTokenScopeDomain().withId(partner.account.id))), 401, /no access to domain/);
    await expectSdkStatus(agencyToken(new AgencyTokenScope().withDomain(new AgencyTokenScopeDomain().withId(domain)), 'no-such-agency'), 403);
    const inProject = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(domain)).withEndpoint(server.url).build();
    const granted = await send(server, 'PUT', `/v3.0/OS-AGENCY/projects/${projectId}/agencies/${agencyId}/roles/${READER}`, { token: await rootToken(server) });
    assert.equal(granted.status, 204, granted.text);
    const out = await agencyToken(scope);
    assert.equal(out.token.project?.id, projectId);
    assert.deepEqual(out.token.roles.map((r) => r.id), [READER]);

    await inProject.deleteAgency(new DeleteAgencyRequest().withAgencyId(agencyId));
    const after = await send(server, 'GET', '/v3/users', { token: out['X-Subject-Token'] });
    assert.equal(after.status, 401, after.text);
  });
});

async function rootToken(server: TestServer): Promise<string> {
  const body = { auth: { identity: { methods: ['password'], password: { user: { name: server.root.root.user_name, password: server.root.root.password, domain: { name: server.root.account.name } } } }, scope: { domain: { name: server.root.account.name } } } };
  const reply = await send(server, 'POST', '/v3/auth/tokens', { body });
  return reply.headers.get('x-subject-token')!;
}
