import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { UpdateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateUserReqBody.js';
import { UpdateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateUserV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { assertV5Error, call, createUserWithKey, expectSdkError, rawRequest, rootKeys, signRaw, v5Client } from './support.js';

const sdkDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const MINUTE = 60_000;

describe('huawei-v5 authentication: every failure is one 401 in the v5 envelope', () => {
  let server: TestServer;
  let client: IamClient;
  const list = (c: IamClient) => c.listUsersV5(new ListUsersV5Request());

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it('the root key signs: 200', async () => {
    assert.equal((await call(list(client))).httpStatusCode, 200);
  });

  it('an unsigned request is a 401', async () => {
    const res = await rawRequest(server, { method: 'GET', path: '/v5/users' });
    assertV5Error(res, 401, 'APIGW.0301', /^incorrect IAM authentication information$/);
  });

  it('a wrong secret (the SDK signing with it) is a 401', async () => {
    const wrong = v5Client(server, { ak: rootKeys(server).ak, sk: `${rootKeys(server).sk.slice(0, -1)}x` });
    await expectSdkError(list(wrong), 401, 'APIGW.0301', /incorrect IAM authentication information/);
  });

  it('a body changed after signing is a 401 and writes nothing', async () => {
    const url = new URL('/v5/users', server.url);
    const headers = signRaw(url, { method: 'POST', path: '/v5/users', body: '{"name":"signed","enabled":true}' }, rootKeys(server));
    const res = await rawRequest(server, { method: 'POST', path: '/v5/users', body: '{"name":"swapped","enabled":true}', headers });
    assertV5Error(res, 401, 'APIGW.0301');
    const names = (await call(list(client))).users!.map((u) => u.user_name);
    assert.ok(!names.includes('swapped') && !names.includes('signed'));
  });

  it('a signature more than 15 minutes old or ahead is a 401; within the skew it is accepted', async () => {
    const clock = server.polyiam.testClock!;
    try {
      clock.advance(14 * MINUTE);
      assert.equal((await call(list(client))).httpStatusCode, 200, '14 minutes old is still fresh');
      clock.advance(2 * MINUTE);
      await expectSdkError(list(client), 401, 'APIGW.0301');
    } finally {
      clock.reset();
    }
    const ahead = await rawRequest(server, { method: 'GET', path: '/v5/users', keys: rootKeys(server), date: sdkDate(Date.now() + 16 * MINUTE) });
    assertV5Error(ahead, 401, 'APIGW.0301');
    const bad = await rawRequest(server, { method: 'GET', path: '/v5/users', keys: rootKeys(server), date: '2024-01-01T00:00:00Z' });
    assertV5Error(bad, 401, 'APIGW.0301');
  });

  it('an unknown access key is a 401', async () => {
    await expectSdkError(list(v5Client(server, { ak: 'AKIAUNKNOWN000000000', sk: rootKeys(server).sk })), 401, 'APIGW.0301');
  });

  it('an inactive key and the key of a disabled user are 401s', async () => {
    const { userId, keys } = await createUserWithKey(client, 'to-disable');
    const user = v5Client(server, keys);
    await expectSdkError(list(user), 403, 'PAP5.0001', /listUsersV5/);
    await client.updateUserV5(new UpdateUserV5Request().withUserId(userId).withBody(new UpdateUserReqBody().withEnabled(false)));
    await expectSdkError(list(user), 401, 'APIGW.0301');
    await client.updateUserV5(new UpdateUserV5Request().withUserId(userId).withBody(new UpdateUserReqBody().withEnabled(true)));
    await expectSdkError(list(user), 403, 'PAP5.0001');
    const res = await rawRequest(server, {
      method: 'PUT',
      path: `/v5/users/${userId}/access-keys/${keys.ak}`,
      body: JSON.stringify({ status: 'inactive' }),
      keys: rootKeys(server),
    });
    assert.equal(res.status, 200, res.text);
    await expectSdkError(list(user), 401, 'APIGW.0301');
  });

  it('malformed or foreign Authorization headers are 401s', async () => {
    const headers = [
      'SDK-HMAC-SHA256 Access=AK',
      'SDK-HMAC-SHA256 garbage',
      'AWS4-HMAC-SHA256 Credential=AKIA/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00',
      'Bearer token-value',
    ];
    for (const authorization of headers) {
      const res = await rawRequest(server, { method: 'GET', path: '/v5/users', headers: { authorization, 'x-sdk-date': sdkDate(Date.now()) } });
      assertV5Error(res, 401, 'APIGW.0301');
    }
    // X-Sdk-Date left out of SignedHeaders would leave the date unauthenticated
    const url = new URL('/v5/users', server.url);
    const signed = signRaw(url, { method: 'GET', path: '/v5/users' }, rootKeys(server));
    const res = await rawRequest(server, {
      method: 'GET',
      path: '/v5/users',
      headers: { ...signed, authorization: signed.authorization!.replace('SignedHeaders=content-type;host;x-sdk-date', 'SignedHeaders=content-type;host') },
    });
    assertV5Error(res, 401, 'APIGW.0301');
  });
});
