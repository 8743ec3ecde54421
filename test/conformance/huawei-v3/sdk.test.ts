/**
 * The official @huaweicloud/huaweicloud-sdk-iam v3 client (imported from `v3/public-api`: the package
 * main fails to load, huawei-iam.md §0), signing with AK/SK as it always does, endpoint override only.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AuthScope,
  AuthScopeDomain,
  IamClient,
  KeystoneAddUserToGroupRequest,
  KeystoneCheckUserInGroupRequest,
  KeystoneCreateGroupOption,
  KeystoneCreateGroupRequest,
  KeystoneCreateGroupRequestBody,
  KeystoneCreateScopedTokenRequest,
  KeystoneCreateScopedTokenRequestBody,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  KeystoneCreateUserTokenByPasswordRequest,
  KeystoneCreateUserTokenByPasswordRequestBody,
  KeystoneDeleteGroupRequest,
  KeystoneDeleteUserRequest,
  KeystoneListAuthDomainsRequest,
  KeystoneListGroupsForUserRequest,
  KeystoneListGroupsRequest,
  KeystoneListUsersForGroupByAdminRequest,
  KeystoneListUsersRequest,
  KeystoneRemoveUserFromGroupRequest,
  KeystoneShowUserRequest,
  KeystoneUpdateUserByAdminRequest,
  KeystoneUpdateUserByAdminRequestBody,
  KeystoneUpdateUserOption,
  KeystoneValidateTokenRequest,
  PwdAuth,
  PwdIdentity,
  PwdPassword,
  PwdPasswordUser,
  PwdPasswordUserDomain,
  ScopeDomainOption,
  ScopedToken,
  ScopedTokenAuth,
  ScopedTokenIdentity,
  TokenSocpeOption,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { KEYSTONE_TIME, type Json } from './support.js';

// The SDK logs every failed call, request headers included, through log4js; the assertions say what failed.
const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

interface SdkFailure {
  httpStatusCode: number;
  errorCode: unknown;
  errorMsg: string;
  requestId: string;
}

/** `head`: a HEAD answer has no body, so the SDK sees only the status and the request id */
async function expectSdkError(promise: Promise<unknown>, status: number, msg?: RegExp, head = false): Promise<SdkFailure> {
  try {
    await promise;
  } catch (err) {
    const e = err as SdkFailure;
    assert.equal(e.httpStatusCode, status, `status (${String(e.errorCode)}: ${e.errorMsg})`);
    // Keystone's envelope: the SDK reads error.code (a number) and error.message
    if (!head) assert.equal(e.errorCode, status);
    if (msg) assert.match(e.errorMsg, msg);
    assert.match(e.requestId, /^[0-9a-f]{32}$/, 'the SDK read the request id from X-Request-Id');
    return e;
  }
  assert.fail('the call was expected to fail');
}

const call = async (promise: Promise<unknown>) => (await promise) as Json & { httpStatusCode: number; 'X-Subject-Token'?: string };

