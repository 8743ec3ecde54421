import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { CreateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserReqBody.js';
import { CreateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserV5Request.js';
import { DeleteUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteUserV5Request.js';
import { ListUsersV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListUsersV5Request.js';
import { ShowUserLastLoginV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserLastLoginV5Request.js';
import { ShowUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserV5Request.js';
import { UpdateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateUserReqBody.js';
import { UpdateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateUserV5Request.js';
import { systemContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, expectSdkError, ISO_MS, rootKeys, v5Client, type WireUser } from './support.js';

const create = (client: IamClient, body: CreateUserReqBody) => client.createUserV5(new CreateUserV5Request().withBody(body));
const show = (client: IamClient, id: string) => client.showUserV5(new ShowUserV5Request().withUserId(id));
const update = (client: IamClient, id: string, body: UpdateUserReqBody) => client.updateUserV5(new UpdateUserV5Request().withUserId(id).withBody(body));
/** the SDK sends whatever a caller puts in a model; wrong types reach the server as typed here */
const loose = <T>(value: unknown) => value as T;

describe('huawei-v5 users through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it('createUserV5 answers 201 with the v5 User object', async () => {
    const created = await call(create(client, new CreateUserReqBody().withName('alice').withEnabled(true).withDescription('first user')));
    assert.equal(created.httpStatusCode, 201);
    const user = created.user!;
    assert.deepEqual(Object.keys(user).sort(), ['created_at', 'description', 'enabled', 'is_root_user', 'urn', 'user_id', 'user_name']);
    assert.match(user.user_id, /^[0-9a-f]{32}$/);
    assert.equal(user.user_name, 'alice');
    assert.equal(user.description, 'first user');
    assert.equal(user.enabled, true);
    assert.equal(user.is_root_user, false);
    assert.match(user.created_at, ISO_MS);
    assert.equal(user.urn, `iam::${server.root.account.id}:user:alice`);
  });

  it('createUserV5 refuses a taken name, case-insensitively, with 409', async () => {
    await createUser(client, 'bob');
    await expectSdkError(create(client, new CreateUserReqBody().withName('BOB').withEnabled(true)), 409, 'PAP5.0009', /`BOB` already exists/);
  });

  it('createUserV5 answers 400 naming the field for every bad parameter', async () => {
    const cases: Array<[CreateUserReqBody, string, RegExp]> = [
      [new CreateUserReqBody().withEnabled(true), 'IAM.0072', /'name' is a required property/],
      [new CreateUserReqBody().withName('carol'), 'IAM.0072', /'enabled' is a required property/],
      [new CreateUserReqBody().withName('1carol').withEnabled(true), 'IAM.0007', /`name`.*not start with a digit/],
      [new CreateUserReqBody().withName('c'.repeat(65)).withEnabled(true), 'IAM.0007', /`name`.*at most 64/],
      [new CreateUserReqBody().withName('').withEnabled(true), 'IAM.0007', /`name`.*at least 1/],
      [new CreateUserReqBody().withName('car/ol').withEnabled(true), 'IAM.0007', /`name`/],
      [new CreateUserReqBody().withName('carol').withEnabled(loose('yes')), 'IAM.0007', /`enabled`.*boolean/],
      [new CreateUserReqBody().withName(loose(42)).withEnabled(true), 'IAM.0007', /`name`.*string/],
      [new CreateUserReqBody().withName('carol').withEnabled(true).withDescription('a@b'), 'IAM.0007', /`description`/],
      [new CreateUserReqBody().withName('carol').withEnabled(true).withDescription('d'.repeat(256)), 'IAM.0007', /`description`.*at most 255/],
    ];
    for (const [body, code, msg] of cases) await expectSdkError(create(client, body), 400, code, msg);
    const page = await call(client.listUsersV5(new ListUsersV5Request()));
    assert.ok(!page.users!.some((u) => u.user_name.toLowerCase().includes('carol')), 'nothing was written');
  });

  it('listUsersV5 pages with limit and next_marker, root included', async () => {
    for (const name of ['p1', 'p2', 'p3']) await createUser(client, name);
    const seen: WireUser[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const request = new ListUsersV5Request().withLimit(2);
      if (marker) request.withMarker(marker);
      const page = await call(client.listUsersV5(request));
      assert.equal(page.httpStatusCode, 200);
      assert.equal(page.page_info!.current_count, page.users!.length);
      seen.push(...page.users!);
      marker = page.page_info!.next_marker;
      pages++;
    } while (marker && pages < 20);
    const names = seen.map((u) => u.user_name);
    assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    assert.equal(new Set(names).size, names.length, 'no user twice');
    for (const name of ['acme', 'alice', 'bob', 'p1', 'p2', 'p3']) assert.ok(names.includes(name), name);
    assert.equal(seen.find((u) => u.user_name === 'acme')!.is_root_user, true);
    assert.ok(pages >= 3);
  });

  it('listUsersV5 refuses limit, marker and group_id out of their rules', async () => {
    await expectSdkError(client.listUsersV5(new ListUsersV5Request().withLimit(0)), 400, 'IAM.0007', /`limit`/);
    await expectSdkError(client.listUsersV5(new ListUsersV5Request().withLimit(201)), 400, 'IAM.0007', /`limit`/);
    await expectSdkError(client.listUsersV5(new ListUsersV5Request().withMarker('abc')), 400, 'PAP5.0010', /marker/);
    await expectSdkError(client.listUsersV5(new ListUsersV5Request().withMarker('!!!!')), 400, 'PAP5.0010', /marker/);
    await expectSdkError(client.listUsersV5(new ListUsersV5Request().withMarker('zzzzzzzz')), 400, 'PAP5.0010', /marker/);
    await expectSdkError(client.listUsersV5(new ListUsersV5Request().withGroupId('g_1')), 400, 'IAM.0007', /`group_id`/);
  });

  it('showUserV5 answers UserEx (User plus tags); 404 for an unknown id, 400 for a malformed one', async () => {
    const id = await createUser(client, 'dave');
    const shown = await call(show(client, id));
    assert.equal(shown.httpStatusCode, 200);
    assert.equal(shown.user!.user_name, 'dave');
    assert.deepEqual(shown.user!.tags, []);
    await expectSdkError(show(client, 'f'.repeat(32)), 404, 'IAM.0004', /could not find user: f{32}/);
    await expectSdkError(show(client, 'nouser'), 400, 'IAM.0007', /`user_id`/);
    await expectSdkError(show(client, 'a'.repeat(33)), 400, 'IAM.0007', /`user_id`/);
  });

  it('updateUserV5 renames, describes and disables; 409 on a taken name; the root cannot be disabled', async () => {
    const id = await createUser(client, 'erin');
    const updated = await call(update(client, id, new UpdateUserReqBody().withNewUserName('erin2').withNewDescription('renamed').withEnabled(false)));
    assert.equal(updated.httpStatusCode, 200);
    assert.equal(updated.user!.user_name, 'erin2');
    assert.equal(updated.user!.description, 'renamed');
    assert.equal(updated.user!.enabled, false);
    assert.equal(updated.user!.tags, undefined, 'UpdateUserV5 answers User, not UserEx');
    await expectSdkError(update(client, id, new UpdateUserReqBody().withNewUserName('alice')), 409, 'PAP5.0009');
    await expectSdkError(update(client, id, new UpdateUserReqBody().withNewUserName('9lives')), 400, 'IAM.0007', /`new_user_name`/);
    await expectSdkError(update(client, id, new UpdateUserReqBody().withEnabled(loose('no'))), 400, 'IAM.0007', /`enabled`/);
    await expectSdkError(update(client, 'e'.repeat(32), new UpdateUserReqBody().withNewDescription('x')), 404, 'IAM.0004');
    await expectSdkError(update(client, server.root.root.user_id, new UpdateUserReqBody().withEnabled(false)), 400, 'IAM.0007', /`enabled`/);
    assert.equal((await call(show(client, id))).user!.user_name, 'erin2');
  });

  it('deleteUserV5 answers 204, then the user is gone; the root user cannot be deleted', async () => {
    const id = await createUser(client, 'frank');
    const deleted = await call(client.deleteUserV5(new DeleteUserV5Request().withUserId(id)));
    assert.equal(deleted.httpStatusCode, 204);
    await expectSdkError(show(client, id), 404, 'IAM.0004');
    await expectSdkError(client.deleteUserV5(new DeleteUserV5Request().withUserId(id)), 404, 'IAM.0004');
    await expectSdkError(client.deleteUserV5(new DeleteUserV5Request().withUserId(server.root.root.user_id)), 409, 'PAP5.0009', /root/);
  });

  it('showUserLastLoginV5 answers null for a user that never signed in', async () => {
    const id = await createUser(client, 'gina');
    const last = await call(client.showUserLastLoginV5(new ShowUserLastLoginV5Request().withUserId(id)));
    assert.equal(last.httpStatusCode, 200);
    assert.deepEqual(last.user_last_login, { last_login_at: null });
    await expectSdkError(client.showUserLastLoginV5(new ShowUserLastLoginV5Request().withUserId('0'.repeat(32))), 404, 'IAM.0004');
  });

  it('showUserLastLoginV5 answers the time of the last password sign-in, ISO with milliseconds', async () => {
    const id = await createUser(client, 'hope');
    const { services } = server.polyiam;
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, 'acme');
    await services.loginProfiles.create(ctx, { id }, { password: new PlainPassword('Password0'), passwordResetRequired: false });
    const signIn = await services.credentials.signIn({ accountId: server.root.account.id, user: { id }, password: new PlainPassword('Password0'), sourceIp: '127.0.0.1' });
    assert.equal(signIn.outcome, 'ok');
    const last = (await call(client.showUserLastLoginV5(new ShowUserLastLoginV5Request().withUserId(id)))).user_last_login!;
    assert.match(last.last_login_at!, ISO_MS);
    assert.ok(Math.abs(Date.parse(last.last_login_at!) - Date.now()) < 60_000);
  });
});
