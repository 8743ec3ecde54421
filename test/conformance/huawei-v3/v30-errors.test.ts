/** @see #11 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  BindMfaDevice,
  CreateBindingDeviceRequest,
  CreateMfaDevice,
  CreateMfaDeviceReq,
  CreateMfaDeviceRequest,
  DeleteMfaDeviceRequest,
  IamClient,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  ListUserLoginProtectsRequest,
  LoginPolicyOption,
  ShowDomainLoginPolicyRequest,
  ShowUserMfaDeviceRequest,
  UpdateDomainLoginPolicyRequest,
  UpdateDomainLoginPolicyRequestBody,
  UpdateLoginProject,
  UpdateLoginProjectReq,
  UpdateLoginProtectRequest,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { consecutiveCodes } from '../../support/totp.js';
import { huaweiRequest, sendWire } from '../../fuzz/wire.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

/** what the Huawei SDK's ClientRequestException carries (huaweicloud-sdk-core exception/ExceptionUtil.js) */
interface SdkException {
  httpStatusCode: number;
  errorCode: string;
  errorMsg: string;
  requestId: string;
}

async function refusal(promise: Promise<unknown>): Promise<SdkException> {
  try {
    await promise;
  } catch (err) {
    return err as SdkException;
  }
  assert.fail('the call succeeded');
}

function assertRefusal(err: SdkException, status: number, code: string, message: RegExp) {
  assert.equal(err.httpStatusCode, status, err.errorMsg);
  assert.equal(err.errorCode, code);
  assert.match(err.errorMsg, message);
  assert.match(err.requestId, /^[0-9a-f]{32}$/);
}

function rawExchange(port: number, text: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const done = () => resolve({ status: Number(out.split(' ')[1]), body: JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4)) as Record<string, unknown> });
    socket.on('close', done);
  });
}

function assertEnvelope(reply: { status: number; body: Record<string, unknown> }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.deepEqual(Object.keys(reply.body).sort(), ['error_code', 'error_msg']);
  assert.equal(reply.body.error_code, code);
  assert.doesNotMatch(String(reply.body.error_msg), /FST_|HPE_/);
}

