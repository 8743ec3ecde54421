import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ChangePasswordReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ChangePasswordReqBody.js';
import { ChangePasswordV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ChangePasswordV5Request.js';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { UpdateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateLoginProfileReqBody.js';
import { UpdateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateLoginProfileV5Request.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, createUser, createUserWithKey, rawRequest, rootKeys, sdkError, signRaw, v5Client } from '../conformance/huawei-v5/support.js';

/** Distinct values, so a hit in the log can only come from the request that carried them. */
const PASSWORD = 'Log-Leak-Pw#4821';
const NEW_PASSWORD = 'Log-Leak-Pw#9377';
const QUERY_PASSWORD = 'QueryLeakPw#5150';
const TOKEN = 'sess-token-leak-7d1f0c';

describe('server logs never hold passwords, secrets, tokens, signatures or Authorization headers', () => {
  let server: TestServer;
  let client: IamClient;
  const secrets: string[] = [];

  before(async () => {
    server = await startTestServer({ logLevel: 'debug' });
    client = v5Client(server, rootKeys(server));
    secrets.push(server.root.root.password, server.root.root.secret_access_key);
  });
  after(() => server.close());

  it('drives requests carrying known secrets through every path: success, 4xx, 401, 500', async () => {
    const id = await createUser(client, 'alice');
    // passwords in bodies: a create, a refused create (policy), an update, a malformed body, a caller change
    await client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(id).withBody(new CreateLoginProfileReqBody(PASSWORD, true)));
    await sdkError(client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(id).withBody(new CreateLoginProfileReqBody(PASSWORD, true))));
    await client.updateLoginProfileV5(new UpdateLoginProfileV5Request().withUserId(id).withBody(new UpdateLoginProfileReqBody().withPassword(NEW_PASSWORD)));
    await rawRequest(server, { method: 'POST', path: `/v5/users/${id}/login-profile`, body: `{"password":"${PASSWORD}",`, keys: rootKeys(server) });
    await client.changePasswordV5(new ChangePasswordV5Request().withBody(new ChangePasswordReqBody('AcmeRoot#2025', server.root.root.password)));
    await client.changePasswordV5(new ChangePasswordV5Request().withBody(new ChangePasswordReqBody(server.root.root.password, 'AcmeRoot#2025')));

    // a secret access key issued in a response, then used to sign, and a wrong secret
    const { keys } = await createUserWithKey(client, 'bob');
    secrets.push(keys.sk);
    await sdkError(v5Client(server, keys).listUsersV5(new ListUsersV5Request()));
    await sdkError(v5Client(server, { ak: keys.ak, sk: 'wrong-secret-value-0123456789abcdefghij' }).listUsersV5(new ListUsersV5Request()));

    // signatures and Authorization headers, a session token header, a password in the query string
    const url = new URL(`/v5/users?password=${encodeURIComponent(QUERY_PASSWORD)}`, server.url);
    const signed = signRaw(url, { method: 'GET', path: url.pathname + url.search, headers: { 'x-security-token': TOKEN } }, rootKeys(server));
    secrets.push(signed.authorization!, /Signature=([0-9a-f]{64})/.exec(signed.authorization!)![1]!);
    await rawRequest(server, { method: 'GET', path: url.pathname + url.search, headers: signed });
    await rawRequest(server, { method: 'GET', path: '/v5/users', headers: { authorization: `SDK-HMAC-SHA256 Access=${keys.ak}, SignedHeaders=host;x-sdk-date, Signature=${'ab'.repeat(32)}`, 'x-sdk-date': '20240101T000000Z' } });
    secrets.push('ab'.repeat(32));
    const cookie = await rawRequest(server, { method: 'GET', path: '/healthz', headers: { cookie: `session=${TOKEN}` } });
    assert.equal(cookie.status, 200);

    // a 500 whose request carried a password
    const profiles = server.polyiam.services.loginProfiles;
    const create = profiles.create;
    profiles.create = async () => {
      throw new Error('store exploded');
    };
    try {
      const body = JSON.stringify({ password: PASSWORD, password_reset_required: false });
      const res = await rawRequest(server, { method: 'POST', path: `/v5/users/${id}/login-profile`, body, keys: rootKeys(server) });
      assert.equal(res.status, 500);
    } finally {
      profiles.create = create;
    }
    assert.equal((await call(client.listUsersV5(new ListUsersV5Request()))).httpStatusCode, 200);
  });

  it('none of those values appear in any log line, and the log did record the requests', async () => {
    await server.polyiam.services.audit.flush();
    const text = server.logs.join('');
    for (const value of [...secrets, PASSWORD, NEW_PASSWORD, QUERY_PASSWORD, TOKEN, 'AcmeRoot#2025']) {
      assert.ok(!text.includes(value), `a log line holds \`${value.slice(0, 6)}…\``);
    }
    assert.ok(!/authorization/i.test(text), 'no Authorization header in any form');
    assert.ok(!/SDK-HMAC-SHA256/.test(text));
    const lines = server.logs.map((l) => JSON.parse(l) as { req?: { path?: string }; err?: unknown });
    assert.ok(lines.some((l) => l.req?.path?.endsWith('/login-profile')), 'request lines are logged, by path');
    assert.ok(lines.some((l) => l.req?.path === '/v5/users'), 'the query string is dropped from the logged path');
    assert.ok(lines.some((l) => l.err !== undefined), 'the 500 was logged with its error');
  });

  it('each request\'s lines carry its request id, the one its response names', async () => {
    const response = await fetch(`${server.url}/healthz`);
    const id = response.headers.get('x-request-id');
    const mine = server.logs.map((l) => JSON.parse(l) as { reqId?: string; msg?: string }).filter((l) => l.reqId === id);
    assert.deepEqual(mine.map((l) => l.msg), ['incoming request', 'request completed']);
  });
});
