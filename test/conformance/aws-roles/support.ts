import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient, type Credentials } from '@aws-sdk/client-sts';
import type { TestServer } from '../../support/server.js';
import type { Keys } from '../aws/support.js';

/** A one-statement trust policy allowing sts:AssumeRole to `principal` (AWS AssumeRolePolicyDocument). */
export const trust = (principal: unknown, condition?: unknown): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });

export const stsClient = (server: TestServer, keys: Keys, sessionToken?: string): STSClient =>
  new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk, ...(sessionToken ? { sessionToken } : {}) }, maxAttempts: 1 });

/** an IAM client signing with temporary credentials; `systemClockOffset` signs at a moved time */
export const sessionIam = (server: TestServer, c: Credentials, systemClockOffset = 0): IAMClient =>
  new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1, systemClockOffset });
