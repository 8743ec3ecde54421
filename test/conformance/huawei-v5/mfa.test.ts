/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { CreateVirtualMfaDeviceReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateVirtualMfaDeviceReqBody.js';
import { CreateVirtualMfaDeviceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateVirtualMfaDeviceV5Request.js';
import { DeleteVirtualMfaDeviceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteVirtualMfaDeviceV5Request.js';
import { DisableMfaDeviceReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DisableMfaDeviceReqBody.js';
import { DisableMfaDeviceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DisableMfaDeviceV5Request.js';
import { EnableMfaDeviceReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/EnableMfaDeviceReqBody.js';
import { EnableMfaDeviceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/EnableMfaDeviceV5Request.js';
import { ListMfaDevicesV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListMfaDevicesV5Request.js';
import { ShowLoginPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginPolicyV5Request.js';
import { AllowAddressNetmask } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AllowAddressNetmask.js';
import { AllowIpRange } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AllowIpRange.js';
import { UpdateLoginPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateLoginPolicyReqBody.js';
import { UpdateLoginPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateLoginPolicyV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { consecutiveCodes } from '../../support/totp.js';
import { call as sdkCall, createUser, expectSdkError, rootKeys, v5Client } from './support.js';

/** the answer's fields as this suite reads them */
const call = async (promise: Promise<unknown>) => (await sdkCall(promise)) as unknown as Record<string, unknown>;

describe('huawei-v5 MFA devices and the login policy through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let userId: string;
  let serial: string;
  let seed: string;

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
    userId = await createUser(client, 'v5mfa');
  });
  after(() => server.close());

  it('createVirtualMfaDeviceV5 answers the serial and the seed once; enableMfaDeviceV5 with two codes; a wrong code is IAM.0007', async () => {
    const created = await call(client.createVirtualMfaDeviceV5(new CreateVirtualMfaDeviceV5Request().withBody(new CreateVirtualMfaDeviceReqBody('v5-phone', userId))));
    const device = created.virtual_mfa_device as { serial_number: string; base32_string_seed: string };
    serial = device.serial_number;
    seed = device.base32_string_seed;
    assert.equal(serial, `iam:${server.root.account.id}:mfa/v5-phone`);
    await expectSdkError(client.createVirtualMfaDeviceV5(new CreateVirtualMfaDeviceV5Request().withBody(new CreateVirtualMfaDeviceReqBody('bad name', userId))), 400, 'IAM.0007');
    const [first, second] = consecutiveCodes(seed, server.polyiam.testClock!.now());
    await expectSdkError(client.enableMfaDeviceV5(new EnableMfaDeviceV5Request().withBody(new EnableMfaDeviceReqBody(userId, serial, second, first))), 400, 'IAM.0007');
    await client.enableMfaDeviceV5(new EnableMfaDeviceV5Request().withBody(new EnableMfaDeviceReqBody(userId, serial, first, second)));
    const listed = await call(client.listMfaDevicesV5(new ListMfaDevicesV5Request().withUserId(userId)));
    assert.deepEqual(listed.mfa_devices, [{ serial_number: serial, user_id: userId, enabled: true }]);
  });

  it('disableMfaDeviceV5 then deleteVirtualMfaDeviceV5; an unknown serial is 404', async () => {
    await expectSdkError(client.deleteVirtualMfaDeviceV5(new DeleteVirtualMfaDeviceV5Request(userId, serial)), 409, 'PAP5.0009');
    await client.disableMfaDeviceV5(new DisableMfaDeviceV5Request().withBody(new DisableMfaDeviceReqBody(userId, serial)));
    const listed = await call(client.listMfaDevicesV5(new ListMfaDevicesV5Request().withUserId(userId)));
    assert.deepEqual(listed.mfa_devices, [{ serial_number: serial, user_id: userId, enabled: false }]);
    await client.deleteVirtualMfaDeviceV5(new DeleteVirtualMfaDeviceV5Request(userId, serial));
    await expectSdkError(client.deleteVirtualMfaDeviceV5(new DeleteVirtualMfaDeviceV5Request(userId, serial)), 404, 'IAM.0004');
  });

  it('showLoginPolicyV5 and updateLoginPolicyV5 (flat body, user_validity_period); the lockout the sign-in uses follows', async () => {
    const shown = await call(client.showLoginPolicyV5(new ShowLoginPolicyV5Request()));
    assert.equal((shown.login_policy as { lockout_duration: number }).lockout_duration, 15);
    const body = new UpdateLoginPolicyReqBody().withLoginFailedTimes(4).withLockoutDuration(30).withUserValidityPeriod(90).withSessionTimeout(60).withPeriodWithLoginFailures(20).withShowRecentLoginInfo(false).withCustomInfoForLogin('hello');
    const updated = await call(client.updateLoginPolicyV5(new UpdateLoginPolicyV5Request().withBody(body)));
    const everywhere = { allow_address_netmasks: [], allow_ip_ranges: [{ ip_range: '0.0.0.0-255.255.255.255', description: '' }] };
    assert.deepEqual(updated.login_policy, { user_validity_period: 90, custom_info_for_login: 'hello', lockout_duration: 30, login_failed_times: 4, period_with_login_failures: 20, session_timeout: 60, show_recent_login_info: false, ...everywhere });
    await expectSdkError(client.updateLoginPolicyV5(new UpdateLoginPolicyV5Request().withBody(new UpdateLoginPolicyReqBody().withCustomInfoForLogin('a<b'))), 400, 'IAM.0007');
    const policy = await server.polyiam.services.loginPolicy.current(server.root.account.id);
    assert.equal(policy.lockoutThreshold, 4);
    assert.equal(policy.accountValidityDays, 90);
  });

  it('updateLoginPolicyV5 allow_address_netmasks / allow_ip_ranges set the console IP allow list (v3.0 console-acl-policy); a field left out keeps its entries', async () => {
    const netmasks = new UpdateLoginPolicyReqBody().withAllowAddressNetmasks([new AllowAddressNetmask('127.0.0.0/8').withDescription('local')]);
    const updated = await call(client.updateLoginPolicyV5(new UpdateLoginPolicyV5Request().withBody(netmasks)));
    const allow = (p: unknown) => { const { allow_address_netmasks, allow_ip_ranges } = p as Record<string, unknown>; return { allow_address_netmasks, allow_ip_ranges }; };
    assert.deepEqual(allow(updated.login_policy), { allow_address_netmasks: [{ address_netmask: '127.0.0.0/8', description: 'local' }], allow_ip_ranges: [{ ip_range: '0.0.0.0-255.255.255.255', description: '' }] });
    const ranges = new UpdateLoginPolicyReqBody().withAllowIpRanges([new AllowIpRange('10.0.0.1-10.0.0.9')]);
    const shown = await call(client.updateLoginPolicyV5(new UpdateLoginPolicyV5Request().withBody(ranges)));
    assert.deepEqual(allow(shown.login_policy), { allow_address_netmasks: [{ address_netmask: '127.0.0.0/8', description: 'local' }], allow_ip_ranges: [{ ip_range: '10.0.0.1-10.0.0.9', description: '' }] });
    assert.deepEqual(allow((await call(client.showLoginPolicyV5(new ShowLoginPolicyV5Request()))).login_policy), allow(shown.login_policy));
    // the same list the console's sign-in asks
    const list = await server.polyiam.services.accessControl.current(server.root.account.id, 'console');
    assert.deepEqual(list.netmasks, [{ netmask: '127.0.0.0/8', description: 'local' }]);
    // a bad entry changes nothing, not even the other fields of the body
    const bad = new UpdateLoginPolicyReqBody().withSessionTimeout(90).withAllowIpRanges([new AllowIpRange('10.0.0.9-10.0.0.1')]);
    await expectSdkError(client.updateLoginPolicyV5(new UpdateLoginPolicyV5Request().withBody(bad)), 400, 'IAM.0007');
    assert.equal((await server.polyiam.services.loginPolicy.current(server.root.account.id)).sessionTimeoutMinutes, 60);
  });
});
