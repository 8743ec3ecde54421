import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  UpdateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from './support.js';

describe('aws users through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let client: IAMClient;
  let accountNumber: string;

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
    accountNumber = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('CreateUser answers the AWS User with an AIDA id, an ARN, the path and the tags', async () => {
    const { User, $metadata } = await client.send(new CreateUserCommand({ UserName: 'alice', Path: '/team/', Tags: [{ Key: 'dept', Value: 'qa' }] }));
    assert.equal($metadata.httpStatusCode, 200);
    assert.match($metadata.requestId ?? '', /^[0-9a-f]{32}$/);
    assert.equal(User?.UserName, 'alice');
    assert.equal(User?.Path, '/team/');
    assert.match(User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
    assert.equal(User?.Arn, `arn:aws:iam::${accountNumber}:user/team/alice`);
    assert.ok(User?.CreateDate instanceof Date);
    assert.deepEqual(User?.Tags, [{ Key: 'dept', Value: 'qa' }]);
  });

  it('CreateUser refuses a taken name, case-insensitively, with EntityAlreadyExists', async () => {
    await client.send(new CreateUserCommand({ UserName: 'bob' }));
    await expectAwsError(client.send(new CreateUserCommand({ UserName: 'BOB' })), 'EntityAlreadyExistsException', 409, 'User with name BOB already exists.');
  });

  it('CreateUser refuses a bad name with a ValidationError naming the member', async () => {
    await expectAwsError(client.send(new CreateUserCommand({ UserName: 'no spaces' })), 'ValidationError', 400, /Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\w\+=,\.@-\]\+/);
    await expectAwsError(client.send(new CreateUserCommand({ UserName: 'x'.repeat(65) })), 'ValidationError', 400, /Member must have length less than or equal to 64/);
    await expectAwsError(client.send(new CreateUserCommand({ UserName: 'carol', Path: 'nope' })), 'ValidationError', 400, /at 'path'/);
  });

  it('GetUser by name answers the user, and NoSuchEntity for an unknown name', async () => {
    const { User } = await client.send(new GetUserCommand({ UserName: 'alice' }));
    assert.equal(User?.UserName, 'alice');
    assert.deepEqual(User?.Tags, [{ Key: 'dept', Value: 'qa' }]);
    await expectAwsError(client.send(new GetUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
  });

  it('GetUser without UserName signed by the root answers the account root identity', async () => {
    const { User } = await client.send(new GetUserCommand({}));
    assert.equal(User?.Arn, `arn:aws:iam::${accountNumber}:root`);
    assert.equal(User?.UserId, accountNumber);
    assert.equal(User?.UserName, undefined);
  });

  it('GetUser without UserName signed by an IAM user answers that user', async () => {
    const keys = await createUserWithKey(client, 'self');
    const { User } = await awsClient(server, keys).send(new GetUserCommand({}));
    assert.equal(User?.UserName, 'self');
    assert.equal(User?.Arn, `arn:aws:iam::${accountNumber}:user/self`);
  });

  it('the account root is not an IAM user: no name reaches it', async () => {
    await expectAwsError(client.send(new GetUserCommand({ UserName: server.root.root.user_name })), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new DeleteUserCommand({ UserName: server.root.root.user_name })), 'NoSuchEntityException', 404);
  });

  it('ListUsers pages with MaxItems, IsTruncated and Marker, never listing the root', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await client.send(new CreateUserCommand({ UserName: name, Path: '/paged/' }));
    const first = await client.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    assert.deepEqual(first.Users?.map((u) => u.UserName), ['page-a', 'page-b']);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await client.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Users?.map((u) => u.UserName), ['page-c']);
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    const all = await client.send(new ListUsersCommand({}));
    assert.ok(!all.Users?.some((u) => u.UserName === server.root.root.user_name), 'root is not listed');
    await expectAwsError(client.send(new ListUsersCommand({ Marker: 'not-a-marker' })), 'InvalidInputException', 400);
    await expectAwsError(client.send(new ListUsersCommand({ MaxItems: 1001 })), 'ValidationError', 400, /Member must have value less than or equal to 1000/);
  });

  it('ListUsers with no users in a path answers an empty list', async () => {
    const { Users, IsTruncated } = await client.send(new ListUsersCommand({ PathPrefix: '/empty/' }));
    assert.deepEqual(Users ?? [], []);
    assert.equal(IsTruncated, false);
  });

  it('UpdateUser renames with NewUserName and moves with NewPath', async () => {
    await client.send(new CreateUserCommand({ UserName: 'old-name' }));
    await client.send(new UpdateUserCommand({ UserName: 'old-name', NewUserName: 'new-name', NewPath: '/moved/' }));
    const { User } = await client.send(new GetUserCommand({ UserName: 'new-name' }));
    assert.equal(User?.Path, '/moved/');
    await expectAwsError(client.send(new GetUserCommand({ UserName: 'old-name' })), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new UpdateUserCommand({ UserName: 'new-name', NewUserName: 'alice' })), 'EntityAlreadyExistsException', 409);
    await expectAwsError(client.send(new UpdateUserCommand({ UserName: 'ghost', NewUserName: 'x' })), 'NoSuchEntityException', 404);
  });

  it('DeleteUser conflicts while a login profile or access keys remain, as AWS does', async () => {
    await client.send(new CreateUserCommand({ UserName: 'doomed' }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'doomed', Password: 'Doomed-Passw0rd' }));
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'doomed' }));
    await expectAwsError(client.send(new DeleteUserCommand({ UserName: 'doomed' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete login profile first.');
    await client.send(new DeleteLoginProfileCommand({ UserName: 'doomed' }));
    await expectAwsError(client.send(new DeleteUserCommand({ UserName: 'doomed' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete access keys first.');
    await client.send(new DeleteAccessKeyCommand({ UserName: 'doomed', AccessKeyId: AccessKey!.AccessKeyId! }));
    await client.send(new DeleteUserCommand({ UserName: 'doomed' }));
    await expectAwsError(client.send(new GetUserCommand({ UserName: 'doomed' })), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new DeleteUserCommand({ UserName: 'doomed' })), 'NoSuchEntityException', 404);
  });

  it('DeleteUser conflicts while the user is in a group', async () => {
    await client.send(new CreateUserCommand({ UserName: 'member' }));
    // groups have no AWS operations here yet: the membership is made through the core, as Huawei v3 would
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const group = await server.polyiam.services.groups.create(ctx, { name: 'aws-conflict' });
    await server.polyiam.services.groups.addUser(ctx, { id: group.id }, { name: 'member' });
    await expectAwsError(client.send(new DeleteUserCommand({ UserName: 'member' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove users from group first.');
    await server.polyiam.services.groups.removeUser(ctx, { id: group.id }, { name: 'member' });
    await client.send(new DeleteUserCommand({ UserName: 'member' }));
  });

  it('an IAM user without rights is refused with AccessDenied naming its ARN and the action', async () => {
    const keys = await createUserWithKey(client, 'limited');
    await expectAwsError(
      awsClient(server, keys).send(new CreateUserCommand({ UserName: 'escalate' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${accountNumber}:user/limited is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${accountNumber}:user/escalate because no identity-based policy allows the iam:CreateUser action`,
    );
  });
});
