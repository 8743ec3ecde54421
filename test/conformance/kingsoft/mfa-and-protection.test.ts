/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import { errorOf, ks, rootKeys, xmlResult, type Keys, type KsOptions } from './support.js';

type Json = Record<string, unknown>;

function at(doc: unknown, path: string): Json {
  let value = doc;
  for (const key of path.split('.')) value = (value as Json | undefined)?.[key];
  assert.ok(typeof value === 'object' && value !== null, `${path} in ${JSON.stringify(doc)}`);
  return value as Json;
}

/**
 * Kingsoft MFA devices and the login profile's OpenLoginProtection / OpenSecurityProtection, signed by
 * hand as the Go SDK signs (kscore, the official Python SDK, was run against the same calls by hand:
 * it is not installed in CI). The switches are the core's records, seen by the other dialects.
 */
describe('kingsoft virtual MFA devices and login-profile protection switches', () => {
  let server: TestServer;
  let root: Keys;
  let accountNumber: number;
  let serial: string;
  let seed: string;
  const now = () => server.polyiam.testClock!.now();
  const call = (params: Record<string, string>, options: KsOptions = {}) => ks(server, root, params, { json: true, ...options });
  const ok = async (params: Record<string, string>, options: KsOptions = {}): Promise<Json> => {
    const res = await call(params, options);
    assert.equal(res.status, 200, res.body);
    return res.doc as Json;
  };
  const refused = async (params: Record<string, string>, status: number, code: string) => {
    const res = await call(params);
    assert.equal(res.status, status, res.body);
    assert.equal(errorOf(res).Code, code);
    return res;
  };
  const rootCtx = () => systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
  const signIn = (name: string, password: string) =>
    server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name }, password: new PlainPassword(password), sourceIp: '198.51.100.9' });

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    accountNumber = (await server.polyiam.services.accounts.findById(server.root.account.id))!.numericId;
    await ok({ Action: 'CreateUser', UserName: 'ksmfa', Password: 'Ksmfa-Passw0rd-1' });
  });
  after(() => server.close());

  it('CreateVirtualMFADevice answers the KRN serial, the base32 seed and a PNG QR code, this once', async () => {
    const device = at(await ok({ Action: 'CreateVirtualMFADevice', VirtualMFADeviceName: 'ksmfa-phone' }), 'CreateVirtualMFADeviceResult.VirtualMFADevice');
    serial = String(device.SerialNumber);
    seed = String(device.Base32StringSeed);
    assert.equal(serial, `krn:ksc:iam::${accountNumber}:mfa/ksmfa-phone`);
    assert.match(seed, /^[A-Z2-7]{32}$/);
    assert.deepEqual([...Buffer.from(String(device.QRCodePNG), 'base64').subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await refused({ Action: 'CreateVirtualMFADevice', VirtualMFADeviceName: 'ksmfa-phone' }, 409, 'EntityAlreadyExists');
    await refused({ Action: 'CreateVirtualMFADevice', VirtualMFADeviceName: 'bad name!' }, 400, 'InvalidParameterValue');
    await refused({ Action: 'CreateVirtualMFADevice' }, 400, 'InvalidParameterValue');
    const listed = at(await ok({ Action: 'ListVirtualMFADevices', AssignmentStatus: 'Unassigned' }), 'ListVirtualMFADevicesResult.VirtualMFADevices');
    assert.deepEqual((listed.Member as Json[]).map((d) => [d.SerialNumber, 'Base32StringSeed' in d]), [[serial, false]]);
  });

  it('EnableMFADevice: a wrong code is InvalidAuthenticationCode 403 and binds nothing; two consecutive codes bind it', async () => {
    const [first, second] = consecutiveCodes(seed, now());
    await refused({ Action: 'EnableMFADevice', UserName: 'ksmfa', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: second }, 403, 'InvalidAuthenticationCode');
    await refused({ Action: 'GetVirtualMFADevice', UserName: 'ksmfa' }, 404, 'NoSuchEntity');
    await ok({ Action: 'EnableMFADevice', UserName: 'ksmfa', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second });
    const shown = at(await ok({ Action: 'GetVirtualMFADevice', UserName: 'ksmfa' }), 'GetVirtualMFADeviceResult.VirtualMFADevice');
    assert.equal(shown.SerialNumber, serial);
    assert.match(String(shown.EnableDate), /^\d{4}-\d\d-\d\dT/);
  });

  it('UpdateLoginProfile OpenLoginProtection: the sign-in asks for the device\'s code; Huawei\'s login_protect reads vmfa', async () => {
    assert.equal((await signIn('ksmfa', 'Ksmfa-Passw0rd-1')).outcome, 'ok');
    const updated = at(await ok({ Action: 'UpdateLoginProfile', UserName: 'ksmfa', OpenLoginProtection: 'true' }), 'CreateLoginProfileResult.LoginProfile');
    assert.equal(updated.OpenLoginProtection, 'true', 'a string, as the Go SDK\'s UpdateLoginProfileResponse reads it');
    assert.equal('OpenSecurityProtection' in updated, false, 'not set by this call');
    const first = await signIn('ksmfa', 'Ksmfa-Passw0rd-1');
    assert.equal(first.outcome, 'second-factor-required');
    assert.equal(first.challenge?.method, 'vmfa');
    server.polyiam.testClock!.advance(60_000);
    const done = await server.polyiam.services.credentials.completeSignIn({ accountId: server.root.account.id, challengeId: first.challenge!.id, code: codeAt(seed, now()), sourceIp: '198.51.100.9' });
    assert.equal(done.outcome, 'ok');
    const protect = await server.polyiam.services.loginProtection.get(rootCtx(), { name: 'ksmfa' });
    assert.deepEqual([protect.enabled, protect.method], [true, 'vmfa']);
    const profile = at(await ok({ Action: 'GetLoginProfile', UserName: 'ksmfa' }), 'CreateLoginProfileResult.LoginProfile');
    assert.deepEqual([profile.OpenLoginProtection, profile.OpenSecurityProtection, profile.PasswordResetRequired], [1, 0, false], 'ints and a bool, as GetLoginProfileResponse reads them');
  });

  it('OpenSecurityProtection is the operation-protection record Volcengine\'s GetSecurityConfig reads', async () => {
    const updated = at(await ok({ Action: 'UpdateLoginProfile', UserName: 'ksmfa', OpenSecurityProtection: 'true' }), 'CreateLoginProfileResult.LoginProfile');
    assert.equal(updated.OpenSecurityProtection, 'true');
    const { protection } = await server.polyiam.services.operationProtection.get(rootCtx(), { name: 'ksmfa' });
    assert.deepEqual([protection.enabled, protection.methods], [true, ['vmfa']]);
    const xml = xmlResult(await call({ Action: 'GetLoginProfile', UserName: 'ksmfa' }, { json: false }), 'GetLoginProfile');
    assert.deepEqual([at(xml, 'LoginProfile').OpenLoginProtection, at(xml, 'LoginProfile').OpenSecurityProtection], ['1', '1']);
    await ok({ Action: 'UpdateLoginProfile', UserName: 'ksmfa', OpenLoginProtection: 'false', OpenSecurityProtection: '0' });
    const profile = at(await ok({ Action: 'GetLoginProfile', UserName: 'ksmfa' }), 'CreateLoginProfileResult.LoginProfile');
    assert.deepEqual([profile.OpenLoginProtection, profile.OpenSecurityProtection], [0, 0]);
    assert.equal((await signIn('ksmfa', 'Ksmfa-Passw0rd-1')).outcome, 'ok');
    await refused({ Action: 'UpdateLoginProfile', UserName: 'ksmfa', OpenLoginProtection: 'maybe' }, 400, 'InvalidParameterValue');
  });

  it('CreateLoginProfile takes both switches', async () => {
    await ok({ Action: 'CreateUser', UserName: 'ksnew' });
    const created = at(await ok({ Action: 'CreateLoginProfile', UserName: 'ksnew', Password: 'Ksnew-Passw0rd-1', OpenLoginProtection: '1', OpenSecurityProtection: '1' }), 'CreateLoginProfileResult.LoginProfile');
    assert.deepEqual(Object.keys(created).sort(), ['CreateDate', 'PasswordResetRequired', 'UserName'], 'the seed\'s three fields');
    const profile = at(await ok({ Action: 'GetLoginProfile', UserName: 'ksnew' }), 'CreateLoginProfileResult.LoginProfile');
    assert.deepEqual([profile.OpenLoginProtection, profile.OpenSecurityProtection], [1, 1]);
  });

  it('DeleteVirtualMFADevice: DeleteConflict while bound; DeactivateMFADevice, then delete; then NoSuchEntity', async () => {
    await refused({ Action: 'DeleteVirtualMFADevice', SerialNumber: serial }, 409, 'DeleteConflict');
    await ok({ Action: 'DeactivateMFADevice', UserName: 'ksmfa', SerialNumber: serial });
    await ok({ Action: 'DeleteVirtualMFADevice', SerialNumber: serial });
    await refused({ Action: 'GetVirtualMFADevice', UserName: 'ksmfa' }, 404, 'NoSuchEntity');
    await refused({ Action: 'DeleteVirtualMFADevice', SerialNumber: serial }, 404, 'NoSuchEntity');
    await refused({ Action: 'DeleteVirtualMFADevice', SerialNumber: 'krn:ksc:iam::1:mfa/ksmfa-phone' }, 404, 'NoSuchEntity');
  });
});
