/**
 * @see #19 — when a node loses its listening connection it polls `change_log` every second until the
 * connection is back, then drops its whole cache once and hears changes by notification again; a
 * PostgreSQL outage (every connection ended, none allowed for a while) costs answers in the dialect's
 * envelope, never a node, and writes resume after it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import pg from 'pg';
import type { Polyiam } from '../../src/app/polyiam.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { eventually, openNode, scratchDatabase, type ScratchDatabase } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';
import { serveNode, timeUntil } from './two-nodes.js';

const PUSHED_WITHIN_MS = 900;
/** the fallback polls every second: a change arrives within about one poll (generous for a loaded box) */
const POLLED_WITHIN_MS = 3_000;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.POLYIAM_TEST_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('losing the listening connection, and PostgreSQL, on two nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let bHttp: { url: string; close(): Promise<void> } | undefined;
  let root: CallContext;
  let rootKeys: { accessKeyId: string; secretAccessKey: string };
  let database: ScratchDatabase | undefined;
  let name = '';

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    database = await scratchDatabase(adminUrl, 'polyiam_fallback');
    name = new URL(database.url).pathname.slice(1);
    const masterKey = randomBytes(32).toString('base64');
    a = await openNode(database.url, masterKey);
    b = await openNode(database.url, masterKey);
    bHttp = await serveNode(b);
    const created = await a.services.accounts.create(`fallback${randomBytes(4).toString('hex')}`, new PlainPassword('FallbackRoot#2024'));
    root = systemContext(created.account.id, created.root.id, created.root.name);
    rootKeys = { accessKeyId: created.accessKeyId, secretAccessKey: created.secret.reveal() };
  });
  after(async () => {
    if (name) await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await bHttp?.close();
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('changes arrive by the poll while the listener is gone, and by notification once it is back', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'fallback-user' });
    assert.equal((await b!.services.users.get(root, { id: user.id })).name, 'fallback-user');
    const stats = b!.changeNotifications!;
    const { fallbackPolls, resets } = stats;

    // the listener is ended and may not come back yet; the pools keep the connections they hold (a
    // query that needs a new one fails meanwhile, so the probes take a failure as "not yet")
    const named = (wanted: string) => () => b!.services.users.get(root, { id: user.id }).then((u) => u.name === wanted, () => false);
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await admin(`SELECT pg_terminate_backend(${b!.notifier!.listenerPid!})`);
      assert.ok(await eventually(async () => !stats.listening, 5_000, 20), 'B noticed');
      assert.ok(await eventually(() => a!.services.users.update(root, { id: user.id }, { newName: 'fallback-polled' }).then(() => true, () => false), 5_000, 20));
      const polled = await timeUntil(named('fallback-polled'));
      assert.ok(polled < POLLED_WITHIN_MS, `seen by the poll after ${polled} ms`);
      assert.ok(stats.fallbackPolls > fallbackPolls, 'by the poll');
      assert.equal(stats.listening, false, 'while the listener was still away');
    } finally {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    assert.ok(await eventually(async () => stats.listening, 5_000, 20), 'B listens again');
    assert.equal(stats.resets, resets + 1, 'and dropped its whole cache once');
    const polls = stats.fallbackPolls;
    await a!.services.users.update(root, { id: user.id }, { newName: 'fallback-pushed' });
    const pushed = await timeUntil(named('fallback-pushed'));
    assert.ok(pushed < PUSHED_WITHIN_MS, `seen by notification after ${pushed} ms`);
    assert.equal(stats.fallbackPolls, polls, 'no longer polling');
  });

  it('an outage: answers in the envelope, no node exits, writes resume', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const client = new IAMClient({ endpoint: bHttp!.url, region: 'us-east-1', credentials: rootKeys, maxAttempts: 1 });
    await client.send(new GetUserCommand({}));
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await database!.terminateConnections();
      // a read of a user no cache holds: the database cannot be reached; the SDK gets AWS's own error shape
      const failed = await client.send(new GetUserCommand({ UserName: 'nobody-during-outage' })).then(
        () => 'answered',
        (err: { name: string; $metadata?: { httpStatusCode?: number } }) => `${err.name} ${err.$metadata?.httpStatusCode}`,
      );
      t.diagnostic(`during the outage: ${failed}`);
      assert.match(failed, /^ServiceFailure\w* 500$/);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal(a!.changeNotifications!.listening || b!.changeNotifications!.listening, false, 'no listener could come back yet');
    } finally {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }

    assert.ok(await eventually(() => a!.services.users.create(root, { name: 'after-outage' }).then(() => true, () => false), 10_000), 'A writes again');
    assert.ok(await eventually(() => b!.services.users.get(root, { name: 'after-outage' }).then(() => true, () => false), 10_000), 'B reads it');
    assert.ok(await eventually(async () => a!.changeNotifications!.listening && b!.changeNotifications!.listening, 10_000), 'both listen again');
    assert.equal((await client.send(new GetUserCommand({ UserName: 'after-outage' }))).User?.UserName, 'after-outage');
  });
});
