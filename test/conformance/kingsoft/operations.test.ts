import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient } from '../aws/support.js';
import { errorOf, ks, rootKeys, xmlResult, type Keys, type KsOptions } from './support.js';

type Json = Record<string, unknown>;

/** the object at a dotted path of a parsed response (`CreateUserResult.User`) */
function at(doc: unknown, path: string): Json {
  let value = doc;
  for (const key of path.split('.')) value = (value as Json | undefined)?.[key];
  assert.ok(typeof value === 'object' && value !== null, `${path} in ${JSON.stringify(doc)}`);
  return value as Json;
}
/** the `{"Member": [...]}` list at a dotted path */
const members = (doc: unknown, path: string): Json[] => at(doc, path).Member as Json[];

describe('kingsoft operations, signed per the docs and the Go SDK', () => {
  let server: TestServer;
  let root: Keys;
  let accountNumber: number;
  const call = (params: Record<string, string>, options: KsOptions = {}) => ks(server, root, params, { json: true, ...options });
  const ok = async (params: Record<string, string>, options: KsOptions = {}): Promise<Json> => {
    const res = await call(params, options);
    assert.equal(res.status, 200, res.body);
    return res.doc as Json;
  };

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    accountNumber = (await server.polyiam.services.accounts.findById(server.root.account.id))!.numericId;
  });
  after(() => server.close());

  it('CreateUser takes Kingsoft\'s names (RealName, Email, Phone, Remark, Password) and answers CreateUserResult.User', async () => {
    const doc = await ok({ Action: 'CreateUser', UserName: 'kuser', RealName: 'K User', Email: 'k@example.com', Phone: '13800000000', Remark: 'ops', Password: 'Kuser-Passw0rd', PasswordResetRequired: '1' });
    const user = at(doc, 'CreateUserResult.User');
    assert.match(String(user.UserId), /^[A-Za-z0-9_-]{22}$/);
    assert.equal(user.UserName, 'kuser');
    assert.equal(user.RealName, 'K User');
    assert.equal(user.Email, 'k@example.com');
    assert.equal(user.Phone, '13800000000');
    assert.equal(user.Remark, 'ops');
    assert.equal(user.Path, '/');
    assert.equal(user.Krn, `krn:ksc:iam::${accountNumber}:user/kuser`);
    assert.equal(user.PasswordResetRequired, true);
    assert.equal(typeof doc.RequestId, 'string');
    const profile = at(await ok({ Action: 'GetLoginProfile', UserName: 'kuser' }), 'CreateLoginProfileResult.LoginProfile');
    assert.equal(profile.PasswordResetRequired, true, 'a bool, as the Go SDK\'s GetLoginProfileResponse reads it');
  });

  it('CreateUser with a Password the policy refuses creates nothing', async () => {
    const res = await call({ Action: 'CreateUser', UserName: 'weakling', Password: 'weak' });
    assert.equal(res.status, 400);
    assert.equal(errorOf(res).Code, 'PasswordPolicyViolation');
    assert.equal((await call({ Action: 'GetUser', UserName: 'weakling' })).status, 404);
  });

  it('CreateUser without UserName is MissingParameter (docs page 1); a taken name is EntityAlreadyExists', async () => {
    const missing = await call({ Action: 'CreateUser' });
    assert.equal(missing.status, 400);
    assert.equal(errorOf(missing).Code, 'MissingParameter');
    assert.match(errorOf(missing).Message ?? '', /UserName/);
    const taken = await call({ Action: 'CreateUser', UserName: 'KUSER' });
    assert.equal(taken.status, 409);
    assert.equal(errorOf(taken).Code, 'EntityAlreadyExists');
  });

  it('GetUser answers GetUserResult with the user\'s fields, by name or (without UserName) the caller', async () => {
    const byName = at(await ok({ Action: 'GetUser', UserName: 'kuser' }), 'GetUserResult');
    assert.equal(byName.UserName, 'kuser');
    // the Go SDK's GetUserResponse reads Id and Phone as ints
    assert.equal(typeof byName.Id, 'number');
    assert.equal(byName.Phone, 13800000000);
    const caller = at(await ok({ Action: 'GetUser' }), 'GetUserResult');
    assert.equal(caller.UserName, server.root.root.user_name);
    assert.equal(caller.Krn, `krn:ksc:iam::${accountNumber}:root`);
    const missing = await call({ Action: 'GetUser', UserName: 'ghost' });
    assert.equal(missing.status, 404);
    assert.deepEqual(errorOf(missing), { Type: 'Sender', Code: 'UserNoSuchEntity', Message: "The request was rejected because it referenced 'User' that does not exist." });
  });

  it('ListUsers pages with Marker/MaxItems/IsTruncated, lists no root, and filters by AccessKey', async () => {
    for (const name of ['list-a', 'list-b']) await ok({ Action: 'CreateUser', UserName: name });
    const first = at(await ok({ Action: 'ListUsers', MaxItems: '2' }), 'ListUserResult');
    assert.equal(first.IsTruncated, true);
    assert.equal(members(first, 'Users').length, 2);
    const rest = at(await ok({ Action: 'ListUsers', MaxItems: '100', Marker: String(first.Marker) }), 'ListUserResult');
    assert.equal(rest.IsTruncated, false);
    const names = [...members(first, 'Users'), ...members(rest, 'Users')].map((u) => u.UserName);
    assert.deepEqual(names, ['kuser', 'list-a', 'list-b']);
    const key = at(await ok({ Action: 'CreateAccessKey', UserName: 'list-b' }), 'CreateAccessKeyResult.AccessKey');
    const filtered = at(await ok({ Action: 'ListUsers', AccessKey: String(key.AccessKeyId) }), 'ListUserResult');
    assert.deepEqual(members(filtered, 'Users').map((u) => u.UserName), ['list-b']);
    assert.deepEqual(members(await ok({ Action: 'ListUsers', AccessKey: root.ak }), 'ListUserResult.Users'), []);
    // XML: AWS-style `member` elements inside `<ListUsersResult>`
    const xml = await ks(server, root, { Action: 'ListUsers', MaxItems: '1' });
    assert.equal((xmlResult(xml, 'ListUsers').Users as { member: unknown[] }).member.length, 1);
    await ok({ Action: 'DeleteAccessKey', UserName: 'list-b', AccessKeyId: String(key.AccessKeyId) });
  });

  it('UpdateUser renames (NewUserName) and changes NewRealName, NewEmail, NewPhone, NewRemark', async () => {
    const user = at(await ok({ Action: 'UpdateUser', UserName: 'list-a', NewUserName: 'list-z', NewRealName: 'Zed', NewEmail: 'z@example.com', NewPhone: '13900000000', NewRemark: 'moved' }), 'UpdateUserResult.User');
    assert.equal(user.UserName, 'list-z');
    assert.equal(user.RealName, 'Zed');
    assert.equal(user.Remark, 'moved');
    assert.equal((await call({ Action: 'GetUser', UserName: 'list-a' })).status, 404);
  });

  it('login profiles: Get, Update, Delete; DeleteUser conflicts while one remains', async () => {
    const updated = at(await ok({ Action: 'UpdateLoginProfile', UserName: 'kuser', Password: 'Kuser-Passw0rd-2', PasswordResetRequired: 'false' }), 'CreateLoginProfileResult.LoginProfile');
    assert.equal(updated.PasswordResetRequired, 'false');
    const conflict = await call({ Action: 'DeleteUser', UserName: 'kuser' });
    assert.equal(conflict.status, 409);
    assert.equal(errorOf(conflict).Code, 'DeleteConflict');
    await ok({ Action: 'DeleteLoginProfile', UserName: 'kuser' });
    const gone = await call({ Action: 'GetLoginProfile', UserName: 'kuser' });
    assert.equal(gone.status, 404);
    await ok({ Action: 'DeleteUser', UserName: 'kuser' });
  });

  it('access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, at most two', async () => {
    await ok({ Action: 'CreateUser', UserName: 'keys', Password: 'Keys-Passw0rd-1' });
    const created = at(await ok({ Action: 'CreateAccessKey', UserName: 'keys' }), 'CreateAccessKeyResult.AccessKey');
    assert.equal(created.Status, 'Active');
    assert.equal(String(created.SecretAccessKey).length, 40);
    await ok({ Action: 'CreateAccessKey', UserName: 'keys' });
    const limit = await call({ Action: 'CreateAccessKey', UserName: 'keys' });
    assert.equal(limit.status, 409);
    assert.equal(errorOf(limit).Code, 'LimitExceeded');
    const listed = members(await ok({ Action: 'ListAccessKeys', UserName: 'keys' }), 'ListAccessKeyResult.AccessKeyMetadata');
    assert.equal(listed.length, 2);
    await ok({ Action: 'UpdateAccessKey', UserName: 'keys', AccessKeyId: String(created.AccessKeyId), Status: 'Inactive' });
    const refused = await ks(server, { ak: String(created.AccessKeyId), sk: String(created.SecretAccessKey) }, { Action: 'GetUser' }, { json: true });
    assert.equal(refused.status, 403);
    assert.equal(errorOf(refused).Code, 'InvalidClientTokenId');
    await ok({ Action: 'DeleteAccessKey', UserName: 'keys', AccessKeyId: String(created.AccessKeyId) });
    assert.equal((await call({ Action: 'DeleteAccessKey', UserName: 'keys', AccessKeyId: String(created.AccessKeyId) })).status, 404);
  });

  it('ChangePassword: the caller\'s own password, old one required; the root gets InvalidUserType', async () => {
    const key = at(await ok({ Action: 'CreateAccessKey', UserName: 'keys' }), 'CreateAccessKeyResult.AccessKey');
    const self = { ak: String(key.AccessKeyId), sk: String(key.SecretAccessKey) };
    const wrong = await ks(server, self, { Action: 'ChangePassword', OldPassword: 'Wrong-Passw0rd', NewPassword: 'Keys-Passw0rd-2' }, { json: true });
    assert.equal(wrong.status, 400);
    assert.deepEqual(errorOf(wrong).Code, 'InvalidParameterValue');
    const changed = await ks(server, self, { Action: 'ChangePassword', OldPassword: 'Keys-Passw0rd-1', NewPassword: 'Keys-Passw0rd-2' }, { json: true });
    assert.equal(changed.status, 200, changed.body);
    const rootChange = await call({ Action: 'ChangePassword', OldPassword: 'AcmeRoot#2024', NewPassword: 'AcmeRoot#2025' });
    assert.equal(errorOf(rootChange).Code, 'InvalidUserType');
    await ok({ Action: 'UpdateAccountPasswordPolicy', AllowUsersToChangePassword: 'false' });
    const forbidden = await ks(server, self, { Action: 'ChangePassword', OldPassword: 'Keys-Passw0rd-2', NewPassword: 'Keys-Passw0rd-3' }, { json: true });
    assert.equal(forbidden.status, 403);
    assert.equal(errorOf(forbidden).Code, 'AccessDenied');
    await ok({ Action: 'DeleteAccountPasswordPolicy' });
  });

  it('password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy, DeleteAccountPasswordPolicy', async () => {
    const none = await call({ Action: 'GetAccountPasswordPolicy' });
    assert.equal(none.status, 404);
    await ok({ Action: 'UpdateAccountPasswordPolicy', MinimumPasswordLength: '9', RequireNumbers: 'true', MaxPasswordAge: '60', PasswordReusePrevention: '4', HardExpiry: 'false', AllowUsersToChangePassword: 'true' });
    const policy = at(await ok({ Action: 'GetAccountPasswordPolicy' }), 'GetAccountPasswordPolicyResult.PasswordPolicy');
    assert.deepEqual(policy, {
      MinimumPasswordLength: 9, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 60, PasswordReusePrevention: 4, HardExpiry: false,
    });
    await ok({ Action: 'DeleteAccountPasswordPolicy' });
    assert.equal((await call({ Action: 'DeleteAccountPasswordPolicy' })).status, 404);
  });

  it('tags: TagUser, ListUserTags, UntagUser', async () => {
    await ok({ Action: 'TagUser', UserName: 'keys', 'Tags.member.1.Key': 'env', 'Tags.member.1.Value': 'dev' });
    assert.deepEqual(members(await ok({ Action: 'ListUserTags', UserName: 'keys' }), 'ListUserTagsResult.Tags'), [{ Key: 'env', Value: 'dev' }]);
    await ok({ Action: 'UntagUser', UserName: 'keys', 'TagKeys.member.1': 'env' });
    assert.deepEqual(members(await ok({ Action: 'ListUserTags', UserName: 'keys' }), 'ListUserTagsResult.Tags'), []);
  });

  it('every signing form works: simple GET and POST, SigV4 header GET and POST, SigV4 presigned query', async () => {
    const forms: KsOptions[] = [
      { signing: 'simple', method: 'GET' },
      { signing: 'simple', method: 'POST' },
      { signing: 'sigv4', method: 'GET' },
      { signing: 'sigv4', method: 'POST' },
      { signing: 'sigv4-query' },
    ];
    for (const [i, options] of forms.entries()) {
      const doc = await ok({ Action: 'CreateUser', UserName: `signed-${i}`, Remark: 'a b+c' }, options);
      assert.equal(at(doc, 'CreateUserResult.User').Remark, 'a b+c', JSON.stringify(options));
    }
  });

  it('one core: a user made through AWS is seen by Kingsoft, and the other way round', async () => {
    const aws = awsClient(server, root);
    await aws.send(new CreateUserCommand({ UserName: 'from-aws' }));
    assert.equal(at(await ok({ Action: 'GetUser', UserName: 'from-aws' }), 'GetUserResult').UserName, 'from-aws');
    await ok({ Action: 'CreateUser', UserName: 'from-kingsoft' });
    const { User } = await aws.send(new GetUserCommand({ UserName: 'from-kingsoft' }));
    assert.equal(User?.UserName, 'from-kingsoft');
  });
});
