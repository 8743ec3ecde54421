import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

/**
 * SECURITY: Volcengine's docs send CreateLoginProfile as a GET, so the password travels in the query
 * string; it must reach neither the server log nor the audit trail, and neither may a new secret key.
 */
describe('volcengine secrets stay out of logs and audit', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('a password in the query, a refused one and a created secret key appear in no log line or audit row', async () => {
    const client = volcClient(server, rootKeys(server));
    const password = 'Le@kCheck#90817';
    const refused = 'sh0rt!';
    ok(await volc(client, 'CreateUser', { UserName: 'secretive' }));
    ok(await volc(client, 'CreateLoginProfile', { UserName: 'secretive', Password: password }));
    failed(await volc(client, 'UpdateLoginProfile', { UserName: 'secretive', Password: refused }), 'InvalidPassword');
    const key = ok(await volc<{ AccessKey: { SecretAccessKey: string } }>(client, 'CreateAccessKey', { UserName: 'secretive' }, 'json')).AccessKey;
    await server.polyiam.services.audit.flush();
    const audit = JSON.stringify(await server.polyiam.store.db.selectFrom('audit_events').selectAll().execute());
    const logs = server.logs.join('\n');
    for (const secret of [password, encodeURIComponent(password), refused, key.SecretAccessKey, rootKeys(server).sk]) {
      assert.ok(!logs.includes(secret), 'not in the server log');
      assert.ok(!audit.includes(secret), 'not in the audit trail');
    }
    assert.match(audit, /CreateLoginProfile|createLoginProfile/i, 'the calls themselves are audited');
  });
});
