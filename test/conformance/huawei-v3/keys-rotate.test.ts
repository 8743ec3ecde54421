/**
 * `polyiam keys rotate` against the data directory of a running server: tokens issued before keep
 * working, and a token sealed with the new key by another process is accepted by the running one
 * (token keys live sealed in the shared database).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pino from 'pino';
import { createPolyiam } from '../../../src/app/polyiam.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, testHasher, type TestServer } from '../../support/server.js';
import { issueToken, send } from './support.js';

const run = promisify(execFile);

describe('polyiam keys rotate', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'polyiam-keys-'));
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ dataDir, sqliteFile: 'polyiam.sqlite' });
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds a primary key; old tokens still validate; other processes\' new tokens are accepted', async () => {
    const before = (await issueToken(server, 'acme', 'AcmeRoot#2024')).token;
    const { stdout } = await run(process.execPath, ['bin/polyiam.js', 'keys', 'rotate', '--data-dir', dataDir], {
      env: { PATH: process.env.PATH ?? '', POLYIAM_SQLITE_FILE: 'polyiam.sqlite', POLYIAM_LOG_LEVEL: 'error' },
      timeout: 60_000,
    });
    const rotation = JSON.parse(stdout) as { primary: string; active: Array<{ id: string; superseded_at: string | null }>; retired: string[] };
    assert.match(rotation.primary, /^[0-9a-f]{8}$/);
    assert.equal(rotation.active.length, 2);
    assert.equal(rotation.active[0]!.id, rotation.primary);
    assert.equal(rotation.active[0]!.superseded_at, null);
    assert.ok(!stdout.includes('sealed') && !/[A-Za-z0-9+/]{43}=/.test(stdout), 'no key material is printed');

    assert.equal((await send(server, 'GET', '/v3/users', { token: before })).status, 200);

    const other = await createPolyiam({ ...server.polyiam.config }, { logger: pino({ level: 'silent' }), hasher: testHasher() });
    try {
      const grant = await other.services.tokens.signIn(
        { requestId: 'r', dialect: 'test', sourceIp: null },
        { user: { name: 'acme', domain: { name: 'acme' } }, password: new PlainPassword('AcmeRoot#2024') },
      );
      const fresh = other.services.tokens.issue(grant, 'domain').token;
      assert.equal(Buffer.from(fresh, 'base64url').subarray(1, 5).toString('hex'), rotation.primary);
      assert.equal((await send(server, 'GET', '/v3/users', { token: fresh })).status, 200);
    } finally {
      await other.close();
    }
  });
});
