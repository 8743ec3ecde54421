import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { ShowLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginProfileV5Request.js';
import { call, createUser, v5Client } from '../conformance/huawei-v5/support.js';
import { serve } from './cli.js';

describe('polyiam serve: first start and graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'polyiam-shutdown-'));
  let keys: { ak: string; sk: string } | undefined;
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the root credentials JSON as the first stdout line, serves, and exits 0 on SIGTERM', async () => {
    const server = await serve(dataDir);
    let code: number | null;
    try {
      const credentials = server.credentials;
      assert.ok(credentials, `credentials JSON on stdout, got ${JSON.stringify(server.stdout())}`);
      assert.equal(credentials.account.name, 'default');
      assert.match(credentials.root.access_key_id, /^[A-Z0-9]{20}$/);
      assert.ok(credentials.root.password.length >= 8 && credentials.root.secret_access_key.length === 40);

      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      keys = { ak: credentials.root.access_key_id, sk: credentials.root.secret_access_key };
      const client = v5Client(server.url, keys);
      const users = await call(client.listUsersV5(new ListUsersV5Request()));
      assert.deepEqual(users.users!.map((u) => u.user_name), ['default']);

      // SECURITY: the credentials go to stdout once and never into the logs
      for (const secret of [credentials.root.password, credentials.root.secret_access_key]) assert.ok(!server.stderr().includes(secret));
    } finally {
      code = await server.stop('SIGTERM');
    }
    assert.equal(code, 0, `exit code; stderr: ${server.stderr()}`);
    assert.match(server.stderr(), /"signal":"SIGTERM","msg":"shutting down"/);
    for (const line of server.stderr().trim().split('\n')) JSON.parse(line);
    assert.equal(server.stdout().trim().split('\n').length, 1, 'stdout carries the credentials line only');
  });

  it('a second start on the same data directory prints nothing and keeps the account', async () => {
    const server = await serve(dataDir);
    try {
      assert.equal(server.credentials, undefined);
      assert.equal(server.stdout(), '');
    } finally {
      assert.equal(await server.stop('SIGINT'), 0);
    }
  });

  it('SIGTERM lets an in-flight request finish (a real argon2id hash) before exiting 0', async () => {
    assert.ok(keys, 'the first test ran');
    const server = await serve(dataDir);
    const client = v5Client(server.url, keys);
    const userId = await createUser(client, 'in-flight');
    const pending = call(
      client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(userId).withBody(new CreateLoginProfileReqBody('Password0', false))),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const exit = server.stop('SIGTERM');
    assert.equal((await pending).httpStatusCode, 201);
    assert.equal(await exit, 0);
    const again = await serve(dataDir);
    try {
      const shown = await call(v5Client(again.url, keys).showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(userId)));
      assert.equal(shown.login_profile!.user_id, userId, 'the answered write is on disk');
    } finally {
      await again.stop();
    }
  });
});
