/** Helpers of the Huawei v3.0 agency suites (issue #13): the SDK client of an account, agency creation, SDK failures. */
import assert from 'node:assert/strict';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { CreateAgencyOption, CreateAgencyRequest, CreateAgencyRequestBody, IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import type { RootCredentials, TestServer } from '../../support/server.js';
import { createRequire } from 'node:module';

// The SDK logs every failed call, request headers included, through log4js; the assertions say what failed.
const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

export interface WireAgency {
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

export async function expectSdkStatus(promise: Promise<unknown>, status: number, message?: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    const e = err as { httpStatusCode: number; errorMsg?: string };
    assert.equal(e.httpStatusCode, status, e.errorMsg);
    if (message) assert.match(e.errorMsg ?? '', message);
    return;
  }
  assert.fail(`expected ${status}`);
}

export function v3Client(server: TestServer, root: RootCredentials): IamClient {
  const credentials = new GlobalCredentials().withAk(root.root.access_key_id).withSk(root.root.secret_access_key).withDomainId(root.account.id);
  return IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
}

export const createAgency = (client: IamClient, domainId: string, option: (o: CreateAgencyOption) => CreateAgencyOption) =>
  client.createAgency(new CreateAgencyRequest().withBody(new CreateAgencyRequestBody(option(new CreateAgencyOption().withDomainId(domainId))))) as unknown as Promise<{ httpStatusCode: number; agency?: WireAgency }>;

