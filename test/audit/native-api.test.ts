/**
 * @see #14 polyiam's own `GET /audit/events`: signed with SigV4 or a Keystone token, filtered by time,
 * user, action, outcome and resource, paged by keyset, authorized with polyiam:ListAuditEvents and
 * scoped to the caller's account; bad input answered 400 in its JSON envelope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserCommand, DeleteUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../src/auth/signing/testing/node-sha256.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { awsClient, createUserWithKey, rootKeys, type Keys } from '../conformance/aws/support.js';
import { rootToken } from '../conformance/huawei-v3/support.js';
import { AuditEventInsert } from '../../src/store/audit-sink.js';

interface Page {
  events?: Array<{ id: string; operation: string; outcome: string; resource: string; caller: { user_name: string; type: string }; parameters: Record<string, string> | null; read_only: boolean }>;
  next_token?: string;
  error?: { code: string; message: string };
}

async function signedGet(server: TestServer, keys: Keys, query: Record<string, string> = {}): Promise<{ status: number; body: Page }> {
  const { hostname, port } = new URL(server.url);
  const signer = new SignatureV4({ credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, region: 'us-east-1', service: 'polyiam', sha256: NodeSha256 });
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname, port: Number(port), path: '/audit/events', query, headers: { host: `${hostname}:${port}` } });
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${server.url}/audit/events${search ? `?${search}` : ''}`, { headers: signed.headers });
  return { status: response.status, body: (await response.json()) as Page };
}

describe('GET /audit/events', () => {
  let server: TestServer;
  let root: Keys;
  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    const iam = awsClient(server, root);
    for (const name of ['na-1', 'na-2', 'na-3']) await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(new DeleteUserCommand({ UserName: 'na-2' }));
    await iam.send(new DeleteUserCommand({ UserName: 'na-missing' })).catch(() => undefined);
    await server.polyiam.services.audit.flush();
  });
  after(() => server.close());

  it('lists the account events signed with SigV4, filtered by action, outcome, resource and user', async () => {
    const creates = await signedGet(server, root, { action: 'CreateUser' });
    assert.equal(creates.status, 200);
    assert.deepEqual(creates.body.events!.map((e) => e.resource), ['user/na-3', 'user/na-2', 'user/na-1']);
    assert.deepEqual(creates.body.events![0]!.parameters, { UserName: 'na-3' });
    assert.equal(creates.body.events![0]!.caller.type, 'root');
    const failed = await signedGet(server, root, { outcome: 'failed' });
    assert.deepEqual(failed.body.events!.map((e) => [e.operation, e.resource]), [['DeleteUser', 'user/na-missing']]);
    const byResource = await signedGet(server, root, { resource: 'na-2' });
    assert.deepEqual(byResource.body.events!.map((e) => e.operation), ['DeleteUser', 'CreateUser']);
    const byCoreAction = await signedGet(server, root, { action: 'iam:users:deleteUserV5', outcome: 'success' });
    assert.deepEqual(byCoreAction.body.events!.map((e) => e.resource), ['user/na-2']);
    const byUser = await signedGet(server, root, { user: server.root.root.user_name, since: '1h' });
    assert.ok(byUser.body.events!.length >= 5);
    assert.deepEqual((await signedGet(server, root, { since: new Date(Date.now() + 60_000).toISOString() })).body.events, []);
  });

  it('pages by keyset with limit and next_token', async () => {
    // Read events (every ListAuditEvents call here) are batched and reach the table up to 100 ms later
    // (KyselyAuditSink). A batch stored after page 1 holds events newer than page 1's last id, so the
    // keyset never shows them: counting pages without a flush counted whatever the timer had written
    // (only the five write events in a loaded run). So: flush, then move the clock a second on so that
    // every event recorded from here on sorts after everything stored now, and compare exactly.
    await server.polyiam.services.audit.flush();
    server.polyiam.testClock!.advance(1000);
    const stored = (await signedGet(server, root, { limit: '1000' })).body.events!.map((e) => e.id);
    assert.ok(stored.length >= 5, 'the five write events of `before` at least');
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await signedGet(server, root, { limit: '2', ...(token ? { next_token: token } : {}) });
      assert.equal(page.status, 200);
      assert.ok(page.body.events!.length <= 2);
      ids.push(...page.body.events!.map((e) => e.id));
      token = page.body.next_token;
      pages++;
    } while (token !== undefined);
    assert.ok(pages >= 3);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.deepEqual([...ids].sort().reverse(), ids, 'newest first');
    // the reads of this test flushed meanwhile may open page 1; below them, exactly what was stored
    assert.deepEqual(ids.filter((id) => id <= stored[0]!), stored);
  });

  it('pages through events of one millisecond without losing or repeating any', async () => {
    const reader = server.polyiam.services.auditTrail;
    const at = server.polyiam.services.clock.now() - 3_600_000;
    const accountId = server.root.account.id;
    const sameMs = Array.from({ length: 7 }, () => server.polyiam.services.ids.timeOrderedId(at));
    const insert = new AuditEventInsert(server.polyiam.store.db);
    for (const id of sameMs) {
      await insert.run(server.polyiam.store.db, {
        id, at, accountId, requestId: `same-ms-${id}`, dialect: 'aws', action: 'iam:users:getUserV5', resource: 'user/same-ms', outcome: 'success', errorKind: null, reason: null,
        principalUserId: null, accessKeyId: null, sourceIp: '192.0.2.1', userName: 'same-ms', callerType: 'user', authMethod: 'aws-sigv4', sessionId: null, userAgent: null, operation: 'GetUser', readOnly: true, parameters: null,
      });
    }
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await reader.search({ accountId, userName: 'same-ms', limit: 3, ...(after !== undefined ? { after } : {}) });
      ids.push(...page.map((e) => e.id));
      if (page.length < 3) break;
      after = page[page.length - 1]!.id;
    }
    assert.deepEqual(ids, [...sameMs].sort().reverse());
  });

  it('accepts a Keystone token', async () => {
    const token = await rootToken(server);
    const response = await fetch(`${server.url}/audit/events?action=CreateUser&limit=1`, { headers: { 'x-auth-token': token } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Page;
    assert.equal(body.events!.length, 1);
    assert.ok(body.next_token);
    await server.polyiam.services.audit.flush();
    const own = (await (await fetch(`${server.url}/audit/events?action=ListAuditEvents&limit=1`, { headers: { 'x-auth-token': token } })).json()) as { events: Array<{ caller: { auth_method: string; session_id: string | null } }> };
    assert.equal(own.events[0]!.caller.auth_method, 'token');
    assert.match(String(own.events[0]!.caller.session_id), /^[0-9a-f]{32}$/, 'the token audit id, not the token');
    assert.ok(!JSON.stringify(own).includes(token));
  });

  it('answers bad input, bad credentials and missing permission in its envelope', async () => {
    const bad: Array<Record<string, string>> = [{ limit: '0' }, { outcome: 'maybe' }, { since: 'yesterday-ish' }, { colour: 'blue' }, { next_token: 'forged' }, { since: '1h', until: '2h' }];
    for (const query of bad) {
      const reply = await signedGet(server, root, query);
      assert.equal(reply.status, 400, JSON.stringify(query));
      assert.equal(reply.body.error!.code, 'InvalidParameter');
    }
    assert.equal((await signedGet(server, { ak: root.ak, sk: 'wrong-wrong-wrong-wrong-wrong-wrong-0000' })).status, 401);
    assert.equal((await fetch(`${server.url}/audit/events`)).status, 401);

    const iam = awsClient(server, root);
    const reader = await createUserWithKey(iam, 'na-reader');
    const denied = await signedGet(server, reader);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error!.code, 'AccessDenied');
    // CloudTrail's permission does not grant the native API: it has an action of its own
    const grant = (action: string) =>
      iam.send(new PutUserPolicyCommand({ UserName: 'na-reader', PolicyName: action.replace(/\W/g, ''), PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }) }));
    await grant('cloudtrail:LookupEvents');
    assert.equal((await signedGet(server, reader)).status, 403);
    await grant('polyiam:ListAuditEvents');
    assert.equal((await signedGet(server, reader)).status, 200);
  });

  it('shows an account only its own events', async () => {
    const other = await server.createAccount('initech');
    const theirs = await signedGet(server, { ak: other.root.access_key_id, sk: other.root.secret_access_key }, { resource: 'na-1' });
    assert.equal(theirs.status, 200);
    assert.deepEqual(theirs.body.events, []);
  });
});
