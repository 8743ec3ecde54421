import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { ChangePasswordReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ChangePasswordReqBody.js';
import { ChangePasswordV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ChangePasswordV5Request.js';
import { CreateLoginProfileReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileReqBody.js';
import { CreateLoginProfileV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateLoginProfileV5Request.js';
import { ShowPasswordPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowPasswordPolicyV5Request.js';
import { UpdatePasswordPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdatePasswordPolicyReqBody.js';
import { UpdatePasswordPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdatePasswordPolicyV5Request.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, createUserWithKey, expectSdkError, rawRequest, rootKeys, v5Client } from './support.js';

const DEFAULTS = {
  maximum_consecutive_identical_chars: 0,
  maximum_password_length: 32,
  minimum_password_age: 0,
  minimum_password_length: 8,
  password_reuse_prevention: 0,
  password_not_username_or_invert: true,
  password_requirements: 'A password must contain at least two of the following: uppercase letters, lowercase letters, digits, and special characters.',
  password_validity_period: 0,
  password_char_combination: 2,
  allow_user_to_change_password: true,
};

/** what UpdatePasswordPolicyV5 takes: the defaults less the response-only fields */
const { maximum_password_length: _max, password_requirements: _text, ...DEFAULTS_WRITABLE } = DEFAULTS;

const policyUpdate = (client: IamClient, body: object) =>
  client.updatePasswordPolicyV5(new UpdatePasswordPolicyV5Request().withBody(body as UpdatePasswordPolicyReqBody));
const changePassword = (client: IamClient, oldPassword: string | undefined, newPassword: string | undefined) =>
  client.changePasswordV5(new ChangePasswordV5Request().withBody(new ChangePasswordReqBody(newPassword, oldPassword)));

describe('huawei-v5 password policy and caller password through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  const signIn = async (password: string) =>
    (await server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name: 'acme' }, password: new PlainPassword(password), sourceIp: null })).outcome;

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  afterEach(() => policyUpdate(client, DEFAULTS_WRITABLE));
  after(() => server.close());

  it('showPasswordPolicyV5 answers the defaults with every documented field', async () => {
    const shown = await call(client.showPasswordPolicyV5(new ShowPasswordPolicyV5Request()));
    assert.equal(shown.httpStatusCode, 200);
    assert.deepEqual(shown.password_policy, DEFAULTS);
  });

  it('updatePasswordPolicyV5 changes only the fields given and answers the whole policy', async () => {
    const body = new UpdatePasswordPolicyReqBody().withMinimumPasswordLength(12).withPasswordCharCombination(3).withAllowUserToChangePassword(false);
    const updated = await call(client.updatePasswordPolicyV5(new UpdatePasswordPolicyV5Request().withBody(body)));
    assert.equal(updated.httpStatusCode, 200);
    const expected = {
      ...DEFAULTS,
      minimum_password_length: 12,
      password_char_combination: 3,
      allow_user_to_change_password: false,
      password_requirements: DEFAULTS.password_requirements.replace('two', 'three'),
    };
    assert.deepEqual(updated.password_policy, expected);
    assert.deepEqual((await call(client.showPasswordPolicyV5(new ShowPasswordPolicyV5Request()))).password_policy, expected);
    const id = await createUser(client, 'strict');
    const e = await expectSdkError(
      client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(id).withBody(new CreateLoginProfileReqBody('password01', false))),
      400,
      'PAP5.0020',
    );
    assert.match(e.errorMsg, /at least 12 characters/);
    assert.match(e.errorMsg, /at least 3 of/);
  });

  it('updatePasswordPolicyV5 answers 400 naming the field for every value out of its documented range', async () => {
    const bad: Array<[object, RegExp]> = [
      [{ minimum_password_length: 7 }, /`minimum_password_length`.*from 8 to 32/],
      [{ minimum_password_length: 33 }, /`minimum_password_length`/],
      [{ password_char_combination: 1 }, /`password_char_combination`.*from 2 to 4/],
      [{ password_char_combination: 5 }, /`password_char_combination`/],
      [{ password_validity_period: 181 }, /`password_validity_period`.*from 0 to 180/],
      [{ minimum_password_age: 1441 }, /`minimum_password_age`/],
      [{ password_reuse_prevention: 25 }, /`password_reuse_prevention`/],
      [{ maximum_consecutive_identical_chars: 33 }, /`maximum_consecutive_identical_chars`/],
      [{ minimum_password_length: '10' }, /`minimum_password_length`.*integer/],
      [{ minimum_password_length: 9.5 }, /`minimum_password_length`.*integer/],
      [{ password_not_username_or_invert: 'false' }, /`password_not_username_or_invert`.*boolean/],
      [{ maximum_password_length: 64 }, /`maximum_password_length`.*not a known field/],
      [{ password_requirements: 'x' }, /`password_requirements`.*not a known field/],
    ];
    for (const [body, msg] of bad) await expectSdkError(policyUpdate(client, body), 400, 'IAM.0007', msg);
    assert.deepEqual((await call(client.showPasswordPolicyV5(new ShowPasswordPolicyV5Request()))).password_policy, DEFAULTS, 'nothing was written');
  });

  it('changePasswordV5 changes the caller\'s own password: 200, no body', async () => {
    const changed = await call(changePassword(client, 'AcmeRoot#2024', 'AcmeRoot#2025'));
    assert.deepEqual(changed, { httpStatusCode: 200 });
    assert.equal(await signIn('AcmeRoot#2024'), 'bad-credentials');
    assert.equal(await signIn('AcmeRoot#2025'), 'ok');
    await changePassword(client, 'AcmeRoot#2025', 'AcmeRoot#2024');
  });

  it('changePasswordV5 answers 400 naming the field: wrong old password, missing fields, policy', async () => {
    await expectSdkError(changePassword(client, 'not-my-password', 'AcmeRoot#2026'), 400, 'IAM.0007', /`old_password`.*incorrect/);
    await expectSdkError(changePassword(client, undefined, 'AcmeRoot#2026'), 400, 'IAM.0072', /'old_password'/);
    await expectSdkError(changePassword(client, 'AcmeRoot#2024', undefined), 400, 'IAM.0072', /'new_password'/);
    await expectSdkError(changePassword(client, 'AcmeRoot#2024', 'short'), 400, 'PAP5.0020', /at least 8/);
    await expectSdkError(client.changePasswordV5(new ChangePasswordV5Request().withBody({ old_password: 'AcmeRoot#2024', new_password: 7 } as unknown as ChangePasswordReqBody)), 400, 'IAM.0007', /`new_password`.*string/);
    assert.equal(await signIn('AcmeRoot#2024'), 'ok', 'still the old password');
  });

  it('changePasswordV5 applies reuse prevention and the minimum password age', async () => {
    await policyUpdate(client, { password_reuse_prevention: 2 });
    await changePassword(client, 'AcmeRoot#2024', 'AcmeRoot#2030');
    await expectSdkError(changePassword(client, 'AcmeRoot#2030', 'AcmeRoot#2024'), 400, 'PAP5.0020', /last 2 passwords/);
    await policyUpdate(client, { password_reuse_prevention: 0, minimum_password_age: 60 });
    await expectSdkError(changePassword(client, 'AcmeRoot#2030', 'AcmeRoot#2024'), 400, 'IAM.0007', /60 minutes/);
    // an hour later on the server's clock; the request is signed for that time, as a client then would
    const later = Date.now() + 61 * 60_000;
    server.polyiam.testClock!.advance(61 * 60_000);
    try {
      const res = await rawRequest(server, {
        method: 'POST',
        path: '/v5/caller-password',
        body: JSON.stringify({ old_password: 'AcmeRoot#2030', new_password: 'AcmeRoot#2024' }),
        keys: rootKeys(server),
        date: sdkDate(later),
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.text, '');
    } finally {
      server.polyiam.testClock!.reset();
    }
    assert.equal(await signIn('AcmeRoot#2024'), 'ok');
  });

  it('an IAM user is denied the policy calls (403) but may change its own password (self-service)', async () => {
    const { userId, keys } = await createUserWithKey(client, 'plain-user');
    const user = v5Client(server, keys);
    await expectSdkError(user.showPasswordPolicyV5(new ShowPasswordPolicyV5Request()), 403, 'PAP5.0001', /getPasswordPolicyV5/);
    await expectSdkError(policyUpdate(user, { minimum_password_length: 20 }), 403, 'PAP5.0001');
    await expectSdkError(changePassword(user, 'Password0', 'Password1'), 404, 'IAM.0004', /login-profile/);
    await client.createLoginProfileV5(new CreateLoginProfileV5Request().withUserId(userId).withBody(new CreateLoginProfileReqBody('Password0', true)));
    assert.deepEqual(await call(changePassword(user, 'Password0', 'Password1')), { httpStatusCode: 200 });
  });
});

/** X-Sdk-Date for a given instant: `YYYYMMDDTHHmmssZ` */
function sdkDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
