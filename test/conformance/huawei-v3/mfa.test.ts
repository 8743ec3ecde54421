/** @see #11 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AuthScope,
  AuthScopeDomain,
  BindMfaDevice,
  CreateBindingDeviceRequest,
  CreateMfaDevice,
  CreateMfaDeviceReq,
  CreateMfaDeviceRequest,
  DeleteBindingDeviceRequest,
  DeleteMfaDeviceRequest,
  IamClient,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  KeystoneCreateUserTokenByPasswordAndMfaRequest,
  KeystoneCreateUserTokenByPasswordAndMfaRequestBody,
  ListUserLoginProtectsRequest,
  ListUserMfaDevicesRequest,
  LoginPolicyOption,
  MfaAuth,
  MfaIdentity,
  MfaIdentityMethodsEnum,
  MfaTotp,
  MfaTotpUser,
  PwdPassword,
  PwdPasswordUser,
  PwdPasswordUserDomain,
  ShowDomainLoginPolicyRequest,
  ShowUserLoginProtectRequest,
  ShowUserMfaDeviceRequest,
  UnbindMfaDevice,
  UpdateDomainLoginPolicyRequest,
  UpdateDomainLoginPolicyRequestBody,
  UpdateLoginProject,
  UpdateLoginProjectReq,
  UpdateLoginProtectRequest,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import type { Json } from './support.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

const call = async (promise: Promise<unknown>) => (await promise) as Json & { httpStatusCode: number; 'X-Subject-Token'?: string };
async function status(promise: Promise<unknown>): Promise<number> {
  try {
    return ((await promise) as { httpStatusCode: number }).httpStatusCode;
  } catch (err) {
    return (err as { httpStatusCode: number }).httpStatusCode;
  }
}

describe('huawei-v3.0 OS-MFA, OS-USER login protection, OS-SECURITYPOLICY and password+totp tokens through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;
  let userId: string;
  let serial: string;
  let seed: string;
  const now = () => server.polyiam.testClock!.now();

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    const credentials = new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(domainId);
    client = IamClient.newBuilder().withCredential(credentials).withEndpoint(server.url).build();
    const option = new KeystoneCreateUserOption('hwmfa').withDomainId(domainId).withEnabled(true).withPassword('HwMfa#Pass2024');
    userId = (await call(client.keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(option))))).user!.id;
  });
  after(() => server.close());

  const mfaToken = (code: string, methods: string[] = [MfaIdentityMethodsEnum.PASSWORD, MfaIdentityMethodsEnum.TOTP]) => {
    const password = new PwdPassword(new PwdPasswordUser(new PwdPasswordUserDomain(server.root.account.name), 'hwmfa', 'HwMfa#Pass2024'));
    const identity = new MfaIdentity(methods, password, new MfaTotp(new MfaTotpUser(userId, code)));
    const auth = new MfaAuth(identity, new AuthScope().withDomain(new AuthScopeDomain().withName(server.root.account.name)));
    return client.keystoneCreateUserTokenByPasswordAndMfa(new KeystoneCreateUserTokenByPasswordAndMfaRequest().withBody(new KeystoneCreateUserTokenByPasswordAndMfaRequestBody(auth)));
  };

  it('createMfaDevice answers serial_number iam:<domain>:mfa/<name> and the seed; a second device for the user is 409', async () => {
    const created = await call(client.createMfaDevice(new CreateMfaDeviceRequest().withBody(new CreateMfaDeviceReq(new CreateMfaDevice('hwmfa-phone', userId)))));
    assert.equal(created.httpStatusCode, 201);
    const device = created.virtual_mfa_device as { serial_number: string; base32_string_seed: string };
    serial = device.serial_number;
    seed = device.base32_string_seed;
    assert.equal(serial, `iam:${domainId}:mfa/hwmfa-phone`);
    assert.match(seed, /^[A-Z2-7]{32}$/);
    assert.equal(await status(client.createMfaDevice(new CreateMfaDeviceRequest().withBody(new CreateMfaDeviceReq(new CreateMfaDevice('another', userId))))), 409);
  });

  it('createBindingDevice with two consecutive codes (400 for wrong ones); showUserMfaDevice, listUserMfaDevices', async () => {
    const [first, second] = consecutiveCodes(seed, now());
    assert.equal(await status(client.createBindingDevice(new CreateBindingDeviceRequest().withBody(new BindMfaDevice(userId, serial, '000000', second)))), 400);
    const bound = await call(client.createBindingDevice(new CreateBindingDeviceRequest().withBody(new BindMfaDevice(userId, serial, first, second))));
    assert.equal(bound.httpStatusCode, 204);
    const shown = await call(client.showUserMfaDevice(new ShowUserMfaDeviceRequest(userId)));
    assert.deepEqual(shown.virtual_mfa_device, { serial_number: serial, user_id: userId });
    const listed = await call(client.listUserMfaDevices(new ListUserMfaDevicesRequest()));
    assert.deepEqual(listed.virtual_mfa_devices, [{ serial_number: serial, user_id: userId }]);
  });

  it('updateLoginProtect (vmfa), showUserLoginProtect, listUserLoginProtects; a password-only token is then refused', async () => {
    const updated = await call(client.updateLoginProtect(new UpdateLoginProtectRequest(userId).withBody(new UpdateLoginProjectReq(new UpdateLoginProject(true, 'vmfa')))));
    assert.deepEqual(updated.login_protect, { user_id: userId, enabled: true, verification_method: 'vmfa' });
    assert.deepEqual((await call(client.showUserLoginProtect(new ShowUserLoginProtectRequest(userId)))).login_protect, { enabled: true, user_id: userId, verification_method: 'vmfa' });
    const listed = await call(client.listUserLoginProtects(new ListUserLoginProtectsRequest()));
    assert.deepEqual((listed.login_protects as Array<{ user_id: string }>).map((p) => p.user_id), [userId]);
    assert.equal(await status(client.updateLoginProtect(new UpdateLoginProtectRequest(userId).withBody(new UpdateLoginProjectReq(new UpdateLoginProject(true, 'email'))))), 400, 'no email on file');
    assert.equal(await status(mfaToken('123456', ['password'])), 401, 'login protection: the password alone no longer gets a token');
  });

  it('keystoneCreateUserTokenByPasswordAndMfa (the SDK sends " totp"): the token records both methods; a wrong or reused code is 401', async () => {
    server.polyiam.testClock!.advance(30_000);
    const code = codeAt(seed, now());
    assert.equal(await status(mfaToken('000000')), 401);
    const token = await call(mfaToken(code));
    assert.equal(token.httpStatusCode, 201);
    assert.deepEqual(token.token?.methods, ['password', 'totp']);
    assert.ok(token['X-Subject-Token']);
    assert.equal(await status(mfaToken(code)), 401, 'the same code again');
  });

  it('wrong TOTP codes through the SDK count toward the lockout: then even the right code is 401 until it ends', async () => {
    const policy = await server.polyiam.services.loginPolicy.current(domainId);
    server.polyiam.testClock!.advance(30_000);
    for (let i = 0; i < policy.lockoutThreshold; i++) assert.equal(await status(mfaToken('000000')), 401);
    const profile = await server.polyiam.store.fresh.loginProfiles.find(userId);
    assert.ok(profile!.lockedUntil! > now(), 'locked by wrong second-factor codes');
    assert.equal(await status(mfaToken(codeAt(seed, now()))), 401, 'the right code while locked');
    server.polyiam.testClock!.advance(policy.lockoutMinutes * 60_000 + 30_000);
    assert.equal((await call(mfaToken(codeAt(seed, now())))).httpStatusCode, 201, 'after the lockout');
    // back to the real time: the SDK signs with it, and a 15-minute skew is refused
    server.polyiam.testClock!.reset();
  });

  it('showDomainLoginPolicy and updateDomainLoginPolicy echo all seven fields; out-of-range values are 400', async () => {
    const shown = await call(client.showDomainLoginPolicy(new ShowDomainLoginPolicyRequest(domainId)));
    assert.deepEqual(Object.keys(shown.login_policy as object).sort(), ['account_validity_period', 'custom_info_for_login', 'lockout_duration', 'login_failed_times', 'period_with_login_failures', 'session_timeout', 'show_recent_login_info']);
    const option = new LoginPolicyOption().withLoginFailedTimes(3).withLockoutDuration(20).withPeriodWithLoginFailures(30).withSessionTimeout(120).withShowRecentLoginInfo(true).withCustomInfoForLogin('welcome back');
    const updated = await call(client.updateDomainLoginPolicy(new UpdateDomainLoginPolicyRequest(domainId).withBody(new UpdateDomainLoginPolicyRequestBody(option))));
    assert.deepEqual(updated.login_policy, { account_validity_period: 0, custom_info_for_login: 'welcome back', lockout_duration: 20, login_failed_times: 3, period_with_login_failures: 30, session_timeout: 120, show_recent_login_info: true });
    assert.equal(await status(client.updateDomainLoginPolicy(new UpdateDomainLoginPolicyRequest(domainId).withBody(new UpdateDomainLoginPolicyRequestBody(new LoginPolicyOption().withLoginFailedTimes(11))))), 400);
    assert.equal((await server.polyiam.services.loginPolicy.current(domainId)).lockoutThreshold, 3, 'the lockout the sign-in uses');
  });

  it('deleteBindingDevice: a wrong code by the admin is accepted (Huawei: any 6 digits); deleteMfaDevice then removes it', async () => {
    assert.equal(await status(client.deleteMfaDevice(new DeleteMfaDeviceRequest(userId, serial))), 409, 'still bound');
    assert.equal((await call(client.deleteBindingDevice(new DeleteBindingDeviceRequest().withBody(new UnbindMfaDevice(userId, '000000', serial))))).httpStatusCode, 204);
    assert.equal((await call(client.deleteMfaDevice(new DeleteMfaDeviceRequest(userId, serial)))).httpStatusCode, 204);
    assert.equal(await status(client.showUserMfaDevice(new ShowUserMfaDeviceRequest(userId))), 404);
  });
});