describe('huawei-v3 through the official SDK (IamClient v3, AK/SK)', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    const credentials = new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(domainId);
    client = IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
  });
  after(() => server.close());

  const createUser = (name: string, password?: string) => {
    const option = new KeystoneCreateUserOption(name).withDomainId(domainId).withEnabled(true).withDescription(`${name} by the SDK`);
    if (password) option.withPassword(password);
    return call(client.keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(option))));
  };

  const passwordToken = (name: string, password: string) => {
    const user = new PwdPasswordUser(new PwdPasswordUserDomain(server.root.account.name), name, password);
    const auth = new PwdAuth(new PwdIdentity(['password'], new PwdPassword(user)), new AuthScope().withDomain(new AuthScopeDomain().withName(server.root.account.name)));
    return call(client.keystoneCreateUserTokenByPassword(new KeystoneCreateUserTokenByPasswordRequest().withBody(new KeystoneCreateUserTokenByPasswordRequestBody(auth))));
  };

  it('keystoneCreateUser (by admin), keystoneShowUser, keystoneListUsers, keystoneUpdateUserByAdmin, keystoneDeleteUser', async () => {
    const created = await createUser('sdkuser', 'SdkUser#2024');
    assert.equal(created.httpStatusCode, 201);
    const user = created.user!;
    assert.equal(user.name, 'sdkuser');
    assert.equal(user.domain_id, domainId);
    assert.equal(user.pwd_status, true);
    assert.equal(user.links.self, `${server.url}/v3/users/${user.id}`);

    const shown = await call(client.keystoneShowUser(new KeystoneShowUserRequest(user.id)));
    assert.equal(shown.httpStatusCode, 200);
    assert.deepEqual(shown.user, user);

    const listed = await call(client.keystoneListUsers(new KeystoneListUsersRequest().withDomainId(domainId).withName('sdkuser').withEnabled(true)));
    assert.deepEqual(listed.users!.map((u) => u.id), [user.id]);
    assert.equal(listed.links!.next, null);

    const update = new KeystoneUpdateUserOption().withName('sdkuser2').withDescription('updated').withEnabled(false);
    const updated = await call(client.keystoneUpdateUserByAdmin(new KeystoneUpdateUserByAdminRequest(user.id).withBody(new KeystoneUpdateUserByAdminRequestBody(update))));
    assert.equal(updated.httpStatusCode, 200);
    assert.equal(updated.user!.name, 'sdkuser2');
    assert.equal(updated.user!.enabled, false);

    const deleted = await call(client.keystoneDeleteUser(new KeystoneDeleteUserRequest(user.id)));
    assert.equal(deleted.httpStatusCode, 204);
    await expectSdkError(client.keystoneShowUser(new KeystoneShowUserRequest(user.id)), 404, new RegExp(`could not find user \`${user.id}\``));
  });

  it('reports Keystone errors through ClientRequestException: 400, 409', async () => {
    await createUser('twice');
    await expectSdkError(createUser('TWICE'), 409, /already exists/);
    await expectSdkError(createUser('9lives'), 400, /`user.name`/);
    await expectSdkError(createUser('weakpw', 'weakpw'), 400, /password policy/);
  });

  it('keystoneCreateUserTokenByPassword, keystoneValidateToken, keystoneCreateScopedToken', async () => {
    const issued = await passwordToken(server.root.root.user_name, server.root.root.password);
    assert.equal(issued.httpStatusCode, 201);
    const token = issued['X-Subject-Token']!;
    assert.ok(token, 'the SDK copied X-Subject-Token into the result');
    assert.equal(issued.token!.user.name, server.root.root.user_name);
    assert.match(issued.token!.expires_at, KEYSTONE_TIME);

    const validated = await call(client.keystoneValidateToken(new KeystoneValidateTokenRequest(token).withNocatalog('true')));
    assert.equal(validated.httpStatusCode, 200);
    assert.equal(validated['X-Subject-Token'], token);
    assert.equal(validated.token!.catalog, undefined);
    assert.equal(validated.token!.user.id, server.root.root.user_id);

    const auth = new ScopedTokenAuth(new ScopedTokenIdentity(['token'], new ScopedToken(token)), new TokenSocpeOption().withDomain(new ScopeDomainOption().withId(domainId)));
    const rescoped = await call(client.keystoneCreateScopedToken(new KeystoneCreateScopedTokenRequest().withBody(new KeystoneCreateScopedTokenRequestBody(auth))));
    assert.equal(rescoped.httpStatusCode, 201);
    assert.deepEqual(rescoped.token!.methods, ['token', 'password']);

    await expectSdkError(passwordToken(server.root.root.user_name, 'Wrong#2024pw'), 401, /requires authentication/);
    await expectSdkError(client.keystoneValidateToken(new KeystoneValidateTokenRequest('garbage')), 404, /could not find the token/);
  });

  it('keystoneListAuthDomains returns the account as the one domain', async () => {
    const domains = await call(client.keystoneListAuthDomains(new KeystoneListAuthDomainsRequest()));
    assert.deepEqual(domains.domains!.map((d) => [d.id, d.name]), [[domainId, server.root.account.name]]);
  });

  it('groups: create, list, add user, check, list both ways, remove, delete', async () => {
    const user = (await createUser('grouped')).user!;
    const created = await call(client.keystoneCreateGroup(new KeystoneCreateGroupRequest().withBody(new KeystoneCreateGroupRequestBody(new KeystoneCreateGroupOption('sdkgroup').withDomainId(domainId).withDescription('by the SDK')))));
    assert.equal(created.httpStatusCode, 201);
    const group = created.group!;
    const listed = await call(client.keystoneListGroups(new KeystoneListGroupsRequest().withName('sdkgroup')));
    assert.deepEqual(listed.groups!.map((g) => g.id), [group.id]);
    assert.equal((await call(client.keystoneAddUserToGroup(new KeystoneAddUserToGroupRequest(group.id, user.id)))).httpStatusCode, 204);
    assert.equal((await call(client.keystoneCheckUserInGroup(new KeystoneCheckUserInGroupRequest(group.id, user.id)))).httpStatusCode, 204);
    const members = await call(client.keystoneListUsersForGroupByAdmin(new KeystoneListUsersForGroupByAdminRequest(group.id)));
    assert.deepEqual(members.users!.map((u) => u.id), [user.id]);
    const groups = await call(client.keystoneListGroupsForUser(new KeystoneListGroupsForUserRequest(user.id)));
    assert.deepEqual(groups.groups!.map((g) => g.id), [group.id]);
    assert.equal((await call(client.keystoneRemoveUserFromGroup(new KeystoneRemoveUserFromGroupRequest(group.id, user.id)))).httpStatusCode, 204);
    await expectSdkError(client.keystoneCheckUserInGroup(new KeystoneCheckUserInGroupRequest(group.id, user.id)), 404, undefined, true);
    assert.equal((await call(client.keystoneDeleteGroup(new KeystoneDeleteGroupRequest(group.id)))).httpStatusCode, 204);
  });

  it('a bad signature is a 401', async () => {
    const forged = IamClient.newBuilder()
      .withCredential(new GlobalCredentials().withAk(server.root.root.access_key_id).withSk('not-the-secret').withDomainId(domainId))
      .withEndpoint(server.url)
      .build();
    await expectSdkError(forged.keystoneListUsers(new KeystoneListUsersRequest()), 401);
  });
});
