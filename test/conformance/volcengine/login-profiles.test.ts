import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rawSigned, rootKeys, volc, volcClient } from './support.js';

interface WireLoginProfile {
  UserId: number;
  UserName: string;
  LoginAllowed: boolean;
  PasswordResetRequired: boolean;
  PasswordExpireAt: number;
  LastResetPasswordTime: number;
  LastLoginDate: string;
  LastLoginIp: string;
  LoginLocked: boolean;
  SafeAuthFlag: boolean;
  SafeAuthType: string;
  SafeAuthExemptRequired: number;
  SafeAuthExemptUnit: number;
  SafeAuthExemptDuration: number;
  CreateDate: string;
  UpdateDate: string;
}
type ProfileResult = { LoginProfile: WireLoginProfile };

/** The seed's LoginProfile keys (volcengine-iam-create-login-profile.txt, 返回示例), in its order. */
const SEED_KEYS = [
  'UserId', 'UserName', 'LoginAllowed', 'PasswordResetRequired', 'PasswordExpireAt', 'LastResetPasswordTime', 'LastLoginDate',
  'LastLoginIp', 'LoginLocked', 'SafeAuthFlag', 'SafeAuthType', 'SafeAuthExemptRequired', 'SafeAuthExemptUnit',
  'SafeAuthExemptDuration', 'CreateDate', 'UpdateDate',
];

