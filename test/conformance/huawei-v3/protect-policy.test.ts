/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AllowUserBody,
  IamClient,
  ProtectPolicyOption,
  ShowDomainProtectPolicyRequest,
  UpdateDomainProtectPolicyRequest,
  UpdateDomainProtectPolicyRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { PreconditionFailedError } from '../../../src/core/errors.js';
import { systemContext, type CallContext } from '../../../src/core/principal.js';
import { rootV3Client, sdkFailure } from './sdk.js';
import { startTestServer, type TestServer } from '../../support/server.js';

type Shown = { protect_policy: Record<string, unknown>; httpStatusCode: number };
describe('huawei-v3.0 OS-SECURITYPOLICY protect-policy through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;
  let root: CallContext;
  const update = (option: ProtectPolicyOption, domain = domainId) => client.updateDomainProtectPolicy(new UpdateDomainProtectPolicyRequest(domain).withBody(new UpdateDomainProtectPolicyRequestBody(option)));
  const show = async () => ((await client.showDomainProtectPolicy(new ShowDomainProtectPolicyRequest(domainId))) as unknown as Shown).protect_policy;

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    client = rootV3Client(server);
    root = systemContext(domainId, server.root.root.user_id, server.root.root.user_name);
  });
  after(() => server.close());

  it('showDomainProtectPolicy answers the defaults: protection off, users manage everything, the operator verifies', async () => {
    assert.deepEqual(await show(), {
      allow_user: { manage_accesskey: true, manage_email: true, manage_mobile: true, manage_password: true },
      operation_protection: false,
      mobile: '',
      admin_check: 'off',
      email: '',
      scene: '',
    });
  });

  it('updateDomainProtectPolicy keeps what it is given, answers without mobile and email, and the show reads it back', async () => {
    const option = new ProtectPolicyOption(true).withAdminCheck('on').withScene('email').withEmail('ops@example.com').withAllowUser(new AllowUserBody().withManageAccesskey(false));
    const updated = (await update(option)) as unknown as Shown;
    assert.equal(updated.httpStatusCode, 200);
    assert.deepEqual(updated.protect_policy, {
      allow_user: { manage_accesskey: false, manage_email: true, manage_mobile: true, manage_password: true },
      operation_protection: true,
      admin_check: 'on',
      scene: 'email',
    });
    const shown = await show();
    assert.equal(shown.email, 'ops@example.com');
    assert.equal(shown.operation_protection, true);
    assert.deepEqual(shown.allow_user, { manage_accesskey: false, manage_email: true, manage_mobile: true, manage_password: true });
  });

  it('the policy is enforced by the core: a sensitive operation asks the designated person, then the operator itself', async () => {
    const designated = await server.polyiam.services.operationProtection.check(root, 'sdk-holder');
    assert.equal(designated?.method, 'email');
    assert.equal(designated?.maskedDestination, 'o***@example.com');

    // admin_check off: the operator verifies with its own factor; the root has none here
    await update(new ProtectPolicyOption(true).withAdminCheck('off'));
    await assert.rejects(server.polyiam.services.operationProtection.check(root, 'sdk-holder'), PreconditionFailedError);
    await server.polyiam.services.users.update(root, { id: root.principal.userId }, { phone: '+8613800000000' });
    const own = await server.polyiam.services.operationProtection.check(root, 'sdk-holder');
    assert.equal(own?.method, 'sms');
    assert.equal(own?.maskedDestination, '+86****0000');

    await update(new ProtectPolicyOption(false));
    assert.equal(await server.polyiam.services.operationProtection.check(root, 'sdk-holder'), undefined);
  });

  it('refuses a designated check without its scene or destination, unknown values, a missing switch and another domain', async () => {
    const refusals = [
      new ProtectPolicyOption(true).withAdminCheck('on').withScene('mobile'),
      new ProtectPolicyOption(true).withAdminCheck('maybe'),
      new ProtectPolicyOption(true).withScene('fax'),
      new ProtectPolicyOption(true).withEmail('not-an-address'),
      new ProtectPolicyOption(),
    ];
    const codes: string[] = [];
    for (const option of refusals) {
      const refused = await sdkFailure(update(option));
      assert.equal(refused.status, 400, JSON.stringify(option));
      codes.push(refused.code);
    }
    // the dialect's invalid-field code, and Huawei's "is a required property" for the missing switch
    assert.deepEqual(codes, ['IAM.0007', 'IAM.0007', 'IAM.0007', 'IAM.0007', 'IAM.0072']);
    // an admin_check of on that was refused changed nothing
    assert.equal((await show()).admin_check, 'off');
    assert.equal((await sdkFailure(update(new ProtectPolicyOption(true), 'a'.repeat(32)))).status, 403);
    assert.equal((await sdkFailure(client.showDomainProtectPolicy(new ShowDomainProtectPolicyRequest('a'.repeat(32))))).status, 403);
  });
});