describe('huawei-v3.0 refusals carry Huawei\'s error_code and error_msg, which the SDK exception exposes', () => {
  let server: TestServer;
  let client: IamClient;
  let stranger: IamClient;
  let domainId: string;
  let userId: string;
  let serial: string;
  let seed: string;

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    const build = (ak: string, sk: string, domain: string) => IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(ak).withSk(sk).withDomainId(domain)).withEndpoint(server.url).build();
    client = build(server.root.root.access_key_id, server.root.root.secret_access_key, domainId);
    const other = await server.createAccount('other-domain');
    stranger = build(other.root.access_key_id, other.root.secret_access_key, other.account.id);
    const option = new KeystoneCreateUserOption('v30errors').withDomainId(domainId).withEnabled(true).withPassword('V30Errors#Pass2024');
    userId = ((await client.keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(option)))) as unknown as { user: { id: string } }).user.id;
    const created = (await client.createMfaDevice(new CreateMfaDeviceRequest().withBody(new CreateMfaDeviceReq(new CreateMfaDevice('v30-phone', userId))))) as unknown as {
      virtual_mfa_device: { serial_number: string; base32_string_seed: string };
    };
    serial = created.virtual_mfa_device.serial_number;
    seed = created.virtual_mfa_device.base32_string_seed;
  });
  after(() => server.close());

  it('a wrong binding code is 400 IAM.0007 naming authentication_code_first, never the code', async () => {
    const [, second] = consecutiveCodes(seed, server.polyiam.testClock!.now());
    const err = await refusal(client.createBindingDevice(new CreateBindingDeviceRequest().withBody(new BindMfaDevice(userId, serial, '000000', second))));
    assertRefusal(err, 400, 'IAM.0007', /`authentication_code_first` is invalid/);
    assert.doesNotMatch(err.errorMsg, /000000/);
  });

  it('a second device for the user is 409 IAM.0005; deleting an unknown serial and showing a user with none are 404 IAM.0004', async () => {
    assertRefusal(await refusal(client.createMfaDevice(new CreateMfaDeviceRequest().withBody(new CreateMfaDeviceReq(new CreateMfaDevice('v30-other', userId))))), 409, 'IAM.0005', /already exists/);
    assertRefusal(await refusal(client.deleteMfaDevice(new DeleteMfaDeviceRequest(userId, `iam:${domainId}:mfa/nothing`))), 404, 'IAM.0004', /could not find/);
    assertRefusal(await refusal(client.showUserMfaDevice(new ShowUserMfaDeviceRequest(server.root.root.user_id))), 404, 'IAM.0004', /could not find/);
  });

  it('login protection by email for a user with no email on file is 400 IAM.0007 naming verification_method', async () => {
    const body = new UpdateLoginProjectReq(new UpdateLoginProject(true, 'email'));
    assertRefusal(await refusal(client.updateLoginProtect(new UpdateLoginProtectRequest(userId).withBody(body))), 400, 'IAM.0007', /`verification_method` is invalid: the user has no email address on file/);
  });

  it('an out-of-range login policy is 400 IAM.0007; another domain\'s policy is 403 IAM.0003; another domain\'s user is 404', async () => {
    const tooMany = new UpdateDomainLoginPolicyRequestBody(new LoginPolicyOption().withLoginFailedTimes(11));
    assertRefusal(await refusal(client.updateDomainLoginPolicy(new UpdateDomainLoginPolicyRequest(domainId).withBody(tooMany))), 400, 'IAM.0007', /login_failed_times/);
    assertRefusal(await refusal(stranger.showDomainLoginPolicy(new ShowDomainLoginPolicyRequest(domainId))), 403, 'IAM.0003', /not authorized/);
    assertRefusal(await refusal(stranger.showUserMfaDevice(new ShowUserMfaDeviceRequest(userId))), 404, 'IAM.0004', /could not find/);
  });

  it('a bad signature is 401 IAM.0001 with one message whatever the reason', async () => {
    const forged = IamClient.newBuilder()
      .withCredential(new GlobalCredentials().withAk(server.root.root.access_key_id).withSk('not-the-secret-key-at-all-0000000000').withDomainId(domainId))
      .withEndpoint(server.url)
      .build();
    assertRefusal(await refusal(forged.listUserLoginProtects(new ListUserLoginProtectsRequest())), 401, 'IAM.0001', /requires authentication/);
  });

  it('what the SDK cannot send (bad JSON, a missing field, an unknown path, another method) stays in the envelope', async () => {
    const send = async (method: string, path: string, body?: string) => {
      const res = await sendWire(server.url, {
        method,
        path,
        headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        ...(body === undefined ? {} : { body: Buffer.from(body) }),
      });
      return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
    };
    const keys = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
    const signed = async (method: string, path: string, body: string) => {
      const res = await sendWire(server.url, huaweiRequest(server.url, { method, path, body: Buffer.from(body), keys }));
      return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
    };
    assertEnvelope(await signed('PUT', '/v3.0/OS-MFA/mfa-devices/bind', '{"user_id": '), 400, 'IAM.0011');
    assertEnvelope(await signed('PUT', '/v3.0/OS-MFA/mfa-devices/bind', JSON.stringify({ user_id: userId, serial_number: serial, authentication_code_first: '123456' })), 400, 'IAM.0072');
    assertEnvelope(await send('GET', '/v3.0/OS-USER/login-protects'), 401, 'IAM.0001');
    assertEnvelope(await send('GET', '/v3.0/OS-NOWHERE/things'), 404, 'APIGW.0101');
    assertEnvelope(await send('DELETE', '/v3.0/OS-USER/login-protects'), 405, 'APIGW.0101');
    assertEnvelope(await send('GET', '/v3.0/OS-USER/users/%zz/login-protect'), 400, 'IAM.0011');
    assertEnvelope(await rawExchange(server.port, 'PUT /v3.0/OS-MFA/mfa-devices/bind HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\nExpect: 100-continue\r\n\r\n'), 413, 'APIGW.0201');
  });
});
