import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('metrics count requests by route pattern, never by raw URL', async () => {
  await fetch(`${server.url}/v5/users/0123456789abcdef0123456789abcdef?secret=s3cr3t-value`);
  const text = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(text, /polyiam_http_requests_total\{method="GET",route="\/v5\/users\/:user_id",status="401"\} 1/);
  assert.doesNotMatch(text, /s3cr3t-value|0123456789abcdef0123456789abcdef/);
});

test('test mode moves the clock forward', async () => {
  const before = Date.now();
  const response = await fetch(`${server.url}/_test/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 86_400 }), headers: { 'content-type': 'application/json' } });
  assert.equal(response.status, 200);
  const { now } = (await response.json()) as { now: string };
  assert.ok(Date.parse(now) >= before + 86_400_000);
  assert.equal((await fetch(`${server.url}/_test/clock/advance`, { method: 'POST', body: '{"seconds":-1}' })).status, 400);
  await fetch(`${server.url}/_test/clock/reset`, { method: 'POST' });
});

test('every response carries a request id, health answers', async () => {
  const health = await fetch(`${server.url}/healthz`);
  assert.equal(health.status, 200);
  assert.match(health.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
});

test('audit events are recorded for denied calls too', async () => {
  await fetch(`${server.url}/v5/users`);
  await server.polyiam.services.audit.flush();
  const rows = await server.polyiam.store.db.selectFrom('audit_events').selectAll().where('outcome', '=', 'denied').execute();
  assert.ok(rows.some((r) => r.dialect === 'huawei-v5' && r.reason === 'missing'));
});
