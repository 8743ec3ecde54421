import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { ListAccessKeysV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListAccessKeysV5Request.js';
import { ListResourceTagsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListResourceTagsV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { ShowLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginProfileV5Request.js';
import { ShowPasswordPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowPasswordPolicyV5Request.js';
import { ShowUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserV5Request.js';
import { Tag } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tag.js';
import { TagResourceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/TagResourceV5Request.js';
import { Tags } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tags.js';
import { UpdatePasswordPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdatePasswordPolicyReqBody.js';
import { UpdatePasswordPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdatePasswordPolicyV5Request.js';
import { startTestServer } from '../support/server.js';
import { call, createUserWithKey, expectSdkError, rootKeys, v5Client, type Json, type Keys } from '../conformance/huawei-v5/support.js';
import { serve } from './cli.js';

describe('a restart keeps all data (file SQLite in the data directory)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'polyiam-restart-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('written in process with a fixed master key, read back by `polyiam serve` after a stop', async () => {
    const dataDir = tempDir();
    const masterKey = randomBytes(32).toString('base64');
    const first = await startTestServer({ dataDir, sqliteFile: 'polyiam.sqlite', masterKey });
    const root = rootKeys(first);
    let userId: string;
    let userKeys: Keys;
    let before: { user: Json; profile: Json; keys: Json; tags: Json; policy: Json };
    try {
      const client = v5Client(first, root);
      ({ userId, keys: userKeys } = await createUserWithKey(client, 'persisted'));
      await client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(userId).withBody(new CreateLoginProfileReqBody('Password0', true)));
      await client.tagResourceV5(new TagResourceV5Request(userId, 'user').withBody(new Tags().withTags([new Tag('team', 'iam')])));
      await client.updatePasswordPolicyV5(new UpdatePasswordPolicyV5Request().withBody(new UpdatePasswordPolicyReqBody().withMinimumPasswordLength(10)));
      before = await snapshot(client, userId);
    } finally {
      await first.close();
    }

    const again = await serve(dataDir, { POLYIAM_MASTER_KEY: masterKey });
    try {
      assert.equal(again.credentials, undefined, 'the account exists: no first-start credentials');
      const client = v5Client(again.url, root);
      assert.deepEqual(await snapshot(client, userId), before);
      const names = (await call(client.listUsersV5(new ListUsersV5Request()))).users!.map((u) => u.user_name).sort();
      assert.deepEqual(names, ['acme', 'persisted']);
      // the user's sealed secret opens under the same key: it authenticates, and is then denied
      await expectSdkError(v5Client(again.url, userKeys).listUsersV5(new ListUsersV5Request()), 403, 'PAP5.0001');
    } finally {
      assert.equal(await again.stop(), 0);
    }
  });

  it('without a configured key, the generated master.key (mode 0600) is reused on the next start', async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir);
    let root: Keys;
    let userKeys: Keys;
    try {
      const credentials = first.credentials!;
      root = { ak: credentials.root.access_key_id, sk: credentials.root.secret_access_key };
      ({ keys: userKeys } = await createUserWithKey(v5Client(first.url, root), 'keeper'));
    } finally {
      assert.equal(await first.stop(), 0);
    }
    assert.equal(statSync(join(dataDir, 'master.key')).mode & 0o777, 0o600);
    assert.ok(statSync(join(dataDir, 'polyiam.sqlite')).size > 0);

    const again = await serve(dataDir);
    try {
      const users = await call(v5Client(again.url, root).listUsersV5(new ListUsersV5Request()));
      assert.deepEqual(users.users!.map((u) => u.user_name).sort(), ['default', 'keeper']);
      await expectSdkError(v5Client(again.url, userKeys).listUsersV5(new ListUsersV5Request()), 403, 'PAP5.0001');
    } finally {
      assert.equal(await again.stop(), 0);
    }
  });
});

/** Everything the first run wrote about the user, as the v5 API shows it. */
async function snapshot(client: ReturnType<typeof v5Client>, userId: string) {
  const strip = ({ httpStatusCode: _status, ...body }: Json) => body;
  return {
    user: strip(await call(client.showUserV5(new ShowUserV5Request().withUserId(userId)))),
    profile: strip(await call(client.showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(userId)))),
    keys: strip(await call(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId)))),
    tags: strip(await call(client.listResourceTagsV5(new ListResourceTagsV5Request(userId, 'user')))),
    policy: strip(await call(client.showPasswordPolicyV5(new ShowPasswordPolicyV5Request()))),
  };
}
