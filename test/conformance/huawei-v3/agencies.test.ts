/**
 * @see #13
 * Huawei IAM v3.0 OS-AGENCY through the official SDK (IamClient v3): agencies are core roles whose trust
 * names the trusted account; permissions granted on the domain, a project and every project; one role
 * is one role (AWS GetRole sees the agency and the policy its domain grant attached).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AssociateAgencyWithAllProjectsPermissionRequest,
  AssociateAgencyWithDomainPermissionRequest,
  AssociateAgencyWithProjectPermissionRequest,
  CheckDomainPermissionForAgencyRequest,
  CheckProjectPermissionForAgencyRequest,
  DeleteAgencyRequest,
  IamClient,
  KeystoneCreateProjectOption,
  KeystoneCreateProjectRequest,
  KeystoneCreateProjectRequestBody,
  ListAgenciesRequest,
  ListAllProjectsPermissionsForAgencyRequest,
  ListDomainPermissionsForAgencyRequest,
  ListProjectPermissionsForAgencyRequest,
  RemoveDomainPermissionFromAgencyRequest,
  ShowAgencyRequest,
  UpdateAgencyOption,
  UpdateAgencyRequest,
  UpdateAgencyRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { GetRoleCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { startTestServer, type RootCredentials, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys } from '../aws/support.js';
import { createAgency, expectSdkStatus, v3Client } from './agency-support.js';


interface WireAgency {
  id: string;
  name: string;
  domain_id: string;
  trust_domain_id: string | null;
  trust_domain_name?: string | null;
  description: string;
  duration: string;
  create_time: string;
  expire_time: string | null;
  agency_urn?: string;
}
type Reply = { httpStatusCode: number; agency?: WireAgency; agencies?: WireAgency[]; roles?: Array<{ id: string; name: string }> };

const call = async (promise: Promise<unknown>) => (await promise) as Reply;
const AGENCY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
/** the built-in Keystone `reader` role: IAM read-only on the domain */
const READER = '1a84de4ba68b46c20481b1b954d6b23a';
const SECU_ADMIN = '6f3c1b1e9a2d4c0b8e7f5a4d3c2b1a09';

