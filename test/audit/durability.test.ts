/**
 * @see #14 No event lost for a write: `kill -9` of a real `polyiam serve` while clients create users
 * concurrently; afterwards every acknowledged creation has its success event, every success event has
 * its user (no record of a change that rolled back), and every stored user has its event.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateUserCommand, GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import BetterSqlite3 from 'better-sqlite3';
import { serve } from '../http/cli.js';

const WRITERS = 8;

describe('audit events of writes survive kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyiam-audit-crash-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('every acknowledged CreateUser has its success event, and no event lacks its user', async (t) => {
    const server = await serve(dir);
    const root = server.credentials!.root;
    const client = new IAMClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: root.access_key_id, secretAccessKey: root.secret_access_key },
      maxAttempts: 1,
    });
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const name = `crash-${w}-${i}`;
        try {
          await client.send(new CreateUserCommand({ UserName: name }));
          acknowledged.push(name);
        } catch {
          return; // the server is gone
        }
      }
    };
    // reads stay batched: their loss window (the sink's 100 ms flush interval) is measured, not closed
    let readsAcknowledged = 0;
    const reader = async () => {
      while (!killed) {
        try {
          await client.send(new GetUserCommand({}));
          readsAcknowledged++;
        } catch {
          return;
        }
      }
    };
    const writers = [...Array.from({ length: WRITERS }, (_, w) => writer(w)), reader(), reader()];
    // kill in the middle of the stream of writes, once a fair number were acknowledged
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    killed = true;
    const code = await server.stop('SIGKILL');
    await Promise.all(writers);
    client.destroy();
    assert.equal(code, null, 'killed by the signal');

    const db = new BetterSqlite3(join(dir, 'polyiam.sqlite'), { readonly: true });
    try {
      const users = new Set(db.prepare("select name from users where is_root = 0").all().map((r) => (r as { name: string }).name));
      const events = db
        .prepare("select resource, outcome, operation, user_name, read_only from audit_events where action = 'iam:users:createUserV5' and outcome = 'success'")
        .all() as Array<{ resource: string; outcome: string; operation: string; user_name: string; read_only: number }>;
      const evented = new Set(events.map((e) => e.resource.replace(/^user\//, '')));
      assert.ok(acknowledged.length >= 150);
      for (const name of acknowledged) {
        assert.ok(users.has(name), `acknowledged user ${name} is stored`);
        assert.ok(evented.has(name), `acknowledged user ${name} has its success event`);
      }
      for (const name of evented) assert.ok(users.has(name), `the event of ${name} records a change that was kept`);
      for (const name of users) assert.ok(evented.has(name), `stored user ${name} has its event`);
      assert.equal(events.length, evented.size, 'one success event per created user');
      assert.ok(events.every((e) => e.operation === 'CreateUser' && e.user_name === server.credentials!.root.user_name && e.read_only === 0));
      const reads = (db.prepare("select count(*) as n from audit_events where operation = 'GetUser' and outcome = 'success'").get() as { n: number }).n;
      t.diagnostic(`batched read events: ${reads} stored of ${readsAcknowledged} acknowledged reads; ${Math.max(0, readsAcknowledged - reads)} lost to kill -9 (at most the last 100 ms)`);
      assert.ok(reads <= readsAcknowledged + 2, 'no read event without its read');
    } finally {
      db.close();
    }
  });
});
