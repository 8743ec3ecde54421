/**
 * @see #15 "Huawei v5 ... the same": service-linked agencies through the official v5 SDK
 * (createServiceLinkedAgencyV5, deleteServiceLinkedAgencyV5, getServiceLinkedAgencyDeletionStatusV5)
 * on the core's service-linked roles, which the ordinary agency routes may not delete.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { CreateAgencyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAgencyReqBody.js';
import { CreateAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAgencyV5Request.js';
import { CreateServiceLinkedAgencyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateServiceLinkedAgencyReqBody.js';
import { CreateServiceLinkedAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateServiceLinkedAgencyV5Request.js';
import { DeleteAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteAgencyV5Request.js';
import { DeleteServiceLinkedAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteServiceLinkedAgencyV5Request.js';
import { GetAgencyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/GetAgencyV5Request.js';
import { GetServiceLinkedAgencyDeletionStatusV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/GetServiceLinkedAgencyDeletionStatusV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys as awsRootKeys } from '../aws/support.js';
import { rootKeys, v5Client } from './support.js';

interface WireAgency {
  agency_id: string;
  agency_name: string;
  path: string;
  trust_policy: string;
  description: string;
}

type SdkError = { status?: number; httpStatusCode?: number; errorCode?: string };
const status = (n: number) => (err: SdkError) => (err.status ?? err.httpStatusCode) === n;

describe('huawei v5 service-linked agencies through the official SDK', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('create, refuse the ordinary delete, delete with a task, read the task; the agency is an AWS service-linked role', async () => {
    const client = v5Client(server, rootKeys(server));
    const body = new CreateServiceLinkedAgencyReqBody('service.ECS').withDescription('ecs operations');
    const created = (await client.createServiceLinkedAgencyV5(new CreateServiceLinkedAgencyV5Request().withBody(body))) as unknown as { agency: WireAgency; httpStatusCode: number };
    assert.equal(created.httpStatusCode, 201);
    assert.equal(created.agency.agency_name, 'ServiceLinkedAgencyForECS');
    assert.equal(created.agency.description, 'ecs operations');
    const trust = JSON.parse(created.agency.trust_policy) as { Version: string; Statement: Array<{ Principal: { Service: string[] }; Action: string[] }> };
    assert.deepEqual([trust.Version, trust.Statement[0]!.Principal.Service, trust.Statement[0]!.Action], ['5.0', ['service.ECS'], ['sts:agencies:assume']]);
    const id = created.agency.agency_id;
    assert.equal(((await client.getAgencyV5(new GetAgencyV5Request().withAgencyId(id))) as unknown as { agency: WireAgency }).agency.path, created.agency.path);
    // one core role: AWS sees it as service-linked
    const role = await awsClient(server, awsRootKeys(server)).send(new GetRoleCommand({ RoleName: 'ServiceLinkedAgencyForECS' }));
    assert.equal(role.Role!.Path, '/aws-service-role/service.ECS/');

    // the name is taken; a principal of the wrong form and unknown fields are refused
    await assert.rejects(client.createServiceLinkedAgencyV5(new CreateServiceLinkedAgencyV5Request().withBody(new CreateServiceLinkedAgencyReqBody('service.ECS'))), status(409));
    await assert.rejects(client.createServiceLinkedAgencyV5(new CreateServiceLinkedAgencyV5Request().withBody(new CreateServiceLinkedAgencyReqBody('ecs.example.com'))), status(400));
    await assert.rejects(client.createServiceLinkedAgencyV5(new CreateServiceLinkedAgencyV5Request().withBody(new CreateServiceLinkedAgencyReqBody('service.OBS').withDescription('a#b'))), status(400));

    // only the service-linked route deletes it
    await assert.rejects(client.deleteAgencyV5(new DeleteAgencyV5Request().withAgencyId(id)), status(400));
    const deleted = (await client.deleteServiceLinkedAgencyV5(new DeleteServiceLinkedAgencyV5Request().withAgencyId(id))) as unknown as { deletion_task_id: string; httpStatusCode: number };
    assert.equal(deleted.httpStatusCode, 202);
    assert.match(deleted.deletion_task_id, /^[A-Za-z0-9_-]+$/);
    const task = (await client.getServiceLinkedAgencyDeletionStatusV5(new GetServiceLinkedAgencyDeletionStatusV5Request().withDeletionTaskId(deleted.deletion_task_id))) as unknown as { status: string };
    assert.equal(task.status, 'SUCCEEDED');
    await assert.rejects(client.getAgencyV5(new GetAgencyV5Request().withAgencyId(id)), status(404));
    await assert.rejects(client.deleteServiceLinkedAgencyV5(new DeleteServiceLinkedAgencyV5Request().withAgencyId(id)), status(404));
    await assert.rejects(client.getServiceLinkedAgencyDeletionStatusV5(new GetServiceLinkedAgencyDeletionStatusV5Request().withDeletionTaskId('bm9uZQ')), status(404));
  });

  it('an ordinary agency is not deleted through the service-linked route', async () => {
    const client = v5Client(server, rootKeys(server));
    const trust = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['sts:agencies:assume'], Principal: { Service: ['service.ECS'] } }] });
    const created = (await client.createAgencyV5(new CreateAgencyV5Request().withBody(new CreateAgencyReqBody('plain-agency', trust)))) as unknown as { agency: WireAgency };
    await assert.rejects(client.deleteServiceLinkedAgencyV5(new DeleteServiceLinkedAgencyV5Request().withAgencyId(created.agency.agency_id)), status(400));
    assert.equal(((await client.getAgencyV5(new GetAgencyV5Request().withAgencyId(created.agency.agency_id))) as unknown as { agency: WireAgency }).agency.agency_name, 'plain-agency');
  });
});
