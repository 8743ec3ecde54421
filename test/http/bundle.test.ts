/** @see #17 */
// `npm start` runs the build's bundle (dist/bundle/polyiam.cjs, scripts/bundle.mjs) when there is one:
// the same server as the sources, but the console's files are read beside the bundle, native packages
// are required from node_modules, and CommonJS packages are inlined. One start of it, driven by the
// official AWS SDK (XML), a Keystone password token (argon2id, a native package) and the console's
// pages and stylesheet. Skipped where no current bundle is built (a checkout without `npm run build`,
// or sources edited since): `npm ci` builds it, so CI runs it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GetUserCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import { serve, type ServeProcess } from './cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** What bin/polyiam.js checks before it runs the build (see there). */
function bundleIsCurrent(): boolean {
  const stamp = join(REPO, 'dist/.built');
  return existsSync(join(REPO, 'dist/bundle/polyiam.cjs')) && existsSync(stamp) && newestSource(join(REPO, 'src')) <= statSync(stamp).mtimeMs;
}

// in CI (`npm ci` builds the bundle) a missing one is a failure, not a skip
describe('polyiam serve from the bundle', { skip: bundleIsCurrent() || process.env.CI === 'true' ? false : 'no current dist/bundle (npm run build)' }, () => {
  before(() => assert.ok(bundleIsCurrent(), 'npm ci built no current dist/bundle/polyiam.cjs (scripts/bundle.mjs)'));
  const dataDir = mkdtempSync(join(tmpdir(), 'polyiam-bundle-'));
  let server: ServeProcess;
  before(async () => {
    // POLYIAM_FROM_SOURCE (set by npm test) off: bin/polyiam.js runs the build
    server = await serve(dataDir, { POLYIAM_FROM_SOURCE: '' });
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the AWS SDK with its XML and its errors', async () => {
    assert.doesNotMatch(server.stderr(), /through tsx/);
    const root = server.credentials!.root;
    const client = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: root.access_key_id, secretAccessKey: root.secret_access_key }, maxAttempts: 1 });
    const me = await client.send(new GetUserCommand({}));
    assert.match(me.User?.Arn ?? '', /:root$/);
    await assert.rejects(client.send(new GetUserCommand({ UserName: 'nobody' })), NoSuchEntityException);
  });

  it('issues a Keystone token for the root password (argon2id from node_modules) and refuses a wrong one', async () => {
    const { root, account } = server.credentials!;
    const body = (password: string) =>
      JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: root.user_name, password, domain: { name: account.name } } } } } });
    const headers = { 'content-type': 'application/json' };
    const issued = await fetch(`${server.url}/v3/auth/tokens`, { method: 'POST', headers, body: body(root.password) });
    assert.equal(issued.status, 201);
    assert.ok(issued.headers.get('x-subject-token'));
    const refused = await fetch(`${server.url}/v3/auth/tokens`, { method: 'POST', headers, body: body(`${root.password}x`) });
    assert.equal(refused.status, 401);
  });

  it('serves the console pages and stylesheet read beside the bundle', async () => {
    const page = await fetch(`${server.url}/console/sign-in`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form/);
    const css = await fetch(`${server.url}/console/static/console.css`);
    assert.equal(css.status, 200);
    assert.match(await css.text(), /font-family/);
  });
});