describe('huawei v3.0 agencies through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let domain: string;
  let partner: RootCredentials;

  before(async () => {
    server = await startTestServer();
    client = v3Client(server, server.root);
    domain = server.root.account.id;
    partner = await server.createAccount('partner');
  });
  after(() => server.close());

  it('createAgency, showAgency, listAgencies (filters), updateAgency, deleteAgency', async () => {
    const created = await createAgency(client, domain, (o) => o.withName('ops').withTrustDomainName('partner').withDescription('partner ops').withDuration('ONEDAY' as unknown as object));
    assert.equal(created.httpStatusCode, 201);
    const agency = created.agency!;
    assert.equal(agency.name, 'ops');
    assert.equal(agency.domain_id, domain);
    assert.equal(agency.trust_domain_id, partner.account.id);
    assert.equal(agency.duration, '24');
    assert.match(agency.create_time, AGENCY_TIME);
    assert.match(agency.expire_time ?? '', AGENCY_TIME);

    const shown = (await call(client.showAgency(new ShowAgencyRequest().withAgencyId(agency.id)))).agency!;
    assert.equal(shown.trust_domain_name, 'partner');
    assert.equal(shown.agency_urn, `iam::${domain}:agency:ops`);

    await createAgency(client, domain, (o) => o.withName('other').withTrustDomainId(partner.account.id));
    const all = (await call(client.listAgencies(new ListAgenciesRequest().withDomainId(domain)))).agencies!;
    assert.deepEqual(all.map((a) => a.name), ['ops', 'other']);
    assert.equal(all.find((a) => a.name === 'other')!.duration, 'FOREVER');
    assert.equal(all.find((a) => a.name === 'other')!.expire_time, null);
    const named = (await call(client.listAgencies(new ListAgenciesRequest().withDomainId(domain).withName('ops')))).agencies!;
    assert.deepEqual(named.map((a) => a.name), ['ops']);
    const byTrust = (await call(client.listAgencies(new ListAgenciesRequest().withDomainId(domain).withTrustDomainId(domain)))).agencies!;
    assert.equal(byTrust.length, 0);

    const updated = (await call(client.updateAgency(new UpdateAgencyRequest().withAgencyId(agency.id).withBody(new UpdateAgencyRequestBody(new UpdateAgencyOption().withDescription('changed').withDuration('FOREVER' as unknown as object)))))).agency!;
    assert.equal(updated.description, 'changed');
    assert.equal(updated.duration, 'FOREVER');
    assert.equal(updated.expire_time, null);
    const days = (await call(client.updateAgency(new UpdateAgencyRequest().withAgencyId(agency.id).withBody(new UpdateAgencyRequestBody(new UpdateAgencyOption().withDuration(20 as unknown as object)))))).agency!;
    assert.equal(days.duration, '480');
    assert.equal(days.trust_domain_id, partner.account.id);

    const other = all.find((a) => a.name === 'other')!;
    assert.equal((await call(client.deleteAgency(new DeleteAgencyRequest().withAgencyId(other.id)))).httpStatusCode, 204);
    await expectSdkStatus(client.showAgency(new ShowAgencyRequest().withAgencyId(other.id)), 404);
  });

  it('grants on the domain, a project and every project; the domain grant attaches the role policy (AWS sees it)', async () => {
    const { agency } = await createAgency(client, domain, (o) => o.withName('auditor').withTrustDomainId(partner.account.id));
    const id = agency!.id;
    assert.equal((await call(client.associateAgencyWithDomainPermission(new AssociateAgencyWithDomainPermissionRequest(domain, id, READER)))).httpStatusCode, 204);
    assert.equal((await call(client.checkDomainPermissionForAgency(new CheckDomainPermissionForAgencyRequest(domain, id, READER)))).httpStatusCode, 204);
    const onDomain = (await call(client.listDomainPermissionsForAgency(new ListDomainPermissionsForAgencyRequest().withDomainId(domain).withAgencyId(id)))).roles!;
    assert.deepEqual(onDomain.map((r) => r.name), ['reader']);

    const iam = awsClient(server, rootKeys(server));
    const role = await iam.send(new GetRoleCommand({ RoleName: 'auditor' }));
    assert.match(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!), new RegExp(`iam::${partner.account.id}:root`));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'auditor' }));
    assert.equal(attached.AttachedPolicies!.length, 1);

    const project = (await client.keystoneCreateProject(new KeystoneCreateProjectRequest().withBody(new KeystoneCreateProjectRequestBody(new KeystoneCreateProjectOption('ops-project'))))) as unknown as { project: { id: string } };
    const projectId = project.project.id;
    // the SDK fills `{project_id}` from the credentials' project
    const inProject = IamClient.newBuilder().withCredential(new BasicCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withProjectId(projectId)).withEndpoint(server.url).build();
    assert.equal((await call(inProject.associateAgencyWithProjectPermission(new AssociateAgencyWithProjectPermissionRequest(id, READER)))).httpStatusCode, 204);
    assert.equal((await call(inProject.checkProjectPermissionForAgency(new CheckProjectPermissionForAgencyRequest(id, READER)))).httpStatusCode, 204);
    const onProject = (await call(inProject.listProjectPermissionsForAgency(new ListProjectPermissionsForAgencyRequest(id)))).roles!;
    assert.deepEqual(onProject.map((r) => r.id), [READER]);

    assert.equal((await call(client.associateAgencyWithAllProjectsPermission(new AssociateAgencyWithAllProjectsPermissionRequest().withDomainId(domain).withAgencyId(id).withRoleId(READER)))).httpStatusCode, 204);
    const inherited = (await call(client.listAllProjectsPermissionsForAgency(new ListAllProjectsPermissionsForAgencyRequest().withDomainId(domain).withAgencyId(id)))).roles!;
    assert.deepEqual(inherited.map((r) => r.name), ['reader']);

    // the agency's grants stay out of Keystone's role assignments
    const assignments = await fetch(`${server.url}/v3/role_assignments`, { headers: { 'x-auth-token': await rootToken(server) } }).then((r) => r.json() as Promise<{ role_assignments: Array<{ user?: { id: string }; group?: { id: string } }> }>);
    assert.ok(!assignments.role_assignments.some((a) => a.user?.id === id || a.group?.id === id));

    assert.equal((await call(client.removeDomainPermissionFromAgency(new RemoveDomainPermissionFromAgencyRequest(domain, id, READER)))).httpStatusCode, 204);
    await expectSdkStatus(client.checkDomainPermissionForAgency(new CheckDomainPermissionForAgencyRequest(domain, id, READER)), 404);
    assert.equal((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'auditor' }))).AttachedPolicies!.length, 0);
    await expectSdkStatus(client.removeDomainPermissionFromAgency(new RemoveDomainPermissionFromAgencyRequest(domain, id, READER)), 404);
  });

  it('bad input in the Keystone envelope: own domain, unknown domain, name, duration, another domain_id, secu_admin, unknown role', async () => {
    await expectSdkStatus(createAgency(client, domain, (o) => o.withName('self').withTrustDomainId(domain)), 400, /cannot trust the account it belongs to/);
    await expectSdkStatus(createAgency(client, domain, (o) => o.withName('nobody').withTrustDomainName('no-such-domain')), 404, /no-such-domain/);
    await expectSdkStatus(createAgency(client, domain, (o) => o.withName('bad name!').withTrustDomainId(partner.account.id)), 400, /agency\.name/);
    await expectSdkStatus(createAgency(client, domain, (o) => o.withName('x').withTrustDomainId(partner.account.id).withDuration('TWODAYS' as unknown as object)), 400, /duration/);
    await expectSdkStatus(createAgency(client, domain, (o) => o.withName('x')), 400, /trust_domain/);
    await expectSdkStatus(createAgency(client, partner.account.id, (o) => o.withName('x').withTrustDomainId(partner.account.id)), 403);
    const { agency } = await createAgency(client, domain, (o) => o.withName('dup').withTrustDomainId(partner.account.id));
    await expectSdkStatus(createAgency(client, domain, (o) => o.withName('dup').withTrustDomainId(partner.account.id)), 409);
    await expectSdkStatus(client.associateAgencyWithDomainPermission(new AssociateAgencyWithDomainPermissionRequest(domain, agency!.id, SECU_ADMIN)), 400, /secu_admin/);
    await expectSdkStatus(client.associateAgencyWithDomainPermission(new AssociateAgencyWithDomainPermissionRequest(domain, agency!.id, 'f'.repeat(32))), 404);
    await expectSdkStatus(client.showAgency(new ShowAgencyRequest().withAgencyId('nope')), 400);
  });
});

async function rootToken(server: TestServer): Promise<string> {
  const body = { auth: { identity: { methods: ['password'], password: { user: { name: server.root.root.user_name, password: server.root.root.password, domain: { name: server.root.account.name } } } }, scope: { domain: { name: server.root.account.name } } } };
  const reply = await fetch(`${server.url}/v3/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return reply.headers.get('x-subject-token')!;
}
