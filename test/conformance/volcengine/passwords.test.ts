import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createKeys, createUserWithProfile, failed, ok, rootKeys, volc, volcClient } from './support.js';

interface WirePolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  PasswordReusePrevention: number;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge: number;
  IsDefault: boolean;
}

/**
 * polyiam extensions in the Volcengine envelope (COVERAGE.md): Volcengine publishes no ChangePassword
 * nor password-policy action, so these follow its conventions with AWS-style parameter names.
 */
describe('volcengine ChangePassword and password policy (polyiam extensions)', () => {
  let server: TestServer;
  let root: iam.IamService;
  let users = 0;

  before(async () => {
    server = await startTestServer();
    root = volcClient(server, rootKeys(server));
  });
  beforeEach(async () => {
    ok(await volc(root, 'UpdatePasswordPolicy', { MinimumPasswordLength: 8, RequireSymbols: false, PasswordReusePrevention: 0, AllowUsersToChangePassword: true }));
  });
  after(() => server.close());

  const newUser = async () => {
    const name = await createUserWithProfile(root, `pw-user-${++users}`, 'Str0ng#Pass');
    return { name, client: volcClient(server, await createKeys(root, name)) };
  };
  const signIn = (name: string, password: string) =>
    server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name }, password: new PlainPassword(password), sourceIp: null });

  it('GetPasswordPolicy shows the account policy; UpdatePasswordPolicy changes only what is given', async () => {
    const updated = ok(await volc<{ PasswordPolicy: WirePolicy }>(root, 'UpdatePasswordPolicy', { MinimumPasswordLength: 12, RequireSymbols: true }, 'json')).PasswordPolicy;
    assert.equal(updated.MinimumPasswordLength, 12);
    assert.equal(updated.RequireSymbols, true);
    assert.equal(updated.AllowUsersToChangePassword, true, 'kept');
    assert.equal(updated.IsDefault, false);
    const read = ok(await volc<{ PasswordPolicy: WirePolicy }>(root, 'GetPasswordPolicy', {})).PasswordPolicy;
    assert.deepEqual(read, updated);
    failed(await volc(root, 'CreateLoginProfile', { UserName: (await volc<{ User: { UserName: string } }>(root, 'CreateUser', { UserName: 'policy-victim' })).Result!.User.UserName, Password: 'Str0ngPass12' }), 'InvalidPassword');
  });

  it('UpdatePasswordPolicy refuses values out of range and of the wrong type', async () => {
    assert.match(failed(await volc(root, 'UpdatePasswordPolicy', { MinimumPasswordLength: 3 }), 'InvalidParameter').Message, /`MinimumPasswordLength`/);
    failed(await volc(root, 'UpdatePasswordPolicy', { RequireSymbols: 'sometimes' }), 'InvalidParameter');
    failed(await volc(root, 'UpdatePasswordPolicy', { MaxPasswordAge: 'ninety' }), 'InvalidParameter');
    assert.equal(ok(await volc<{ PasswordPolicy: WirePolicy }>(root, 'GetPasswordPolicy', {})).PasswordPolicy.MinimumPasswordLength, 8);
  });

  it('ChangePassword: a user changes its own password with the old one; the new one signs in', async () => {
    const { name, client } = await newUser();
    const response = await volc(client, 'ChangePassword', { OldPassword: 'Str0ng#Pass', NewPassword: 'N3w#Passw0rd' }, 'form');
    ok(response);
    assert.equal(response.Result, undefined);
    assert.equal((await signIn(name, 'N3w#Passw0rd')).outcome, 'ok');
    assert.equal((await signIn(name, 'Str0ng#Pass')).outcome, 'bad-credentials');
  });

  it('ChangePassword with a wrong old password is PasswordNotMatch 403 and changes nothing', async () => {
    const { name, client } = await newUser();
    failed(await volc(client, 'ChangePassword', { OldPassword: 'Wr0ng#Pass', NewPassword: 'N3w#Passw0rd' }), 'PasswordNotMatch');
    failed(await volc(client, 'ChangePassword', { NewPassword: 'N3w#Passw0rd' }), 'ParameterNotFound');
    assert.equal((await signIn(name, 'Str0ng#Pass')).outcome, 'ok');
  });

  it('ChangePassword follows the policy and reuse prevention (InvalidPassword naming the rules)', async () => {
    ok(await volc(root, 'UpdatePasswordPolicy', { PasswordReusePrevention: 2 }));
    const { client } = await newUser();
    const weak = failed(await volc(client, 'ChangePassword', { OldPassword: 'Str0ng#Pass', NewPassword: 'short' }), 'InvalidPassword');
    assert.match(weak.Message, /min-length/);
    const reused = failed(await volc(client, 'ChangePassword', { OldPassword: 'Str0ng#Pass', NewPassword: 'Str0ng#Pass' }), 'InvalidPassword');
    assert.match(reused.Message, /reuse/);
    ok(await volc(client, 'ChangePassword', { OldPassword: 'Str0ng#Pass', NewPassword: 'N3w#Passw0rd' }));
  });

  it('ChangePassword is denied when AllowUsersToChangePassword is off', async () => {
    const { name, client } = await newUser();
    ok(await volc(root, 'UpdatePasswordPolicy', { AllowUsersToChangePassword: false }));
    failed(await volc(client, 'ChangePassword', { OldPassword: 'Str0ng#Pass', NewPassword: 'N3w#Passw0rd' }), 'AccessDenied', 100013);
    assert.equal((await signIn(name, 'Str0ng#Pass')).outcome, 'ok');
  });
});
