import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import type { AccessKeyStatus } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AccessKeyStatus.js';
import { CreateAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAccessKeyV5Request.js';
import { DeleteAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteAccessKeyV5Request.js';
import { ListAccessKeysV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListAccessKeysV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { ShowAccessKeyLastUsedV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowAccessKeyLastUsedV5Request.js';
import { UpdateAccessKeyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateAccessKeyReqBody.js';
import { UpdateAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateAccessKeyV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, expectSdkError, ISO_MS, rootKeys, v5Client, type Keys, type WireAccessKey } from './support.js';

/** AccessKeyStatus is an empty class in the SDK; the wire value is the string */
const status = (value: string) => value as unknown as AccessKeyStatus;
const createKey = (client: IamClient, userId: string) => client.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(userId));
const setStatus = (client: IamClient, userId: string, keyId: string, value: unknown) =>
  client.updateAccessKeyV5(new UpdateAccessKeyV5Request().withUserId(userId).withAccessKeyId(keyId).withBody(new UpdateAccessKeyReqBody(value as AccessKeyStatus)));
const lastUsed = (client: IamClient, userId: string, keyId: string) =>
  client.showAccessKeyLastUsedV5(new ShowAccessKeyLastUsedV5Request().withUserId(userId).withAccessKeyId(keyId));

describe('huawei-v5 access keys through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  /** an IAM user's key authenticates and is then denied (403), a dead key is a 401 */
  const probe = (keys: Keys) => v5Client(server, keys).listUsersV5(new ListUsersV5Request());

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it('createAccessKeyV5 answers 201 with the secret once; the key signs requests at once', async () => {
    const userId = await createUser(client, 'alice');
    const created = await call(createKey(client, userId));
    assert.equal(created.httpStatusCode, 201);
    const key = created.access_key!;
    assert.deepEqual(Object.keys(key).sort(), ['access_key_id', 'created_at', 'secret_access_key', 'status', 'user_id']);
    assert.equal(key.user_id, userId);
    assert.equal(key.status, 'active');
    assert.match(key.created_at, ISO_MS);
    assert.match(key.access_key_id, /^[A-Z0-9]{20}$/);
    assert.match(key.secret_access_key!, /^[A-Za-z0-9]{40}$/);
    await expectSdkError(probe({ ak: key.access_key_id, sk: key.secret_access_key! }), 403, 'PAP5.0001');
    const listed = await call(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId)));
    assert.equal(listed.httpStatusCode, 200);
    assert.deepEqual(listed.access_keys, [{ user_id: userId, access_key_id: key.access_key_id, status: 'active', created_at: key.created_at }]);
    assert.deepEqual(listed.page_info, { current_count: 1 });
  });

  it('a user holds at most two keys: the third is a 409 quota error', async () => {
    const userId = await createUser(client, 'bob');
    await createKey(client, userId);
    await createKey(client, userId);
    await expectSdkError(createKey(client, userId), 409, 'PAP5.0003', /limit exceeded/);
    await expectSdkError(createKey(client, 'c'.repeat(32)), 404, 'IAM.0004');
    await expectSdkError(createKey(client, 'bob'), 400, 'IAM.0007', /`user_id`/);
  });

  it('listAccessKeysV5 pages with limit and next_marker', async () => {
    const userId = await createUser(client, 'carol');
    const a = (await call(createKey(client, userId))).access_key!;
    const b = (await call(createKey(client, userId))).access_key!;
    const first = await call(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId).withLimit(1)));
    assert.equal(first.page_info!.current_count, 1);
    assert.ok(first.page_info!.next_marker);
    const second = await call(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId).withLimit(1).withMarker(first.page_info!.next_marker!)));
    assert.deepEqual(second.page_info, { current_count: 1 });
    const ids = [...first.access_keys!, ...second.access_keys!].map((k: WireAccessKey) => k.access_key_id).sort();
    assert.deepEqual(ids, [a.access_key_id, b.access_key_id].sort());
    await expectSdkError(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId).withLimit(500)), 400, 'IAM.0007', /`limit`/);
    await expectSdkError(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId).withMarker('bm9wZQ')), 400, 'PAP5.0010');
  });

  it('updateAccessKeyV5 deactivates (the key is then a 401) and reactivates', async () => {
    const userId = await createUser(client, 'dave');
    const key = (await call(createKey(client, userId))).access_key!;
    const keys = { ak: key.access_key_id, sk: key.secret_access_key! };
    const off = await call(setStatus(client, userId, key.access_key_id, status('inactive')));
    assert.equal(off.httpStatusCode, 200);
    assert.deepEqual(off.access_key, { user_id: userId, access_key_id: key.access_key_id, status: 'inactive', created_at: key.created_at });
    await expectSdkError(probe(keys), 401, 'APIGW.0301');
    await setStatus(client, userId, key.access_key_id, status('active'));
    await expectSdkError(probe(keys), 403, 'PAP5.0001');
  });

  it('updateAccessKeyV5 answers 400 for a bad status, 404 for a key of someone else', async () => {
    const userId = await createUser(client, 'erin');
    const other = await createUser(client, 'erin-other');
    const key = (await call(createKey(client, userId))).access_key!;
    await expectSdkError(setStatus(client, userId, key.access_key_id, 'disabled'), 400, 'IAM.0007', /`status`.*`active` or `inactive`/);
    await expectSdkError(setStatus(client, userId, key.access_key_id, undefined), 400, 'IAM.0072', /'status'/);
    await expectSdkError(setStatus(client, userId, key.access_key_id, true), 400, 'IAM.0007', /`status`/);
    await expectSdkError(setStatus(client, other, key.access_key_id, status('inactive')), 404, 'IAM.0004', /access-key/);
    await expectSdkError(setStatus(client, userId, 'AKIANOSUCHKEY0000000', status('inactive')), 404, 'IAM.0004');
    await expectSdkError(setStatus(client, userId, 'K'.repeat(41), status('inactive')), 400, 'IAM.0007', /`access_key_id`/);
  });

  it('showAccessKeyLastUsedV5: no last_used_at until the key is used, then an ISO time', async () => {
    const userId = await createUser(client, 'frank');
    const key = (await call(createKey(client, userId))).access_key!;
    const before = await call(lastUsed(client, userId, key.access_key_id));
    assert.equal(before.httpStatusCode, 200);
    assert.deepEqual(before.access_key_last_used, {});
    await sdkSettled(probe({ ak: key.access_key_id, sk: key.secret_access_key! }));
    const used = (await call(lastUsed(client, userId, key.access_key_id))).access_key_last_used!;
    assert.match(used.last_used_at!, ISO_MS);
    await expectSdkError(lastUsed(client, userId, 'AKIANOSUCHKEY0000000'), 404, 'IAM.0004');
  });

  it('deleteAccessKeyV5 answers 204; the key no longer signs; a second delete is a 404', async () => {
    const userId = await createUser(client, 'gina');
    const key = (await call(createKey(client, userId))).access_key!;
    const deleted = await call(client.deleteAccessKeyV5(new DeleteAccessKeyV5Request().withUserId(userId).withAccessKeyId(key.access_key_id)));
    assert.equal(deleted.httpStatusCode, 204);
    await expectSdkError(probe({ ak: key.access_key_id, sk: key.secret_access_key! }), 401, 'APIGW.0301');
    await expectSdkError(client.deleteAccessKeyV5(new DeleteAccessKeyV5Request().withUserId(userId).withAccessKeyId(key.access_key_id)), 404, 'IAM.0004');
    assert.deepEqual((await call(client.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(userId)))).access_keys, []);
  });
});

async function sdkSettled(promise: Promise<unknown>): Promise<void> {
  await promise.catch(() => undefined);
}
