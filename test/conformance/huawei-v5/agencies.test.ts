/**
 * @see #13
 * Huawei IAM v5 trust agencies through the official SDK (createAgencyV5 ... listAttachedAgencyPoliciesV5):
 * one core role, readable through AWS GetRole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { AttachAgencyPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachAgencyPolicyReqBody.js';
import { AttachAgencyPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachAgencyPolicyV5Request.js';
import { CreateAgencyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAgencyReqBody.js';
import { CreateAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAgencyV5Request.js';
import { DeleteAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteAgencyV5Request.js';
import { GetAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/GetAgencyV5Request.js';
import { ListAttachedAgencyPoliciesV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListAttachedAgencyPoliciesV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys as awsRootKeys } from '../aws/support.js';
import { rootKeys, v5Client } from './support.js';

interface WireAgency {
  agency_id: string;
  agency_name: string;
  trust_policy: string;
  max_session_duration: number;
  urn: string;
}

describe('huawei v5 trust agencies through the official SDK', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('createAgencyV5, getAgencyV5, attach/listAttached, deleteAgencyV5 (409 while attached); the agency is an AWS role too', async () => {
    const client = v5Client(server, rootKeys(server));
    const domain = server.root.account.id;
    const trust = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['sts:agencies:assume'], Principal: { IAM: [`iam::${domain}:root`] } }] });
    const created = (await client.createAgencyV5(new CreateAgencyV5Request().withBody(new CreateAgencyReqBody('ops-agency', trust).withMaxSessionDuration(7200).withDescription('ops')))) as unknown as { agency: WireAgency };
    assert.equal(created.agency.agency_name, 'ops-agency');
    assert.equal(created.agency.max_session_duration, 7200);
    const id = created.agency.agency_id;
    const got = (await client.getAgencyV5(new GetAgencyV5Request().withAgencyId(id))) as unknown as { agency: WireAgency };
    assert.equal(got.agency.trust_policy, trust);
    await client.attachAgencyPolicyV5(new AttachAgencyPolicyV5Request().withPolicyId('sys-iam-read-only-access').withBody(new AttachAgencyPolicyReqBody(id)));
    const attached = (await client.listAttachedAgencyPoliciesV5(new ListAttachedAgencyPoliciesV5Request().withAgencyId(id))) as unknown as { attached_policies: unknown[] };
    assert.equal(attached.attached_policies.length, 1);
    const role = await awsClient(server, awsRootKeys(server)).send(new GetRoleCommand({ RoleName: 'ops-agency' }));
    assert.equal(role.Role!.MaxSessionDuration, 7200);
    await assert.rejects(client.deleteAgencyV5(new DeleteAgencyV5Request().withAgencyId(id)), (err: { status?: number; httpStatusCode?: number }) => (err.status ?? err.httpStatusCode) === 409);
    await assert.rejects(client.createAgencyV5(new CreateAgencyV5Request().withBody(new CreateAgencyReqBody('bad', '{"Statement":'))), (err: { status?: number; httpStatusCode?: number }) => (err.status ?? err.httpStatusCode) === 400);
  });
});
