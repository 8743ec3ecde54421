/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  AllowUserBody,
  IamClient as V3Client,
  KeystoneUpdatePasswordOption,
  KeystoneUpdateUserPasswordRequest,
  KeystoneUpdateUserPasswordRequestBody,
  ProtectPolicyOption,
  UpdateDomainProtectPolicyRequest,
  UpdateDomainProtectPolicyRequestBody,
  UpdateUserInformationOption,
  UpdateUserInformationRequest,
  UpdateUserInformationRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import type { IamClient as V5Client } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ChangePasswordReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ChangePasswordReqBody.js';
import { ChangePasswordV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ChangePasswordV5Request.js';
import { CreateAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAccessKeyV5Request.js';
import { DeleteAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteAccessKeyV5Request.js';
import { UpdateAccessKeyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateAccessKeyReqBody.js';
import { UpdateAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateAccessKeyV5Request.js';
import { SystemPolicyIds } from '../../../src/core/policies/system-policies.js';
import { systemContext, type CallContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, expectSdkError, rootKeys, sdkError, v5Client, type Keys } from '../huawei-v5/support.js';

const PASSWORD = 'Selfie#Pass2024';

function v3Client(server: TestServer, keys: Keys): V3Client {
  return V3Client.newBuilder().withCredential(new GlobalCredentials().withAk(keys.ak).withSk(keys.sk).withDomainId(server.root.account.id)).withEndpoint(server.url).build();
}

/**
 * Huawei protect_policy `allow_user` (iam_17_0001 AllowUserBody) switched off, through the official
 * SDK's v3 and v5 clients: an IAM user with every permission (AdministratorAccess) is refused 403 on its
 * own password, keys, email and mobile, in each envelope (Keystone 403 on /v3, `IAM.0003` on /v3.0,
 * v5's denial `PAP5.0001`), and still manages another user's; the root is never refused.
 */
describe('huawei protect policy allow_user, enforced in the core for every Huawei front door', () => {
  let server: TestServer;
  let root: CallContext;
  let rootV3: V3Client;
  let selfie: { id: string; keys: Keys; v3: V3Client; v5: V5Client; keyId: string };
  let other: { id: string; keyId: string };
  const allow = (body: AllowUserBody) => rootV3.updateDomainProtectPolicy(new UpdateDomainProtectPolicyRequest(server.root.account.id).withBody(new UpdateDomainProtectPolicyRequestBody(new ProtectPolicyOption(false).withAllowUser(body))));
  const none = () => new AllowUserBody().withManageAccesskey(false).withManageEmail(false).withManageMobile(false).withManagePassword(false);

  before(async () => {
    server = await startTestServer();
    const { services } = server.polyiam;
    root = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    rootV3 = v3Client(server, rootKeys(server));
    const user = await services.users.create(root, { name: 'selfie' });
    await services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false });
    await services.policyAttachments.attachToUser(root, { id: user.id }, { id: SystemPolicyIds.administratorAccess });
    const key = await services.accessKeys.create(root, { id: user.id });
    const keys = { ak: key.key.id, sk: key.secret.reveal() };
    const spare = await services.accessKeys.create(root, { id: user.id });
    selfie = { id: user.id, keys, v3: v3Client(server, keys), v5: v5Client(server, keys), keyId: spare.key.id };
    const otherUser = await services.users.create(root, { name: 'other' });
    other = { id: otherUser.id, keyId: (await services.accessKeys.create(root, { id: otherUser.id })).key.id };
    await allow(none());
  });
  after(() => server.close());

  it('refuses the IAM user its own password: Keystone POST /v3/users/{id}/password and v5 ChangePasswordV5', async () => {
    const keystone = new KeystoneUpdateUserPasswordRequest(selfie.id).withBody(new KeystoneUpdateUserPasswordRequestBody(new KeystoneUpdatePasswordOption('Another#Pass2024', PASSWORD)));
    const refused = await sdkError(selfie.v3.keystoneUpdateUserPassword(keystone));
    assert.equal(refused.httpStatusCode, 403);
    assert.match(refused.errorMsg, /does not allow IAM users to manage their own password \(protect policy `allow_user.manage_password` is false\)/);
    await expectSdkError(selfie.v5.changePasswordV5(new ChangePasswordV5Request().withBody(new ChangePasswordReqBody('Another#Pass2024', PASSWORD))), 403, 'PAP5.0001', /manage_password/);
    const signIn = await server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name: 'selfie' }, password: new PlainPassword(PASSWORD), sourceIp: null });
    assert.equal(signIn.outcome, 'ok', 'the password did not change');
  });

  it('refuses the IAM user its own access keys through v5 (create, update, delete) and still lets it manage another user\'s', async () => {
    await expectSdkError(selfie.v5.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(selfie.id)), 403, 'PAP5.0001', /manage_accesskey/);
    await expectSdkError(selfie.v5.updateAccessKeyV5(new UpdateAccessKeyV5Request().withUserId(selfie.id).withAccessKeyId(selfie.keyId).withBody(new UpdateAccessKeyReqBody().withStatus('inactive'))), 403, 'PAP5.0001');
    await expectSdkError(selfie.v5.deleteAccessKeyV5(new DeleteAccessKeyV5Request().withUserId(selfie.id).withAccessKeyId(selfie.keyId)), 403, 'PAP5.0001');
    const { keys } = await server.polyiam.services.accessKeys.list(root, { id: selfie.id });
    assert.equal(keys.find((k) => k.id === selfie.keyId)?.status, 'active', 'nothing changed');
    // an administrator acting on another user is not governed by allow_user
    const made = await call(selfie.v5.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(other.id)));
    assert.equal(made.httpStatusCode, 201);
    await call(selfie.v5.deleteAccessKeyV5(new DeleteAccessKeyV5Request().withUserId(other.id).withAccessKeyId(made.access_key!.access_key_id)));
  });

  it('refuses the IAM user its own email and mobile through v3.0 UpdateUserInformation, in Huawei\'s envelope (IAM.0003)', async () => {
    const info = (userId: string, option: UpdateUserInformationOption, client = selfie.v3) => client.updateUserInformation(new UpdateUserInformationRequest(userId).withBody(new UpdateUserInformationRequestBody(option)));
    await expectSdkError(info(selfie.id, new UpdateUserInformationOption().withEmail('me@example.com')), 403, 'IAM.0003', /manage_email/);
    await expectSdkError(info(selfie.id, new UpdateUserInformationOption().withMobile('0086-123456789')), 403, 'IAM.0003', /manage_mobile/);
    // the email allowed, the mobile not: a call with both is refused whole
    await allow(new AllowUserBody().withManageEmail(true));
    await expectSdkError(info(selfie.id, new UpdateUserInformationOption().withEmail('me@example.com').withMobile('0086-123456789')), 403, 'IAM.0003', /manage_mobile/);
    assert.equal((await server.polyiam.services.users.get(root, { id: selfie.id })).email, '', 'nothing half-written');
    const done = await call(info(selfie.id, new UpdateUserInformationOption().withEmail('me@example.com')));
    assert.equal(done.httpStatusCode, 204);
    assert.equal((await server.polyiam.services.users.get(root, { id: selfie.id })).email, 'me@example.com');
    // the API is the caller's own: another user's id is refused whatever the caller may do
    await expectSdkError(info(other.id, new UpdateUserInformationOption().withEmail('x@example.com')), 403, 'IAM.0003');
    // the same format rules as Huawei's: a mobile is a country code, a hyphen and its digits
    await allow(new AllowUserBody().withManageMobile(true));
    await expectSdkError(info(selfie.id, new UpdateUserInformationOption().withMobile('not a number')), 400, '1104', /mobile/);
    await call(info(selfie.id, new UpdateUserInformationOption().withMobile('0086-123456789')));
    assert.equal((await server.polyiam.services.users.get(root, { id: selfie.id })).phone, '0086-123456789');
    await allow(none());
  });

  it('never refuses the root, and allows everything again once the switches are back on', async () => {
    const rootV5 = v5Client(server, rootKeys(server));
    const made = await call(rootV5.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(server.root.root.user_id)));
    await call(rootV5.deleteAccessKeyV5(new DeleteAccessKeyV5Request().withUserId(server.root.root.user_id).withAccessKeyId(made.access_key!.access_key_id)));
    await call(rootV3.updateUserInformation(new UpdateUserInformationRequest(server.root.root.user_id).withBody(new UpdateUserInformationRequestBody(new UpdateUserInformationOption().withEmail('root@example.com')))));
    await allow(new AllowUserBody().withManageAccesskey(true).withManagePassword(true));
    await call(selfie.v5.deleteAccessKeyV5(new DeleteAccessKeyV5Request().withUserId(selfie.id).withAccessKeyId(selfie.keyId)));
    await call(selfie.v5.changePasswordV5(new ChangePasswordV5Request().withBody(new ChangePasswordReqBody('Another#Pass2024', PASSWORD))));
  });

  it('still lets the user make the change an administrator required (reset required), and only that one', async () => {
    await allow(none());
    await server.polyiam.services.loginProfiles.update(root, { id: selfie.id }, { passwordResetRequired: true });
    const change = (from: string, to: string) => selfie.v3.keystoneUpdateUserPassword(new KeystoneUpdateUserPasswordRequest(selfie.id).withBody(new KeystoneUpdateUserPasswordRequestBody(new KeystoneUpdatePasswordOption(to, from))));
    const done = await call(change('Another#Pass2024', 'Forced#Pass2024'));
    assert.equal(done.httpStatusCode, 204);
    const again = await sdkError(change('Forced#Pass2024', 'Fourth#Pass2024'));
    assert.equal(again.httpStatusCode, 403);
  });
});
