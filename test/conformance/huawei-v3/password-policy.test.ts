/** @see #16 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  IamClient,
  KeystoneCreateUserOption,
  KeystoneCreateUserRequest,
  KeystoneCreateUserRequestBody,
  PasswordPolicyOption,
  ShowDomainPasswordPolicyRequest,
  UpdateDomainPasswordPolicyRequest,
  UpdateDomainPasswordPolicyRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { systemContext } from '../../../src/core/principal.js';
import { huaweiRequest, sendWire } from '../../fuzz/wire.js';
import { rootV3Client, sdkFailure } from './sdk.js';
import { startTestServer, type TestServer } from '../../support/server.js';

type Shown = { password_policy: Record<string, unknown>; httpStatusCode: number };
describe('huawei-v3.0 OS-SECURITYPOLICY password-policy through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;
  const update = (option: PasswordPolicyOption, domain = domainId) => client.updateDomainPasswordPolicy(new UpdateDomainPasswordPolicyRequest(domain).withBody(new UpdateDomainPasswordPolicyRequestBody(option)));
  const show = async (domain = domainId) => ((await client.showDomainPasswordPolicy(new ShowDomainPasswordPolicyRequest(domain))) as unknown as Shown).password_policy;

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    client = rootV3Client(server);
  });
  after(() => server.close());

  it('showDomainPasswordPolicy answers every PasswordPolicyResult field', async () => {
    const shown = await show();
    assert.deepEqual(Object.keys(shown).sort(), [
      'maximum_consecutive_identical_chars', 'maximum_password_length', 'minimum_password_age', 'minimum_password_length', 'number_of_recent_passwords_disallowed',
      'password_char_combination', 'password_not_username_or_invert', 'password_requirements', 'password_validity_period',
    ]);
    assert.equal(typeof shown.minimum_password_length, 'number');
    assert.equal(typeof shown.password_not_username_or_invert, 'boolean');
  });

  it('updateDomainPasswordPolicy keeps what it is given, and the next password is checked against it', async () => {
    const option = new PasswordPolicyOption().withMinimumPasswordLength(14).withNumberOfRecentPasswordsDisallowed(5).withPasswordCharCombination(3).withPasswordValidityPeriod(90).withMaximumConsecutiveIdenticalChars(2);
    const updated = ((await update(option)) as unknown as Shown).password_policy;
    assert.equal(updated.minimum_password_length, 14);
    assert.equal(updated.number_of_recent_passwords_disallowed, 5);
    assert.equal(updated.password_char_combination, 3);
    assert.match(String(updated.password_requirements), /at least three of/);
    assert.deepEqual(await show(), updated);
    // the same policy the core enforces for every dialect
    const core = await server.polyiam.services.passwordPolicy.get(systemContext(domainId, server.root.root.user_id, server.root.root.user_name));
    assert.equal(core.minimumLength, 14);
    assert.equal(core.maxAgeDays, 90);
    const short = new KeystoneCreateUserOption().withName('pp-short').withDomainId(domainId).withPassword('Short-pass1');
    assert.equal((await sdkFailure(client.keystoneCreateUser(new KeystoneCreateUserRequest().withBody(new KeystoneCreateUserRequestBody(short))))).status, 400);
  });

  it('values out of the documented ranges, unknown fields and another domain are refused in Huawei\'s envelope, nothing changed', async () => {
    const before = await show();
    for (const option of [new PasswordPolicyOption().withMinimumPasswordLength(7), new PasswordPolicyOption().withPasswordCharCombination(5), new PasswordPolicyOption().withNumberOfRecentPasswordsDisallowed(25)]) {
      assert.deepEqual(await sdkFailure(update(option)), { status: 400, code: 'IAM.0007' });
    }
    // a field PasswordPolicyOption does not have (no SDK sends it)
    const keys = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
    const body = Buffer.from(JSON.stringify({ password_policy: { minimum_password_length: 12, hard_expiry: true } }));
    const res = await sendWire(server.url, huaweiRequest(server.url, { method: 'PUT', path: `/v3.0/OS-SECURITYPOLICY/domains/${domainId}/password-policy`, body, keys }));
    assert.equal(res.status, 400);
    assert.equal((JSON.parse(res.text) as { error_code: string }).error_code, 'IAM.0007');
    assert.equal((await sdkFailure(show('0'.repeat(32)))).status, 403);
    assert.deepEqual(await show(), before);
  });
});
