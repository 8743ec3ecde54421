/**
 * @see #14 `polyiam audit` for operators (aligned table, JSON lines, --failed, export) on a data
 * directory, and retention: POLYIAM_AUDIT_RETENTION prunes in batches what the test clock has aged.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { loadConfig } from '../../src/config/config.js';
import { AuthenticationError } from '../../src/core/errors.js';
import { startTestServer } from '../support/server.js';
import { awsClient, rootKeys } from '../conformance/aws/support.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const DAY = 86_400_000;

async function polyiam(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['bin/polyiam.js', ...args], { cwd: REPO, env: { ...process.env, POLYIAM_LOG_LEVEL: 'error' }, timeout: 60_000 });
  return stdout;
}

describe('polyiam audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyiam-audit-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a table, JSON lines, failures only, and exports every event', async () => {
    const server = await startTestServer({ dataDir: dir, sqliteFile: 'polyiam.sqlite' });
    const rootName = server.root.root.user_name;
    try {
      const iam = awsClient(server, rootKeys(server));
      await iam.send(new CreateUserCommand({ UserName: 'cli-alice' }));
      await iam.send(new CreateUserCommand({ UserName: 'a-much-longer-user-name-for-alignment' }));
      await iam.send(new DeleteUserCommand({ UserName: 'cli-nobody' })).catch(() => undefined);
    } finally {
      await server.close();
    }

    const table = (await polyiam('audit', '--data-dir', dir, '--since', '1h', '--user', rootName)).trimEnd().split('\n');
    assert.match(table[0]!, /^TIME\s+USER\s+ACTION\s+RESOURCE\s+OUTCOME\s+SOURCE\s+DIALECT\s+EVENT ID$/);
    assert.equal(table.length, 4, table.join('\n'));
    const column = table[0]!.indexOf('RESOURCE');
    assert.ok(table.slice(1).every((line) => line[column - 1] === ' ' && line[column] !== ' '), 'the RESOURCE column starts at the same place on every line');
    assert.match(table[1]!, /DeleteUser\s+user\/cli-nobody\s+failed \(not-found\)/);

    const lines = (await polyiam('audit', '--data-dir', dir, '--action', 'CreateUser', '--json')).trim().split('\n').map((l) => JSON.parse(l) as { resource: string; outcome: string; caller: { user_name: string } });
    assert.deepEqual(lines.map((e) => e.resource), ['user/a-much-longer-user-name-for-alignment', 'user/cli-alice']);
    assert.ok(lines.every((e) => e.caller.user_name === rootName && e.outcome === 'success'));

    const failed = (await polyiam('audit', '--data-dir', dir, '--failed', '--json')).trim().split('\n').map((l) => JSON.parse(l) as { outcome: string });
    assert.ok(failed.length >= 1 && failed.every((e) => e.outcome !== 'success'));

    const exported = (await polyiam('audit', 'export', '--data-dir', dir, '--since', '1d')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; time: string });
    assert.ok(exported.length >= 3);
    assert.deepEqual(exported.map((e) => e.id), [...exported.map((e) => e.id)].sort(), 'oldest first');
  });
});

describe('audit retention', () => {
  it('reads POLYIAM_AUDIT_RETENTION, 90 days by default', () => {
    assert.equal(loadConfig({}).auditRetentionMs, 90 * DAY);
    assert.equal(loadConfig({ POLYIAM_AUDIT_RETENTION: '7d' }).auditRetentionMs, 7 * DAY);
    assert.equal(loadConfig({ POLYIAM_AUDIT_RETENTION: '12h' }).auditRetentionMs, 12 * 3_600_000);
    assert.throws(() => loadConfig({ POLYIAM_AUDIT_RETENTION: 'forever' }), /not a duration/);
  });

  it('prunes, in batches, only the events older than the retention the test clock has passed', async () => {
    const server = await startTestServer({ auditRetentionMs: 30 * DAY });
    try {
      const services = server.polyiam.services;
      const iam = awsClient(server, rootKeys(server));
      await iam.send(new CreateUserCommand({ UserName: 'old-news' }));
      // more than one batch (500) of old events
      for (let i = 0; i < 1200; i++) services.audit.rejected({ requestId: `old-${i}`, dialect: 'aws', action: 'GetUser', sourceIp: '192.0.2.1' }, new AuthenticationError('unknown-key'));
      await services.audit.flush();
      server.polyiam.testClock!.advance(31 * DAY);
      // the client signs with the server's (moved) time
      const later = awsClient(server, rootKeys(server));
      later.config.systemClockOffset = 31 * DAY;
      await later.send(new CreateUserCommand({ UserName: 'fresh-news' }));
      await services.audit.flush();
      const before = await server.polyiam.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const pruned = await server.polyiam.auditRetention.runOnce();
      const left = await server.polyiam.store.db.selectFrom('audit_events').select(['resource', 'at']).execute();
      assert.ok(pruned >= 1201, `pruned ${pruned}`);
      assert.equal(Number(before.n) - pruned, left.length);
      const cutoff = services.clock.now() - 30 * DAY;
      assert.ok(left.every((e) => Number(e.at) >= cutoff), 'only events within the retention remain');
      assert.ok(left.some((e) => e.resource === 'user/fresh-news'));
      assert.ok(!left.some((e) => e.resource === 'user/old-news'));
      assert.equal(await server.polyiam.auditRetention.runOnce(), 0, 'a second pass finds nothing');
    } finally {
      await server.close();
    }
  });
});
