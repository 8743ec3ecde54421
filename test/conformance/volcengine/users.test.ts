import assert from 'node:assert/strict';
import { systemContext } from '../../../src/core/principal.js';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createKeys, failed, ok, rawSigned, rootKeys, TRANSPORTS, volc, volcClient } from './support.js';

/** `20240913T053436Z` (Volcengine CreateDate/UpdateDate) */
const VOLC_TIME = /^\d{8}T\d{6}Z$/;

interface WireUser {
  Id: number;
  UserName: string;
  AccountId: number;
  Trn: string;
  DisplayName: string;
  Description: string;
  Email: string;
  EmailIsVerify: boolean;
  MobilePhone: string;
  MobilePhoneIsVerify: boolean;
  Status: string;
  CreateDate: string;
  UpdateDate: string;
  Tags?: Array<{ Key: string; Value: string }>;
}

describe('volcengine users through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  for (const transport of TRANSPORTS) {
    it(`CreateUser (${transport}) answers Result.User with integer ids, Trn and compact dates`, async () => {
      const name = `alice-${transport}`;
      const result = ok(
        await volc<{ User: WireUser }>(
          client,
          'CreateUser',
          { UserName: name, DisplayName: '爱丽丝 Alice', Description: 'first user', Email: 'alice@example.com', MobilePhone: '+8613000000000' },
          transport,
        ),
      );
      const user = result.User;
      assert.ok(Number.isInteger(user.Id) && user.Id > 0);
      assert.ok(Number.isInteger(user.AccountId) && user.AccountId > 0);
      assert.equal(user.Trn, `trn:iam::${user.AccountId}:user/${name}`);
      assert.equal(user.UserName, name);
      assert.equal(user.DisplayName, '爱丽丝 Alice');
      assert.equal(user.Description, 'first user');
      assert.equal(user.Email, 'alice@example.com');
      assert.equal(user.MobilePhone, '+8613000000000');
      assert.equal(user.Status, 'active');
      assert.match(user.CreateDate, VOLC_TIME);
      assert.match(user.UpdateDate, VOLC_TIME);
    });
  }

  it('CreateUser with Tags.N.Key/Value (docs request example) keeps the tags', async () => {
    const result = ok(await volc<{ User: WireUser }>(client, 'CreateUser', { UserName: 'tagged', 'Tags.1.Key': 'department', 'Tags.1.Value': 'dev' }));
    assert.deepEqual(result.User.Tags, [{ Key: 'department', Value: 'dev' }]);
    const fetched = ok(await volc<{ User: WireUser }>(client, 'GetUser', { UserName: 'tagged' }));
    assert.deepEqual(fetched.User.Tags, [{ Key: 'department', Value: 'dev' }]);
  });

  it('a second user of the same name, in any case, is UserAlreadyExists 409', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'dup' }));
    failed(await volc(client, 'CreateUser', { UserName: 'DUP' }), 'UserAlreadyExists');
    const raw = await rawSigned(server, rootKeys(server), { method: 'GET', query: 'Action=CreateUser&Version=2018-01-01&UserName=dup' });
    assert.equal(raw.status, 409);
  });

  it('CreateUser refuses a name outside letters, digits and _ . - @ (InvalidUserName)', async () => {
    failed(await volc(client, 'CreateUser', { UserName: 'has space' }), 'InvalidUserName');
    failed(await volc(client, 'CreateUser', { UserName: 'x'.repeat(65) }), 'InvalidUserName');
    failed(await volc(client, 'CreateUser', {}), 'ParameterNotFound');
    failed(await volc(client, 'CreateUser', { UserName: 'baddisplay', DisplayName: 'a<b' }), 'InvalidDisplayName');
    failed(await volc(client, 'CreateUser', { UserName: 'bademail', Email: 'not-an-email' }), 'InvalidEmail');
    failed(await volc(client, 'GetUser', { UserName: 'baddisplay' }), 'UserNotExist');
  });

  it('GetUser by UserName, by AccessKeyID, by ID, and without any for the caller (the account root)', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'bob' }));
    const bobKeys = await createKeys(client, 'bob');
    const byName = ok(await volc<{ User: WireUser }>(client, 'GetUser', { UserName: 'BOB' }, 'json')).User;
    assert.equal(byName.UserName, 'bob');
    const byKey = ok(await volc<{ User: WireUser }>(client, 'GetUser', { AccessKeyID: bobKeys.ak }, 'form')).User;
    assert.equal(byKey.Id, byName.Id);
    const byId = ok(await volc<{ User: WireUser }>(client, 'GetUser', { ID: String(byName.Id) })).User;
    assert.deepEqual(byId, byName);
    const self = ok(await volc<{ User: WireUser }>(client, 'GetUser', {})).User;
    assert.equal(self.UserName, server.root.account.name);
    assert.equal(self.Trn, `trn:iam::${self.AccountId}:root`);
    assert.equal(self.AccountId, byName.AccountId);
  });

  it('GetUser errors: unknown user, unknown key, two selectors at once', async () => {
    failed(await volc(client, 'GetUser', { UserName: 'nobody' }), 'UserNotExist');
    failed(await volc(client, 'GetUser', { ID: '987654321' }), 'UserNotExist');
    // another account's user is no user here, even by its integer id
    const other = await server.createAccount('volc-neighbour');
    const neighbour = await server.polyiam.services.users.get(systemContext(other.account.id, other.root.user_id, other.root.user_name), { id: other.root.user_id });
    failed(await volc(client, 'GetUser', { ID: String(neighbour.numericId) }), 'UserNotExist');
    failed(await volc(client, 'GetUser', { AccessKeyID: 'AKLTnotakey0000000000' }), 'AccessKeyNotExist');
    failed(await volc(client, 'GetUser', { UserName: 'bob', AccessKeyID: 'AKLTnotakey0000000000' }), 'InvalidAccessKeyId');
  });

  it('ListUsers (the SDK built-in) pages with Limit/Offset and Total, filters with Query, leaves the root out', async () => {
    const other = await server.createAccount('listing');
    const listing = volcClient(server, { ak: other.root.access_key_id, sk: other.root.secret_access_key });
    for (const name of ['ann', 'ben', 'cat', 'dan', 'bella']) ok(await volc(listing, 'CreateUser', { UserName: name }));
    const first = await listing.ListUsers({ Limit: 2, Offset: 0 });
    assert.equal(first.ResponseMetadata.Error, undefined);
    const page = first.Result as unknown as { UserMetadata: WireUser[]; Limit: number; Offset: number; Total: number };
    assert.deepEqual(page.UserMetadata.map((u) => u.UserName), ['ann', 'bella']);
    assert.equal(page.Limit, 2);
    assert.equal(page.Offset, 0);
    assert.equal(page.Total, 5);
    const last = (await listing.ListUsers({ Limit: 2, Offset: 4 })).Result as unknown as { UserMetadata: WireUser[]; Total: number };
    assert.deepEqual(last.UserMetadata.map((u) => u.UserName), ['dan']);
    const filtered = (await listing.ListUsers({ Query: 'BE' })).Result as unknown as { UserMetadata: WireUser[]; Total: number; Limit: number };
    assert.deepEqual(filtered.UserMetadata.map((u) => u.UserName), ['bella', 'ben']);
    assert.equal(filtered.Total, 2);
    assert.equal(filtered.Limit, 10, 'Limit defaults to 10');
    // Query: "模糊查询。可按用户名、显示名或备注查询" (user name, display name or description)
    ok(await volc(listing, 'CreateUser', { UserName: 'eve', DisplayName: 'Night Owl' }));
    ok(await volc(listing, 'CreateUser', { UserName: 'fay', Description: 'night shift' }));
    const byText = (await listing.ListUsers({ Query: 'NIGHT' })).Result as unknown as { UserMetadata: WireUser[] };
    assert.deepEqual(byText.UserMetadata.map((u) => u.UserName), ['eve', 'fay']);
    failed(await volc(listing, 'ListUsers', { Limit: 0 }), 'InvalidLimit');
    failed(await volc(listing, 'ListUsers', { Offset: -1 }), 'InvalidOffset');
  });

  it('UpdateUser (form, as captured) renames with NewUserName and changes the other fields', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'carol' }));
    const updated = ok(
      await volc<{ User: WireUser }>(client, 'UpdateUser', { UserName: 'carol', NewUserName: 'caroline', NewDisplayName: 'Caroline', NewDescription: 'renamed' }, 'form'),
    ).User;
    assert.equal(updated.UserName, 'caroline');
    assert.equal(updated.DisplayName, 'Caroline');
    assert.equal(updated.Description, 'renamed');
    assert.equal(updated.Trn, `trn:iam::${updated.AccountId}:user/caroline`);
    failed(await volc(client, 'GetUser', { UserName: 'carol' }), 'UserNotExist');
    ok(await volc(client, 'CreateUser', { UserName: 'dave' }));
    failed(await volc(client, 'UpdateUser', { UserName: 'dave', NewUserName: 'Caroline' }), 'UserAlreadyExists');
    failed(await volc(client, 'UpdateUser', { UserName: 'dave', NewUserName: 'bad name' }), 'InvalidNewUserName');
    failed(await volc(client, 'UpdateUser', { UserName: 'nobody', NewDisplayName: 'x' }), 'UserNotExist');
    // the account root (主账号) is not an IAM user: its name names nobody
    failed(await volc(client, 'UpdateUser', { UserName: server.root.account.name, NewUserName: 'renamed-root' }), 'UserNotExist');
  });

  it('DeleteUser refuses while a login profile, access keys or a group membership remain, then deletes', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'erin' }));
    ok(await volc(client, 'CreateLoginProfile', { UserName: 'erin', Password: 'Str0ng#Pass' }));
    const keys = await createKeys(client, 'erin');
    const { store } = server.polyiam;
    const user = (await store.users.findByName(server.root.account.id, 'erin'))!;
    const admins = (await store.groups.findByName(server.root.account.id, 'admin'))!;
    await store.groups.addMember(admins.id, user.id, Date.now());

    failed(await volc(client, 'DeleteUser', { UserName: 'erin' }), 'UserDeleteConflictWithAccessKey');
    ok(await volc(client, 'DeleteAccessKey', { UserName: 'erin', AccessKeyId: keys.ak }));
    failed(await volc(client, 'DeleteUser', { UserName: 'erin' }), 'UserDeleteConflictWithGroup');
    await store.groups.removeMember(admins.id, user.id);
    const conflict = failed(await volc(client, 'DeleteUser', { UserName: 'erin' }), 'UserDeleteConflictWithLoginProfile');
    assert.match(conflict.Message, /login-profile/);
    ok(await volc(client, 'DeleteLoginProfile', { UserName: 'erin' }));
    const deleted = await volc(client, 'DeleteUser', { UserName: 'erin' }, 'json');
    ok(deleted);
    assert.equal(deleted.Result, undefined, 'DeleteUser has no Result');
    failed(await volc(client, 'GetUser', { UserName: 'erin' }), 'UserNotExist');
    failed(await volc(client, 'DeleteUser', { UserName: 'erin' }), 'UserNotExist');
    failed(await volc(client, 'DeleteUser', { UserName: server.root.account.name }), 'UserNotExist');
    failed(await volc(client, 'GetUser', { UserName: server.root.account.name }), 'UserNotExist');
  });

  it('an IAM user is denied what only the root may do (AccessDenied 100013, 403)', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'frank' }));
    const keys = await createKeys(client, 'frank');
    const frank = volcClient(server, keys);
    failed(await volc(frank, 'CreateUser', { UserName: 'by-frank' }), 'AccessDenied', 100013);
    const raw = await rawSigned(server, keys, { method: 'GET', query: 'Action=ListUsers&Version=2018-01-01' });
    assert.equal(raw.status, 403);
    failed(await volc(client, 'GetUser', { UserName: 'by-frank' }), 'UserNotExist');
  });
});
