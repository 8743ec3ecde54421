import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { CreateAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAccessKeyV5Request.js';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { CreateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserReqBody.js';
import { CreateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserV5Request.js';
import { DeleteUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteUserV5Request.js';
import { ListAccessKeysV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListAccessKeysV5Request.js';
import { ListResourceTagsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListResourceTagsV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { ShowLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginProfileV5Request.js';
import { ShowUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserV5Request.js';
import { UpdateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateUserReqBody.js';
import { UpdateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateUserV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { assertV5Error, call, createUser, createUserWithKey, expectSdkError, rawRequest, rootKeys, v5Client, type Keys } from './support.js';

describe('huawei-v5 authorization seam: root may do all in its account, a user nothing, accounts never meet', () => {
  let server: TestServer;
  let root: IamClient;
  let victimId: string;

  before(async () => {
    server = await startTestServer();
    root = v5Client(server, rootKeys(server));
    victimId = await createUser(root, 'victim');
    await root.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(victimId).withBody(new CreateLoginProfileReqBody('Password0', false)));
  });
  after(() => server.close());

  it('an IAM user is denied every operation on others with 403 PAP5.0001 naming the action', async () => {
    const { keys } = await createUserWithKey(root, 'intruder');
    const user = v5Client(server, keys);
    const denied: Array<[Promise<unknown>, RegExp]> = [
      [user.createUserV5(new CreateUserV5Request().withBody(new CreateUserReqBody().withName('minted').withEnabled(true))), /createUserV5/],
      [user.listUsersV5(new ListUsersV5Request()), /listUsersV5/],
      [user.showUserV5(new ShowUserV5Request().withUserId(victimId)), /getUserV5/],
      [user.updateUserV5(new UpdateUserV5Request().withUserId(victimId).withBody(new UpdateUserReqBody().withEnabled(false))), /updateUserV5/],
      [user.deleteUserV5(new DeleteUserV5Request().withUserId(victimId)), /deleteUserV5/],
      [user.showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(victimId)), /showLoginProfileV5/],
      [user.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(victimId)), /createCredentialV5/],
      [user.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(victimId)), /listCredentialsV5/],
      [user.listResourceTagsV5(new ListResourceTagsV5Request(victimId, 'user')), /listTagsForResourceV5/],
    ];
    for (const [promise, action] of denied) await expectSdkError(promise, 403, 'PAP5.0001', action);
    // the raw answer is the v5 403 envelope with the request id
    const res = await rawRequest(server, { method: 'DELETE', path: `/v5/users/${victimId}`, keys });
    assertV5Error(res, 403, 'PAP5.0001', /^access denied: iam:users:deleteUserV5 on user\//);
    // and nothing was done
    const users = (await call(root.listUsersV5(new ListUsersV5Request()))).users!.map((u) => u.user_name);
    assert.ok(users.includes('victim') && !users.includes('minted'));
    assert.equal((await call(root.showUserV5(new ShowUserV5Request().withUserId(victimId)))).user!.enabled, true);
    assert.deepEqual((await call(root.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(victimId)))).access_keys, []);
  });

  it('an IAM user is denied even on itself, but for self-service reads', async () => {
    const { userId, keys } = await createUserWithKey(root, 'self');
    const user = v5Client(server, keys);
    assert.equal((await call(user.showUserV5(new ShowUserV5Request().withUserId(userId)))).user!.user_name, 'self');
    await expectSdkError(user.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(userId)), 403, 'PAP5.0001');
    await expectSdkError(user.updateUserV5(new UpdateUserV5Request().withUserId(userId).withBody(new UpdateUserReqBody().withNewUserName('boss'))), 403, 'PAP5.0001');
  });

  it("another account's user id is a 404 for every operation, in both directions", async () => {
    const globex = await server.createAccount('globex', 'GlobexRoot#2024');
    const other: Keys = { ak: globex.root.access_key_id, sk: globex.root.secret_access_key };
    const stranger = v5Client(server, other);
    const notFound: Array<Promise<unknown>> = [
      stranger.showUserV5(new ShowUserV5Request().withUserId(victimId)),
      stranger.updateUserV5(new UpdateUserV5Request().withUserId(victimId).withBody(new UpdateUserReqBody().withEnabled(false))),
      stranger.deleteUserV5(new DeleteUserV5Request().withUserId(victimId)),
      stranger.showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(victimId)),
      stranger.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(victimId).withBody(new CreateLoginProfileReqBody('Password0', false))),
      stranger.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(victimId)),
      stranger.listAccessKeysV5(new ListAccessKeysV5Request().withUserId(victimId)),
      stranger.listResourceTagsV5(new ListResourceTagsV5Request(victimId, 'user')),
      stranger.showUserV5(new ShowUserV5Request().withUserId(server.root.root.user_id)),
    ];
    for (const promise of notFound) await expectSdkError(promise, 404, 'IAM.0004');
    const theirs = (await call(stranger.listUsersV5(new ListUsersV5Request()))).users!.map((u) => u.user_name);
    assert.deepEqual(theirs, ['globex']);
    const globexUser = await createUser(stranger, 'victim');
    await expectSdkError(root.showUserV5(new ShowUserV5Request().withUserId(globexUser)), 404, 'IAM.0004');
    assert.notEqual(globexUser, victimId, 'same name, another account, another user');
    assert.equal((await call(root.showUserV5(new ShowUserV5Request().withUserId(victimId)))).user!.enabled, true, 'untouched');
  });
});
