/**
 * @see #13
 * Temporary credentials of a role (issued by AWS STS AssumeRole: one role in every dialect) sign Huawei
 * IAM v5 calls through the official SDK: `GlobalCredentials().withSecurityToken(...)` sends a signed
 * X-Security-Token. The role's policies govern the session; a tampered token is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { AttachRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, rootKeys } from '../aws/support.js';
import { stsClient, trust } from '../aws-roles/support.js';
import type { Json } from './support.js';

const sessionClient = (server: TestServer, ak: string, sk: string, token: string) =>
  IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(ak).withSk(sk).withSecurityToken(token)).withEndpoint(server.url).build();

describe('huawei v5 with temporary credentials (X-Security-Token) through the official SDK', () => {
  let server: TestServer;
  let creds: { ak: string; sk: string; token: string };

  before(async () => {
    server = await startTestServer();
    const acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    const alice = await createUserWithKey(iam, 'alice');
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const { Credentials: c } = await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/reader`, RoleSessionName: 'hw' }));
    creds = { ak: c!.AccessKeyId!, sk: c!.SecretAccessKey!, token: c!.SessionToken! };
  });
  after(() => server.close());

  it('ListUsersV5 signed with the temporary AK/SK and X-Security-Token reads what the role allows', async () => {
    const out = (await sessionClient(server, creds.ak, creds.sk, creds.token).listUsersV5(new ListUsersV5Request())) as unknown as Json;
    assert.ok(out.users?.some((u) => u.user_name === 'alice'));
  });

  it('a tampered security token is refused with 401', async () => {
    const tampered = creds.token.slice(0, -4) + (creds.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await assert.rejects(sessionClient(server, creds.ak, creds.sk, tampered).listUsersV5(new ListUsersV5Request()), (err: { status?: number; httpStatusCode?: number }) => {
      assert.equal(err.status ?? err.httpStatusCode, 401);
      return true;
    });
  });
});
