import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { CreateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserReqBody.js';
import { CreateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { ShowLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginProfileV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, rootKeys, sdkError, v5Client } from './support.js';

const PARALLEL = 20;

/** Runs the same call PARALLEL times at once; returns the success statuses and the failures' status/code. */
async function race(make: () => Promise<unknown>): Promise<{ ok: number[]; failed: Array<[number, string]> }> {
  type Outcome = { ok: number } | { failed: [number, string] };
  const outcomes = await Promise.all(
    Array.from({ length: PARALLEL }, async (): Promise<Outcome> => {
      const attempt = make();
      try {
        return { ok: (await call(attempt)).httpStatusCode! };
      } catch {
        const e = await sdkError(attempt);
        return { failed: [e.httpStatusCode, e.errorCode] };
      }
    }),
  );
  return {
    ok: outcomes.flatMap((o) => ('ok' in o ? [o.ok] : [])),
    failed: outcomes.flatMap((o) => ('failed' in o ? [o.failed] : [])),
  };
}

describe('huawei-v5 concurrency: the database decides between identical writes', () => {
  let server: TestServer;
  let client: IamClient;

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it(`${PARALLEL} parallel identical createLoginProfileV5: exactly one 201, the rest 409, one stored profile`, async () => {
    const id = await createUser(client, 'alice');
    const { ok, failed } = await race(() =>
      client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(id).withBody(new CreateLoginProfileReqBody('Password0', true))),
    );
    assert.deepEqual(ok, [201]);
    assert.equal(failed.length, PARALLEL - 1);
    for (const f of failed) assert.deepEqual(f, [409, 'PAP5.0009']);
    const shown = await call(client.showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(id)));
    assert.equal(shown.login_profile!.user_id, id);
    const history = await server.polyiam.store.loginProfiles.listPasswordHistory(id, 100);
    assert.equal(history.length, 1, 'one password written, by the winner only');
  });

  it(`${PARALLEL} parallel identical createUserV5: exactly one 201, the rest 409, one stored user`, async () => {
    const { ok, failed } = await race(() => client.createUserV5(new CreateUserV5Request().withBody(new CreateUserReqBody().withName('twin').withEnabled(true))));
    assert.deepEqual(ok, [201]);
    assert.deepEqual(failed, Array.from({ length: PARALLEL - 1 }, () => [409, 'PAP5.0009']));
    const users = (await call(client.listUsersV5(new ListUsersV5Request()))).users!.filter((u) => u.user_name === 'twin');
    assert.equal(users.length, 1);
  });
});
