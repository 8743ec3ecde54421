import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, ISO, rootKeys } from './support.js';

describe('aws access keys and user tags through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let client: IAMClient;

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
    await client.send(new CreateUserCommand({ UserName: 'keyed' }));
  });
  after(() => server.close());

  it('CreateAccessKey answers the secret once; the new key signs requests', async () => {
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
    assert.equal(AccessKey?.UserName, 'keyed');
    assert.equal(AccessKey?.Status, 'Active');
    assert.match(AccessKey?.AccessKeyId ?? '', /^AKIA[A-Z0-9]{16}$/);
    assert.equal(AccessKey?.SecretAccessKey?.length, 40);
    const { User } = await awsClient(server, { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! }).send(new GetUserCommand({}));
    assert.equal(User?.UserName, 'keyed');
  });

  it('a user has at most two keys: LimitExceeded past that', async () => {
    await client.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
    await expectAwsError(client.send(new CreateAccessKeyCommand({ UserName: 'keyed' })), 'LimitExceededException', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');
    await expectAwsError(client.send(new CreateAccessKeyCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
  });

  it('ListAccessKeys lists metadata without secrets, paged by MaxItems', async () => {
    const { AccessKeyMetadata, IsTruncated } = await client.send(new ListAccessKeysCommand({ UserName: 'keyed' }));
    assert.equal(AccessKeyMetadata?.length, 2);
    assert.equal(IsTruncated, false);
    for (const key of AccessKeyMetadata ?? []) {
      assert.deepEqual(Object.keys(key).sort(), ['AccessKeyId', 'CreateDate', 'Status', 'UserName']);
      assert.match(key.CreateDate!.toISOString(), ISO);
    }
    const first = await client.send(new ListAccessKeysCommand({ UserName: 'keyed', MaxItems: 1 }));
    assert.equal(first.IsTruncated, true);
    const second = await client.send(new ListAccessKeysCommand({ UserName: 'keyed', MaxItems: 1, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.notEqual(first.AccessKeyMetadata?.[0]?.AccessKeyId, second.AccessKeyMetadata?.[0]?.AccessKeyId);
  });

  it('ListAccessKeys without UserName lists the caller\'s keys (the root\'s, without a user name)', async () => {
    const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({}));
    assert.deepEqual(AccessKeyMetadata?.map((k) => k.AccessKeyId), [server.root.root.access_key_id]);
    assert.equal(AccessKeyMetadata?.[0]?.UserName, undefined);
  });

  it('GetAccessKeyLastUsed: N/A until the key signs, then the date, the service and the region it signed for', async () => {
    await client.send(new CreateUserCommand({ UserName: 'last-used' }));
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'last-used' }));
    const keyId = AccessKey!.AccessKeyId!;
    const before = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
    assert.equal(before.UserName, 'last-used');
    assert.deepEqual(before.AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });
    // the key signs a request (refused: the user may do nothing, but the key was used)
    await expectAwsError(awsClient(server, { ak: keyId, sk: AccessKey!.SecretAccessKey! }, 'eu-west-1').send(new ListUsersCommand({})), 'AccessDenied', 403);
    const after = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
    assert.equal(after.AccessKeyLastUsed?.ServiceName, 'iam');
    assert.equal(after.AccessKeyLastUsed?.Region, 'eu-west-1');
    assert.ok(after.AccessKeyLastUsed?.LastUsedDate instanceof Date);
    assert.ok(Math.abs(after.AccessKeyLastUsed!.LastUsedDate!.getTime() - Date.now()) < 60_000);
    // the root's own key: no user name, as ListAccessKeys shows it
    const own = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: server.root.root.access_key_id }));
    assert.equal(own.UserName, undefined);
    assert.equal(own.AccessKeyLastUsed?.ServiceName, 'iam');
    await expectAwsError(client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIANOSUCHKEY0000000' })), 'NoSuchEntityException', 404);
  });

  it('UpdateAccessKey deactivates a key, which then no longer signs', async () => {
    // the root's second key: CreateAccessKey without UserName acts on the caller
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({}));
    const keys = { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! };
    await client.send(new UpdateAccessKeyCommand({ AccessKeyId: keys.ak, Status: 'Inactive' }));
    const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({}));
    assert.equal(AccessKeyMetadata?.find((k) => k.AccessKeyId === keys.ak)?.Status, 'Inactive');
    await expectAwsError(awsClient(server, keys).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    await client.send(new UpdateAccessKeyCommand({ AccessKeyId: keys.ak, Status: 'Active' }));
    await awsClient(server, keys).send(new ListUsersCommand({}));
    await expectAwsError(client.send(new UpdateAccessKeyCommand({ AccessKeyId: keys.ak, Status: 'Expired' })), 'ValidationError', 400, /enum value set/);
    await client.send(new DeleteAccessKeyCommand({ AccessKeyId: keys.ak }));
  });

  it('DeleteAccessKey removes a key; an unknown or another user\'s key is NoSuchEntity', async () => {
    const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({ UserName: 'keyed' }));
    const id = AccessKeyMetadata![0]!.AccessKeyId!;
    await expectAwsError(client.send(new DeleteAccessKeyCommand({ AccessKeyId: id })), 'NoSuchEntityException', 404, `The Access Key with id ${id} cannot be found.`);
    await client.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: id }));
    await expectAwsError(client.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: id })), 'NoSuchEntityException', 404);
  });

  it('TagUser, ListUserTags and UntagUser', async () => {
    await client.send(new CreateUserCommand({ UserName: 'tagged' }));
    await client.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'team', Value: 'iam' }, { Key: 'cost', Value: '42' }] }));
    await client.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'Team', Value: 'core' }] }));
    const { Tags, IsTruncated } = await client.send(new ListUserTagsCommand({ UserName: 'tagged' }));
    assert.deepEqual(Tags, [{ Key: 'cost', Value: '42' }, { Key: 'Team', Value: 'core' }]);
    assert.equal(IsTruncated, false);
    const page = await client.send(new ListUserTagsCommand({ UserName: 'tagged', MaxItems: 1 }));
    assert.equal(page.IsTruncated, true);
    await client.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['TEAM', 'absent'] }));
    assert.deepEqual((await client.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags, [{ Key: 'cost', Value: '42' }]);
  });

  it('tag errors: duplicate keys, too many, bad characters, unknown user', async () => {
    await expectAwsError(
      client.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })),
      'InvalidInputException',
      400,
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectAwsError(client.send(new TagUserCommand({ UserName: 'tagged', Tags: many })), 'LimitExceededException', 409);
    await expectAwsError(client.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'bad#key', Value: 'v' }] })), 'ValidationError', 400, /at 'tags\.1\.member\.key'/);
    await expectAwsError(client.send(new TagUserCommand({ UserName: 'ghost', Tags: [{ Key: 'k', Value: 'v' }] })), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new ListUserTagsCommand({ UserName: 'ghost' })), 'NoSuchEntityException', 404);
  });
});
