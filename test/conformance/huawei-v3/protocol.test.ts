import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { expectError, rootToken, send } from './support.js';

describe('huawei-v3 protocol: envelope, request ids, 404/405/413/500, discovery', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    server = await startTestServer();
    root = await rootToken(server);
  });
  after(() => server.close());

  it('serves the version document without authentication (keystoneauth discovery)', async () => {
    for (const path of ['/v3', '/v3/']) {
      const reply = await send(server, 'GET', path);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.version!.id, 'v3.0');
      assert.equal(reply.body.version!.status, 'stable');
    }
  });

  it('puts X-Openstack-Request-Id on every response: success, 201, 204, HEAD, errors', async () => {
    const replies = [
      await send(server, 'GET', '/v3/users', { token: root }),
      await send(server, 'POST', '/v3/groups', { token: root, body: { group: { name: 'ids' } } }),
      await send(server, 'HEAD', '/v3/auth/tokens', { token: root, subject: root }),
      await send(server, 'GET', '/v3/nowhere', { token: root }),
      await send(server, 'GET', '/v3/users'),
    ];
    const group = replies[1]!.body.group!;
    replies.push(await send(server, 'DELETE', `/v3/groups/${group.id}`, { token: root }));
    const ids = replies.map((r) => r.headers.get('x-openstack-request-id'));
    for (const id of ids) assert.match(id ?? '', /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(replies[0]!.headers.get('x-openstack-request-id'), `req-${replies[0]!.headers.get('x-request-id')!.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')}`);
  });

  it('answers 401 without credentials and with an unknown AK/SK signature', async () => {
    expectError(await send(server, 'GET', '/v3/users'), 401, /requires authentication/);
    const signed = await send(server, 'GET', '/v3/users', {
      headers: { authorization: 'SDK-HMAC-SHA256 Access=AKIANOSUCHKEY0000000, SignedHeaders=host;x-sdk-date, Signature=00', 'x-sdk-date': '20240101T000000Z' },
    });
    expectError(signed, 401);
  });

  it('answers 404 for an unknown path and 405 (with Allow) for a known path and the wrong method', async () => {
    expectError(await send(server, 'GET', '/v3/nowhere', { token: root }), 404, /`GET \/v3\/nowhere` does not exist/);
    const wrong = await send(server, 'PUT', '/v3/users', { token: root, body: {} });
    expectError(wrong, 405, /`PUT` is not allowed for `\/v3\/users`/);
    assert.equal(wrong.headers.get('allow'), 'GET, HEAD, POST');
    const tokens = await send(server, 'PATCH', '/v3/auth/tokens', { token: root });
    expectError(tokens, 405);
    assert.equal(tokens.headers.get('allow'), 'DELETE, GET, HEAD, POST');
    expectError(await send(server, 'GET', `/v3/groups/g1/users/u1`, { token: root }), 405);
  });

  it('answers 413 for a body over the limit', async () => {
    const big = JSON.stringify({ user: { name: 'big', description: 'x'.repeat(server.polyiam.config.bodyLimit) } });
    expectError(await send(server, 'POST', '/v3/users', { token: root, body: big }), 413, new RegExp(`limit of ${server.polyiam.config.bodyLimit} bytes`));
  });

  it('GET /v3/auth/domains and /v3/domains show the caller\'s own domain only', async () => {
    const { id, name } = server.root.account;
    const auth = await send(server, 'GET', '/v3/auth/domains', { token: root });
    assert.equal(auth.status, 200);
    assert.deepEqual(auth.body.domains!.map((d) => [d.id, d.name]), [[id, name]]);
    assert.deepEqual((await send(server, 'GET', `/v3/domains?name=${name}`, { token: root })).body.domains!.map((d) => d.id), [id]);
    assert.deepEqual((await send(server, 'GET', '/v3/domains?name=default', { token: root })).body.domains, []);
    assert.equal((await send(server, 'GET', `/v3/domains/${id}`, { token: root })).body.domain!.name, name);
    expectError(await send(server, 'GET', '/v3/domains/default', { token: root }), 404, /could not find domain/);
  });

  it('never writes a token or a password to the log', async () => {
    const fresh = await rootToken(server);
    await send(server, 'GET', '/v3/auth/tokens', { token: fresh, subject: fresh });
    await send(server, 'POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['password'], password: { user: { name: 'acme', password: 'Wrong#Secret1', domain: { name: 'acme' } } } } } } });
    const logs = server.logs.join('');
    assert.ok(logs.length > 0);
    for (const secret of [fresh, root, 'AcmeRoot#2024', 'Wrong#Secret1']) assert.ok(!logs.includes(secret));
  });

  it('answers 500 with the request id only when the server fails', async () => {
    const broken = await startTestServer();
    try {
      await broken.polyiam.store.close();
      const reply = await send(broken, 'POST', '/v3/auth/tokens', {
        body: { auth: { identity: { methods: ['password'], password: { user: { name: 'acme', password: 'AcmeRoot#2024', domain: { name: 'acme' } } } } } },
      });
      assert.ok(reply.status === 500 || reply.status === 503, reply.text);
      expectError(reply, reply.status, /request `[0-9a-f]{32}`/);
      assert.ok(!reply.text.includes('AcmeRoot#2024') && !/destroy|kysely|sqlite/i.test(reply.text));
    } finally {
      await broken.app.close();
    }
  });
});
