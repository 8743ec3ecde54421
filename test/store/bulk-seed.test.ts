/**
 * @see #17 The scale bench's seeding (bench/scale/seed.ts over store/bulk-load.ts) writes rows the real
 * code reads as its own: seeded users are read back through the AWS SDK (GetUser, ListUsers pages), a
 * seeded access key signs a call (its sealed secret opens), the policy-decision caller is allowed by
 * its groups' policies, and a seeded password signs in (Keystone POST /v3/auth/tokens, real argon2id).
 * On SQLite (a data dir) and on PostgreSQL (a scratch database) when POLYIAM_TEST_PG_URL is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { GetUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import pino from 'pino';
import { seed, userName, type SeededKey } from '../../bench/scale/seed.js';
import { createPolyiam } from '../../src/app/polyiam.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { buildServer } from '../../src/http/server.js';
import { scratchDatabase } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

const USERS = 300;

function iam(url: string, key: SeededKey): IAMClient {
  return new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secret }, maxAttempts: 1 });
}

async function checkSeeded(t: TestContext, config: Config): Promise<void> {
  const manifest = await seed(config, USERS);
  assert.equal(manifest.rows.users, USERS);
  assert.ok(manifest.keys.length > 0 && manifest.signIns.length > 0);
  const polyiam = await createPolyiam(config, { logger: pino({ level: 'silent' }) });
  const app = await buildServer(polyiam, { logger: pino({ level: 'silent' }) });
  t.after(async () => {
    await app.close();
    await polyiam.close();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const root = iam(url, manifest.root);
  const { User } = await root.send(new GetUserCommand({ UserName: userName(123) }));
  assert.equal(User?.UserName, userName(123));
  assert.match(User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
  assert.equal(User?.Arn, `arn:aws:iam::${manifest.account.awsAccountId}:user/${userName(123)}`);

  // keyset pages in name order, the root excluded: `decider`, then u0000000...
  const first = await root.send(new ListUsersCommand({ MaxItems: 10 }));
  assert.deepEqual(first.Users?.map((u) => u.UserName), ['decider', ...Array.from({ length: 9 }, (_, i) => userName(i))]);
  const second = await root.send(new ListUsersCommand({ MaxItems: 10, Marker: first.Marker }));
  assert.equal(second.Users?.[0]?.UserName, userName(9));

  // a seeded key signs a call: its sealed secret opens under the data dir's key, its groups allow the read
  const key = manifest.keys[0]!;
  const self = await iam(url, key).send(new GetUserCommand({}));
  assert.equal(self.User?.UserName, key.userName);
  const decided = await iam(url, manifest.decider).send(new GetUserCommand({ UserName: userName(7) }));
  assert.equal(decided.User?.UserName, userName(7));

  // a seeded password signs in (the PHC string verifies under the server's own argon2id parameters)
  const { userName: name, password } = manifest.signIns[0]!;
  const domain = { name: manifest.account.name };
  const signIn = (secret: string) =>
    fetch(`${url}/v3/auth/tokens?nocatalog=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: secret, domain } } }, scope: { domain } } }),
    });
  const ok = await signIn(password);
  assert.equal(ok.status, 201, await ok.text());
  assert.ok(ok.headers.get('x-subject-token'));
  assert.equal((await signIn(`${password}x`)).status, 401);
}

test('seeded SQLite data dir: users, keys, groups and passwords work through the API', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'polyiam-bulk-seed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await checkSeeded(t, { ...loadConfig({}), dataDir: dir, logLevel: 'silent' });
});

test('seeded PostgreSQL database: users, keys, groups and passwords work through the API', async (t) => {
  const adminUrl = requirePostgres(t);
  if (!adminUrl) return;
  const database = await scratchDatabase(adminUrl, 'polyiam_bulk_seed');
  t.after(() => database.drop());
  await checkSeeded(t, { ...loadConfig({}), databaseUrl: database.url, masterKey: randomBytes(32).toString('base64'), logLevel: 'silent' });
});
