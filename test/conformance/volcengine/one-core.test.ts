import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserCommand, GetLoginProfileCommand, GetUserCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import type { iam } from '@volcengine/openapi';
import { ShowUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserV5Request.js';
import { ShowLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginProfileV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys as awsRootKeys } from '../aws/support.js';
import { call, createUser as createV5User, rootKeys as v5RootKeys, v5Client } from '../huawei-v5/support.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

/** DESIGN.md: one core, so a user made through one dialect is seen by every other, with its own ids. */
describe('volcengine and the other dialects share one core', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('a user, login profile and key made through Volcengine are read through AWS and Huawei v5', async () => {
    const user = ok(await volc<{ User: { Id: number; UserName: string } }>(client, 'CreateUser', { UserName: 'from-volc' })).User;
    ok(await volc(client, 'CreateLoginProfile', { UserName: 'from-volc', Password: 'Str0ng#Pass', PasswordResetRequired: true }));
    const key = ok(await volc<{ AccessKey: { AccessKeyId: string } }>(client, 'CreateAccessKey', { UserName: 'from-volc' })).AccessKey;

    const aws = awsClient(server, awsRootKeys(server));
    const awsUser = (await aws.send(new GetUserCommand({ UserName: 'from-volc' }))).User!;
    assert.equal(awsUser.UserName, 'from-volc');
    assert.match(awsUser.UserId!, /^AIDA/);
    assert.equal((await aws.send(new GetLoginProfileCommand({ UserName: 'from-volc' }))).LoginProfile!.PasswordResetRequired, true);
    assert.deepEqual((await aws.send(new ListAccessKeysCommand({ UserName: 'from-volc' }))).AccessKeyMetadata!.map((k) => k.AccessKeyId), [key.AccessKeyId]);

    const hexId = (await server.polyiam.store.users.findByName(server.root.account.id, 'from-volc'))!.id;
    const v5 = v5Client(server, v5RootKeys(server));
    const v5User = await call(v5.showUserV5(new ShowUserV5Request().withUserId(hexId)));
    assert.equal((v5User.user as { user_name: string }).user_name, 'from-volc');
    const v5Profile = await call(v5.showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(hexId)));
    assert.equal((v5Profile.login_profile as { password_reset_required: boolean }).password_reset_required, true);
    assert.ok(Number.isInteger(user.Id));
  });

  it('users made through AWS and Huawei v5 are read, renamed and deleted through Volcengine', async () => {
    await awsClient(server, awsRootKeys(server)).send(new CreateUserCommand({ UserName: 'from-aws' }));
    await createV5User(v5Client(server, v5RootKeys(server)), 'from v5');
    const fromAws = ok(await volc<{ User: { UserName: string; Id: number; Trn: string } }>(client, 'GetUser', { UserName: 'from-aws' })).User;
    assert.equal(fromAws.UserName, 'from-aws');
    assert.ok(Number.isInteger(fromAws.Id));
    // a name Volcengine itself would refuse at creation (a space, from Huawei v5) is still readable
    const fromV5 = ok(await volc<{ User: { UserName: string } }>(client, 'GetUser', { UserName: 'from v5' }, 'json')).User;
    assert.equal(fromV5.UserName, 'from v5');
    ok(await volc(client, 'UpdateUser', { UserName: 'from-aws', NewUserName: 'renamed-by-volc' }));
    assert.equal((await awsClient(server, awsRootKeys(server)).send(new GetUserCommand({ UserName: 'renamed-by-volc' }))).User!.UserName, 'renamed-by-volc');
    ok(await volc(client, 'DeleteUser', { UserName: 'renamed-by-volc' }));
    failed(await volc(client, 'GetUser', { UserName: 'renamed-by-volc' }), 'UserNotExist');
  });

  it('the account root is one identity: its Volcengine GetUser and AWS GetUser name the same user', async () => {
    const self = ok(await volc<{ User: { UserName: string } }>(client, 'GetUser', {})).User;
    const awsSelf = (await awsClient(server, awsRootKeys(server)).send(new GetUserCommand({}))).User!;
    assert.equal(self.UserName, server.root.account.name);
    assert.ok(awsSelf.Arn);
  });
});