describe('volcengine login profiles through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;
  let users = 0;
  const newUser = async () => {
    const name = `lp-user-${++users}`;
    ok(await volc(client, 'CreateUser', { UserName: name }));
    return name;
  };

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('CreateLoginProfile as in the seed request (GET) answers the seed LoginProfile shape', async () => {
    const name = await newUser();
    const before = Math.floor(Date.now() / 1000);
    const response = await volc<ProfileResult>(client, 'CreateLoginProfile', {
      UserName: name, Password: '1234qwerASDF', LoginAllowed: true, PasswordResetRequired: true, SafeAuthFlag: true,
      SafeAuthType: 'phone', SafeAuthExemptDuration: 10, SafeAuthExemptRequired: 0, SafeAuthExemptUnit: 0,
    });
    const profile = ok(response).LoginProfile;
    assert.deepEqual(Object.keys(profile), SEED_KEYS);
    assert.equal(response.ResponseMetadata.Action, 'CreateLoginProfile');
    assert.equal(response.ResponseMetadata.Version, '2018-01-01');
    assert.equal(response.ResponseMetadata.Region, 'cn-north-1');
    const user = ok(await volc<{ User: { Id: number } }>(client, 'GetUser', { UserName: name })).User;
    assert.equal(profile.UserId, user.Id);
    assert.equal(profile.UserName, name);
    assert.equal(profile.LoginAllowed, true);
    assert.equal(profile.PasswordResetRequired, true);
    assert.equal(profile.PasswordExpireAt, 0, 'no max age: never expires');
    assert.ok(profile.LastResetPasswordTime >= before && profile.LastResetPasswordTime <= before + 5, 'Unix seconds');
    assert.equal(profile.LastLoginDate, '');
    assert.equal(profile.LastLoginIp, '');
    assert.equal(profile.LoginLocked, false);
    assert.equal(profile.SafeAuthFlag, true);
    assert.equal(profile.SafeAuthType, 'phone');
    assert.equal(profile.SafeAuthExemptRequired, 0);
    assert.equal(profile.SafeAuthExemptUnit, 0);
    assert.equal(profile.SafeAuthExemptDuration, 10);
    assert.match(profile.CreateDate, /^\d{8}T\d{6}Z$/);
    assert.deepEqual(ok(await volc<ProfileResult>(client, 'GetLoginProfile', { UserName: name })).LoginProfile, profile);
  });

  it('LoginAllowed and PasswordResetRequired default to false (docs: 默认为false)', async () => {
    const name = await newUser();
    const profile = ok(await volc<ProfileResult>(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass' }, 'json')).LoginProfile;
    assert.equal(profile.LoginAllowed, false);
    assert.equal(profile.PasswordResetRequired, false);
    assert.equal(profile.SafeAuthFlag, false);
    assert.equal(profile.SafeAuthType, '');
  });

  it('SafeAuthType takes a comma list of phone, email, vmfa; the exemption is stored by unit', async () => {
    const name = await newUser();
    const profile = ok(
      await volc<ProfileResult>(client, 'CreateLoginProfile', {
        UserName: name, Password: 'Str0ng#Pass', LoginAllowed: true, SafeAuthFlag: true, SafeAuthType: 'vmfa, phone,email',
        SafeAuthExemptRequired: 1, SafeAuthExemptUnit: 2, SafeAuthExemptDuration: 7,
      }, 'form'),
    ).LoginProfile;
    assert.equal(profile.SafeAuthType, 'vmfa,phone,email');
    assert.equal(profile.SafeAuthExemptRequired, 1);
    assert.equal(profile.SafeAuthExemptUnit, 2);
    assert.equal(profile.SafeAuthExemptDuration, 7);
  });

  const ranges: Array<[unit: number, good: number[], bad: number[]]> = [
    [0, [5, 1440], [4, 1441]],
    [1, [1, 168], [0, 169]],
    [2, [1, 7], [0, 8]],
  ];
  for (const [unit, good, bad] of ranges) {
    it(`SafeAuthExemptDuration in unit ${unit}: ${good.join(' and ')} pass, ${bad.join(' and ')} are a 400 and write nothing`, async () => {
      for (const duration of bad) {
        const name = await newUser();
        const params = { UserName: name, Password: 'Str0ng#Pass', SafeAuthExemptRequired: 1, SafeAuthExemptUnit: unit, SafeAuthExemptDuration: duration };
        const error = failed(await volc(client, 'CreateLoginProfile', params), 'InvalidParameter');
        assert.match(error.Message, /`SafeAuthExemptDuration`/);
        failed(await volc(client, 'GetLoginProfile', { UserName: name }), 'LoginProfileNotExist');
        const raw = await rawSigned(server, rootKeys(server), {
          method: 'GET',
          query: new URLSearchParams({ Action: 'CreateLoginProfile', Version: '2018-01-01', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }).toString(),
        });
        assert.equal(raw.status, 400);
      }
      for (const duration of good) {
        const name = await newUser();
        const profile = ok(
          await volc<ProfileResult>(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass', SafeAuthExemptUnit: unit, SafeAuthExemptDuration: duration }),
        ).LoginProfile;
        assert.equal(profile.SafeAuthExemptDuration, duration);
      }
    });
  }

  it('refuses an unknown protection type, a missing one with SafeAuthFlag, and out-of-range flags', async () => {
    const name = await newUser();
    const base = { UserName: name, Password: 'Str0ng#Pass' };
    assert.match(failed(await volc(client, 'CreateLoginProfile', { ...base, SafeAuthFlag: true, SafeAuthType: 'sms' }), 'InvalidParameter').Message, /SafeAuthType/);
    assert.match(failed(await volc(client, 'CreateLoginProfile', { ...base, SafeAuthFlag: true }), 'InvalidParameter').Message, /`SafeAuthType`/);
    failed(await volc(client, 'CreateLoginProfile', { ...base, SafeAuthExemptUnit: 3 }), 'InvalidParameter');
    failed(await volc(client, 'CreateLoginProfile', { ...base, SafeAuthExemptRequired: 2 }), 'InvalidParameter');
    failed(await volc(client, 'CreateLoginProfile', { ...base, LoginAllowed: 'yes' }), 'InvalidParameter');
    failed(await volc(client, 'GetLoginProfile', { UserName: name }), 'LoginProfileNotExist');
  });

  it('password policy, unknown users and duplicates: InvalidPassword 400, UserNotExist 404, LoginProfileAlreadyExist 409', async () => {
    const name = await newUser();
    const weak = failed(await volc(client, 'CreateLoginProfile', { UserName: name, Password: 'short' }), 'InvalidPassword');
    assert.match(weak.Message, /min-length/);
    assert.doesNotMatch(weak.Message, /short/, 'the password is never echoed');
    const raw = await rawSigned(server, rootKeys(server), { method: 'GET', query: `Action=CreateLoginProfile&Version=2018-01-01&UserName=nobody&Password=Str0ng%23Pass` });
    assert.equal(raw.status, 404);
    assert.equal(raw.body.ResponseMetadata.Error?.Code, 'UserNotExist');
    ok(await volc(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass' }));
    failed(await volc(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass' }), 'LoginProfileAlreadyExist');
    failed(await volc(client, 'CreateLoginProfile', { UserName: name }), 'ParameterNotFound');
  });

  it('UpdateLoginProfile (json) changes the password, flags and protection; the rest is kept', async () => {
    const name = await newUser();
    const created = ok(await volc<ProfileResult>(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass', LoginAllowed: true })).LoginProfile;
    server.polyiam.testClock!.advance(2_000);
    const updated = ok(
      await volc<ProfileResult>(client, 'UpdateLoginProfile', {
        UserName: name, Password: 'N3w#Passw0rd', PasswordResetRequired: true, SafeAuthFlag: true, SafeAuthType: 'email',
        SafeAuthExemptUnit: 1, SafeAuthExemptDuration: 48,
      }, 'json'),
    ).LoginProfile;
    assert.equal(updated.LoginAllowed, true, 'kept');
    assert.equal(updated.PasswordResetRequired, true);
    assert.equal(updated.SafeAuthFlag, true);
    assert.equal(updated.SafeAuthType, 'email');
    assert.equal(updated.SafeAuthExemptUnit, 1);
    assert.equal(updated.SafeAuthExemptDuration, 48);
    assert.ok(updated.LastResetPasswordTime > created.LastResetPasswordTime, 'a new password resets the time');
    const signIn = () => server.polyiam.services.credentials.signIn({
      accountId: server.root.account.id, user: { name }, password: new PlainPassword('N3w#Passw0rd'), sourceIp: '203.0.113.7',
    });
    // issue #11: SafeAuthFlag is enforced: the sign-in waits for its second factor until protection is off
    assert.equal((await signIn()).outcome, 'second-factor-required');
    ok(await volc(client, 'UpdateLoginProfile', { UserName: name, SafeAuthFlag: false }, 'json'));
    assert.equal((await signIn()).outcome, 'reset-required');
    const after = ok(await volc<ProfileResult>(client, 'GetLoginProfile', { UserName: name })).LoginProfile;
    assert.match(after.LastLoginDate, /^\d{8}T\d{6}Z$/);
    assert.equal(after.LastLoginIp, '203.0.113.7');
    failed(await volc(client, 'UpdateLoginProfile', { UserName: name, SafeAuthExemptUnit: 2 }), 'InvalidParameter');
    failed(await volc(client, 'UpdateLoginProfile', { UserName: 'nobody', LoginAllowed: false }), 'UserNotExist');
    const other = await newUser();
    failed(await volc(client, 'UpdateLoginProfile', { UserName: other, LoginAllowed: false }), 'LoginProfileNotExist');
  });

  it('PasswordExpireAt follows the account policy max age; LoginLocked shows a lockout', async () => {
    const name = await newUser();
    const profile = ok(await volc<ProfileResult>(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass', LoginAllowed: true })).LoginProfile;
    ok(await volc(client, 'UpdatePasswordPolicy', { MaxPasswordAge: 90, MaxLoginAttempts: 2 }));
    try {
      const withAge = ok(await volc<ProfileResult>(client, 'GetLoginProfile', { UserName: name })).LoginProfile;
      assert.equal(withAge.PasswordExpireAt, profile.LastResetPasswordTime + 90 * 86_400);
      for (let i = 0; i < 2; i++) {
        await server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name }, password: new PlainPassword('wrong#Pass1'), sourceIp: null });
      }
      assert.equal(ok(await volc<ProfileResult>(client, 'GetLoginProfile', { UserName: name })).LoginProfile.LoginLocked, true);
    } finally {
      ok(await volc(client, 'UpdatePasswordPolicy', { MaxPasswordAge: 0, MaxLoginAttempts: 5 }));
    }
  });

  it('DeleteLoginProfile removes it; a second delete is LoginProfileNotExist; the root keeps its own', async () => {
    const name = await newUser();
    ok(await volc(client, 'CreateLoginProfile', { UserName: name, Password: 'Str0ng#Pass' }));
    const deleted = await volc(client, 'DeleteLoginProfile', { UserName: name }, 'form');
    ok(deleted);
    failed(await volc(client, 'GetLoginProfile', { UserName: name }), 'LoginProfileNotExist');
    failed(await volc(client, 'DeleteLoginProfile', { UserName: name }), 'LoginProfileNotExist');
    failed(await volc(client, 'DeleteLoginProfile', { UserName: server.root.account.name }), 'UserNotExist');
    const own = ok(await volc<ProfileResult>(client, 'GetLoginProfile', {})).LoginProfile;
    assert.equal(own.UserName, server.root.account.name);
  });
});
