import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { assertV5Error, call, createUser, rawRequest, rootKeys, signRaw, v5Client } from './support.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(req: object, cred: { getAk(): string; getSk(): string }): Record<string, string> };
};

describe('huawei-v5 bad input: a 4xx in the v5 envelope, and nothing written', () => {
  let server: TestServer;
  let client: IamClient;
  let userId: string;
  const post = (path: string, body: string | Buffer, headers?: Record<string, string>) =>
    rawRequest(server, { method: 'POST', path, body, keys: rootKeys(server), ...(headers ? { headers } : {}) });
  const state = async () => {
    const users = (await call(client.listUsersV5(new ListUsersV5Request()))).users!.map((u) => u.user_name).sort();
    const profile = await server.polyiam.store.loginProfiles.find(userId);
    return { users, profile: profile !== undefined };
  };

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
    userId = await createUser(client, 'target');
  });
  after(() => server.close());

  it("the raw signer used below signs exactly as the SDK's AKSKSigner", () => {
    const url = new URL(`/v5/users/${userId}/login-profile?b=2&a=1`, server.url);
    const body = { password: 'Password0', password_reset_required: true };
    const date = '20240102T030405Z';
    const sdk = AKSKSigner.sign(
      { method: 'POST', endpoint: `${url.origin}${url.pathname}`, headers: { 'content-type': 'application/json', 'X-Sdk-Date': date }, queryParams: { b: '2', a: '1' }, data: body },
      { getAk: () => 'AK1', getSk: () => 'SK1' },
    );
    const ours = signRaw(url, { method: 'POST', path: url.pathname, body: JSON.stringify(body), date }, { ak: 'AK1', sk: 'SK1' });
    assert.equal(ours.authorization, sdk.Authorization);
  });

  it('malformed JSON, non-object bodies and an empty body are 400 IAM.0011', async () => {
    const before = await state();
    for (const body of ['{"name":', 'null', '[]', '"alice"', '42', '', '{"name":"x",}', Buffer.from([0xff, 0xfe, 0x7b])]) {
      assertV5Error(await post('/v5/users', body), 400, 'IAM.0011', /request body is invalid/);
      assertV5Error(await post(`/v5/users/${userId}/login-profile`, body), 400, 'IAM.0011');
    }
    assert.deepEqual(await state(), before);
  });

  it('wrong types, missing and unknown fields are 400s naming the field', async () => {
    const before = await state();
    const cases: Array<[string, string, string, RegExp]> = [
      ['/v5/users', '{"name":["alice"],"enabled":true}', 'IAM.0007', /`name`.*string/],
      ['/v5/users', '{"name":"alice","enabled":"true"}', 'IAM.0007', /`enabled`.*boolean/],
      ['/v5/users', '{"name":"alice","enabled":1}', 'IAM.0007', /`enabled`.*boolean/],
      ['/v5/users', '{"name":"alice","enabled":true,"description":{}}', 'IAM.0007', /`description`.*string/],
      ['/v5/users', '{"enabled":true}', 'IAM.0072', /'name' is a required property/],
      ['/v5/users', '{"name":"alice"}', 'IAM.0072', /'enabled' is a required property/],
      ['/v5/users', '{"user":{"name":"alice","enabled":true}}', 'IAM.0007', /`user`.*not a known field/],
      ['/v5/users', '{"name":"alice","enabled":true,"is_root_user":true}', 'IAM.0007', /`is_root_user`.*not a known field/],
      [`/v5/users/${userId}/login-profile`, '{"password":"Password0"}', 'IAM.0072', /'password_reset_required'/],
      [`/v5/users/${userId}/login-profile`, '{"password":null,"password_reset_required":true}', 'IAM.0072', /'password'/],
      [`/v5/users/${userId}/login-profile`, '{"password":["Password0"],"password_reset_required":true}', 'IAM.0007', /`password`.*string/],
      [`/v5/users/${userId.toUpperCase()}x/login-profile`, '{"password":"Password0","password_reset_required":true}', 'IAM.0007', /`user_id`/],
      ['/v5/users/%20/login-profile', '{"password":"Password0","password_reset_required":true}', 'IAM.0007', /`user_id`/],
    ];
    for (const [path, body, code, msg] of cases) assertV5Error(await post(path, body), 400, code, msg);
    assert.deepEqual(await state(), before);
  });

  it('a repeated query parameter is a 400 rather than a guess', async () => {
    const res = await rawRequest(server, { method: 'GET', path: '/v5/users?limit=1&limit=2', keys: rootKeys(server) });
    assertV5Error(res, 400, 'IAM.0007', /`limit`.*more than once/);
  });

  it('a body over the limit is a 413 in the v5 envelope, signed or not', async () => {
    const before = await state();
    const big = JSON.stringify({ name: 'huge', enabled: true, description: 'd'.repeat(server.polyiam.config.bodyLimit) });
    assertV5Error(await post('/v5/users', big), 413, 'APIGW.0201', /too large/);
    const unsigned = await rawRequest(server, { method: 'POST', path: '/v5/users', body: big });
    assertV5Error(unsigned, 413, 'APIGW.0201');
    assert.deepEqual(await state(), before);
  });

  it('huge headers are a 431 JSON answer with a request id; the server keeps serving', async () => {
    const before = await state();
    const res = await post('/v5/users', '{"name":"headers","enabled":true}', { 'x-padding': 'p'.repeat(64 * 1024) });
    assertV5Error(res, 431, 'APIGW.0201', /headers too large/);
    assert.deepEqual(await state(), before);
  });

  it('an unknown route is a 404 APIGW.0101 in the v5 envelope', async () => {
    assertV5Error(await rawRequest(server, { method: 'GET', path: '/v5/nothing-here', keys: rootKeys(server) }), 404, 'APIGW.0101', /does not exist/);
    assertV5Error(await rawRequest(server, { method: 'PATCH', path: `/v5/users/${userId}`, body: '{}', keys: rootKeys(server) }), 404, 'APIGW.0101');
  });
});
