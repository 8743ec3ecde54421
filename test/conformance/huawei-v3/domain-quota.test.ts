/** @see #14 Huawei v3 ShowDomainQuota through the official SDK: the account's quotas and usage, one core summary. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient, ShowDomainQuotaRequest } from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

interface Resource {
  type: string;
  used: number;
  quota: number;
  max: number;
  min: number;
}

describe('huawei-v3.0 ShowDomainQuota', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;
  const build = (ak: string, sk: string, domain: string) => IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(ak).withSk(sk).withDomainId(domain)).withEndpoint(server.url).build();

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    client = build(server.root.root.access_key_id, server.root.root.secret_access_key, domainId);
    const root = systemContext(domainId, server.root.root.user_id, server.root.root.user_name);
    const document = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['iam:users:listUsersV5'], Resource: ['*'] }] });
    await server.polyiam.services.policies.create(root, { name: 'quota-policy', document, syntax: 'huawei-v5' });
  });
  after(() => server.close());

  it('lists the agency and policy quotas with their usage, and one kind by `type`', async () => {
    const all = (await client.showDomainQuota(new ShowDomainQuotaRequest().withDomainId(domainId))) as unknown as { quotas: { resources: Resource[] } };
    const byType = new Map(all.quotas.resources.map((r) => [r.type, r]));
    assert.deepEqual([...byType.keys()].sort(), ['agency', 'policy']);
    assert.equal(byType.get('policy')!.used, 1);
    assert.equal(byType.get('agency')!.used, 0);
    for (const r of byType.values()) assert.ok(r.quota > 0 && r.max === r.quota && r.min === 0);
    const policies = (await client.showDomainQuota(new ShowDomainQuotaRequest().withDomainId(domainId).withType('policy'))) as unknown as { quotas: { resources: Resource[] } };
    assert.deepEqual(policies.quotas.resources.map((r) => r.type), ['policy']);
    const users = (await client.showDomainQuota(new ShowDomainQuotaRequest().withDomainId(domainId).withType('user'))) as unknown as { quotas: { resources: Resource[] } };
    assert.deepEqual(users.quotas.resources, []);
  });

  it('refuses an unknown type (400) and another domain (403), in the v3.0 envelope', async () => {
    for (const [request, status] of [
      [new ShowDomainQuotaRequest().withDomainId(domainId).withType('nonsense'), 400],
      [new ShowDomainQuotaRequest().withDomainId('0123456789abcdef0123456789abcdef'), 403],
    ] as const) {
      const err = (await client.showDomainQuota(request).then(() => assert.fail('the call succeeded'), (e: unknown) => e)) as { httpStatusCode: number; errorCode: string };
      assert.equal(err.httpStatusCode, status);
      assert.match(err.errorCode, /^IAM\.\d{4}$/);
    }
  });
});
