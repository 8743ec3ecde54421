import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { DeleteLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteLoginProfileV5Request.js';
import { ShowLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowLoginProfileV5Request.js';
import { UpdateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateLoginProfileReqBody.js';
import { UpdateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateLoginProfileV5Request.js';
import { UpdatePasswordPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdatePasswordPolicyReqBody.js';
import { UpdatePasswordPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdatePasswordPolicyV5Request.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, expectSdkError, ISO_MS, rootKeys, v5Client } from './support.js';

const create = (client: IamClient, id: string, body: CreateLoginProfileReqBody) =>
  client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(id).withBody(body));
const show = (client: IamClient, id: string) => client.showLoginProfileV5(new ShowLoginProfileV5Request().withUserId(id));
const update = (client: IamClient, id: string, body: UpdateLoginProfileReqBody) =>
  client.updateLoginProfileV5(new UpdateLoginProfileV5Request().withUserId(id).withBody(body));
const remove = (client: IamClient, id: string) => client.deleteLoginProfileV5(new DeleteLoginProfileV5Request().withUserId(id));
const loose = <T>(value: unknown) => value as T;

describe('huawei-v5 login profiles through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it('createLoginProfileV5 answers 201 with exactly the seed fields', async () => {
    const id = await createUser(client, 'alice');
    const created = await call(create(client, id, new CreateLoginProfileReqBody('Password0', true)));
    assert.equal(created.httpStatusCode, 201);
    const profile = created.login_profile!;
    assert.deepEqual(Object.keys(profile).sort(), ['created_at', 'password_expires_at', 'password_reset_required', 'user_id']);
    assert.equal(profile.user_id, id);
    assert.equal(profile.password_reset_required, true);
    assert.match(profile.created_at, ISO_MS);
    assert.equal(profile.password_expires_at, null, 'the default policy sets no validity period');
    assert.ok(!JSON.stringify(created).includes('Password0'), 'the password never comes back');
  });

  it('password_expires_at follows the policy validity period, computed when read', async () => {
    const id = await createUser(client, 'expiring');
    const created = await call(create(client, id, new CreateLoginProfileReqBody('Password0', false)));
    assert.equal(created.login_profile!.password_expires_at, null);
    await client.updatePasswordPolicyV5(new UpdatePasswordPolicyV5Request().withBody(new UpdatePasswordPolicyReqBody().withPasswordValidityPeriod(90)));
    try {
      const shown = (await call(show(client, id))).login_profile!;
      assert.match(shown.password_expires_at!, ISO_MS);
      assert.equal(Date.parse(shown.password_expires_at!) - Date.parse(shown.created_at), 90 * 86_400_000);
    } finally {
      await client.updatePasswordPolicyV5(new UpdatePasswordPolicyV5Request().withBody(new UpdatePasswordPolicyReqBody().withPasswordValidityPeriod(0)));
    }
  });

  it('a second createLoginProfileV5 is a 409; an unknown user is a 404', async () => {
    const id = await createUser(client, 'bob');
    await create(client, id, new CreateLoginProfileReqBody('Password0', false));
    await expectSdkError(create(client, id, new CreateLoginProfileReqBody('Password1', false)), 409, 'PAP5.0009', /already exists/);
    await expectSdkError(create(client, 'b'.repeat(32), new CreateLoginProfileReqBody('Password0', false)), 404, 'IAM.0004', /could not find user/);
  });

  it('a password that breaks the policy is a 400 naming every rule it broke', async () => {
    const id = await createUser(client, 'carol');
    const e = await expectSdkError(create(client, id, new CreateLoginProfileReqBody('abc', false)), 400, 'PAP5.0020');
    assert.match(e.errorMsg, /at least 8 characters/);
    assert.match(e.errorMsg, /at least 2 of uppercase/);
    assert.ok(!e.errorMsg.includes('abc'), 'the password is not echoed');
    await expectSdkError(create(client, id, new CreateLoginProfileReqBody('carol', false)), 400, 'PAP5.0020', /user name/);
    await expectSdkError(show(client, id), 404, 'IAM.0004', /login-profile/);
  });

  it('createLoginProfileV5 answers 400 naming the field for missing, mistyped and unknown fields', async () => {
    const id = await createUser(client, 'dave');
    await expectSdkError(create(client, id, new CreateLoginProfileReqBody(undefined, true)), 400, 'IAM.0072', /'password' is a required property/);
    await expectSdkError(create(client, id, new CreateLoginProfileReqBody('Password0')), 400, 'IAM.0072', /'password_reset_required'/);
    await expectSdkError(create(client, id, new CreateLoginProfileReqBody('Password0', loose('true'))), 400, 'IAM.0007', /`password_reset_required`.*boolean/);
    await expectSdkError(create(client, id, new CreateLoginProfileReqBody(loose(12345678), true)), 400, 'IAM.0007', /`password`.*string/);
    await expectSdkError(create(client, id, loose({ password: 'Password0', password_reset_required: true, mfa: 1 })), 400, 'IAM.0007', /`mfa`.*not a known field/);
    await expectSdkError(create(client, 'dave', new CreateLoginProfileReqBody('Password0', true)), 400, 'IAM.0007', /`user_id`/);
    await expectSdkError(show(client, id), 404, 'IAM.0004');
  });

  it('showLoginProfileV5 reads it back; 404 without a profile', async () => {
    const id = await createUser(client, 'erin');
    await expectSdkError(show(client, id), 404, 'IAM.0004');
    const created = (await call(create(client, id, new CreateLoginProfileReqBody('Password0', true)))).login_profile!;
    const shown = await call(show(client, id));
    assert.equal(shown.httpStatusCode, 200);
    assert.deepEqual(shown.login_profile, created);
  });

  it('updateLoginProfileV5 changes the password and the reset flag', async () => {
    const id = await createUser(client, 'frank');
    const created = (await call(create(client, id, new CreateLoginProfileReqBody('Password0', true)))).login_profile!;
    const updated = await call(update(client, id, new UpdateLoginProfileReqBody().withPassword('Password2').withPasswordResetRequired(false)));
    assert.equal(updated.httpStatusCode, 200);
    assert.equal(updated.login_profile!.password_reset_required, false);
    assert.equal(updated.login_profile!.created_at, created.created_at);
    const flagOnly = await call(update(client, id, new UpdateLoginProfileReqBody().withPasswordResetRequired(true)));
    assert.equal(flagOnly.login_profile!.password_reset_required, true);
    const signIn = await server.polyiam.services.credentials.signIn({
      accountId: server.root.account.id,
      user: { id },
      password: new PlainPassword('Password2'),
      sourceIp: null,
    });
    assert.equal(signIn.outcome, 'reset-required', 'the new password is the one that works');
  });

  it('updateLoginProfileV5 answers 400 for bad fields and 404 without a profile', async () => {
    const id = await createUser(client, 'gina');
    await expectSdkError(update(client, id, new UpdateLoginProfileReqBody().withPassword('Password0')), 404, 'IAM.0004');
    await create(client, id, new CreateLoginProfileReqBody('Password0', true));
    await expectSdkError(update(client, id, new UpdateLoginProfileReqBody().withPasswordResetRequired(loose(1))), 400, 'IAM.0007', /`password_reset_required`/);
    await expectSdkError(update(client, id, new UpdateLoginProfileReqBody().withPassword('short')), 400, 'PAP5.0020', /at least 8/);
    await expectSdkError(update(client, id, new UpdateLoginProfileReqBody().withPassword('p'.repeat(129))), 400, 'IAM.0007', /`password`.*at most 128/);
  });

  it('deleteLoginProfileV5 answers 204, then 404; the root login profile stays', async () => {
    const id = await createUser(client, 'hank');
    await create(client, id, new CreateLoginProfileReqBody('Password0', true));
    const deleted = await call(remove(client, id));
    assert.equal(deleted.httpStatusCode, 204);
    await expectSdkError(show(client, id), 404, 'IAM.0004');
    await expectSdkError(remove(client, id), 404, 'IAM.0004');
    await expectSdkError(remove(client, server.root.root.user_id), 400, 'IAM.0007', /`user_id`/);
  });
});
