import { createRequire } from 'node:module';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import type { TestServer } from '../../support/server.js';

const require = createRequire(import.meta.url);
// the SDK logs every request at info level to stdout: off, so a test run's output stays readable
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

/** The official Huawei SDK's v3 client, signing with the account root's AK/SK. */
export function rootV3Client(server: TestServer): IamClient {
  const credentials = new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(server.root.account.id);
  return IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
}

/** The status and `error_code` of the SDK's refusal; throws when the call succeeded. */
export async function sdkFailure(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { httpStatusCode: number; errorCode?: string };
    return { status: e.httpStatusCode, code: e.errorCode ?? '' };
  }
  throw new Error('expected a refusal');
}
