import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { assertV5Error, call, rawRequest, rootKeys, v5Client } from '../conformance/huawei-v5/support.js';

describe('server: health, request ids, 500s without detail', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('/healthz and /readyz answer 200 with a request id; /readyz is 503 when the store fails', async () => {
    const health = await rawRequest(server, { method: 'GET', path: '/healthz' });
    assert.equal(health.status, 200);
    assert.deepEqual(health.json, { status: 'ok' });
    assert.match(String(health.headers['x-request-id']), /^[0-9a-f]{32}$/);
    const ready = await rawRequest(server, { method: 'GET', path: '/readyz' });
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json, { status: 'ready' });

    const accounts = server.polyiam.store.accounts;
    const count = accounts.count;
    accounts.count = async () => {
      throw new Error('database is gone');
    };
    try {
      const down = await rawRequest(server, { method: 'GET', path: '/readyz' });
      assert.equal(down.status, 503);
      assert.deepEqual(down.json, { status: 'unavailable' });
      assert.ok(!down.text.includes('database is gone'));
      assert.equal((await rawRequest(server, { method: 'GET', path: '/healthz' })).status, 200, 'alive, though not ready');
    } finally {
      accounts.count = count;
    }
  });

  it('every response carries its own request id, whatever its status; a client-chosen id is not echoed', async () => {
    const keys = rootKeys(server);
    const responses = await Promise.all([
      rawRequest(server, { method: 'GET', path: '/v5/users', keys }),
      rawRequest(server, { method: 'POST', path: '/v5/users', keys, body: '{"name":"rid","enabled":true}' }),
      rawRequest(server, { method: 'GET', path: '/v5/users' }),
      rawRequest(server, { method: 'POST', path: '/v5/users', keys, body: '{' }),
      rawRequest(server, { method: 'GET', path: '/nowhere', headers: { 'x-request-id': 'client-chosen' } }),
      rawRequest(server, { method: 'GET', path: '/v5/users', headers: { 'x-padding': 'p'.repeat(70_000) } }),
      rawRequest(server, { method: 'GET', path: '/healthz', headers: { 'x-request-id': 'client-chosen' } }),
    ]);
    assert.deepEqual(responses.map((r) => r.status), [200, 201, 401, 400, 404, 431, 200]);
    const ids = responses.map((r) => String(r.headers['x-request-id']));
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(new Set(ids).size, ids.length, 'one id per response');
    // a path no dialect serves, no Action: the AWS envelope, as for any query call naming no dialect (#9)
    assert.match(responses[4]!.text, /^<\?xml[^]*<ErrorResponse [^]*<RequestId>[0-9a-f]{32}<\/RequestId>/);
  });

  it('a 500 carries the v5 envelope with a generic message: no stack, no error text; the log has the detail', async () => {
    const users = server.polyiam.services.users;
    const list = users.list;
    users.list = async () => {
      throw new TypeError('kaboom: cannot read properties of undefined (reading "secretThing")');
    };
    try {
      const res = await rawRequest(server, { method: 'GET', path: '/v5/users', keys: rootKeys(server) });
      assertV5Error(res, 500, 'PAP5.0005', /^internal server error$/);
      assert.ok(!/kaboom|secretThing|at \w|\.ts:\d+/.test(res.text), res.text);
      const client = v5Client(server, rootKeys(server));
      const sdk = await client.listUsersV5(new ListUsersV5Request()).catch((e: unknown) => e as { httpStatusCode: number; errorCode: string });
      assert.equal((sdk as { httpStatusCode: number }).httpStatusCode, 500);
      assert.equal((sdk as { errorCode: string }).errorCode, 'PAP5.0005');
    } finally {
      users.list = list;
    }
    const logged = server.logs.map((l) => JSON.parse(l) as { level: number; err?: { message?: string; stack?: string } }).find((l) => l.err?.message?.includes('kaboom'));
    assert.ok(logged, 'the server log keeps the error');
    assert.equal(logged.level, 50);
    assert.equal((await call(v5Client(server, rootKeys(server)).listUsersV5(new ListUsersV5Request()))).httpStatusCode, 200, 'and keeps serving');
  });
});
