/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SystemPolicyIds } from '../../../src/core/policies/system-policies.js';
import { systemContext, type CallContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

const PASSWORD = 'Selfie#Pass2024';

/**
 * The account's protect policy `allow_user` (core, Huawei's setting) through the Volcengine SDK: an IAM
 * user with AdministratorAccess gets `AccessDenied` (100013) on its own email, mobile, password and keys,
 * and still updates another user.
 */
describe('volcengine: the protect policy allow_user refuses an IAM user its own contact, password and keys', () => {
  let server: TestServer;
  let root: CallContext;
  let selfie: ReturnType<typeof volcClient>;

  before(async () => {
    server = await startTestServer();
    const { services } = server.polyiam;
    root = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const user = await services.users.create(root, { name: 'selfie' });
    await services.users.create(root, { name: 'other' });
    await services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false });
    await services.policyAttachments.attachToUser(root, { id: user.id }, { id: SystemPolicyIds.administratorAccess });
    const key = await services.accessKeys.create(root, { id: user.id });
    selfie = volcClient(server, { ak: key.key.id, sk: key.secret.reveal() });
    await services.protectPolicy.update(root, { allowUser: { manageAccessKey: false, manageEmail: false, manageMobile: false, managePassword: false } });
  });
  after(() => server.close());

  it('UpdateUser on itself: NewEmail and NewMobilePhone refused, a description still changes', async () => {
    const email = failed(await volc(selfie, 'UpdateUser', { UserName: 'selfie', NewEmail: 'me@example.com' }), 'AccessDenied', 100013);
    assert.match(email.Message, /manage their own email address/);
    failed(await volc(selfie, 'UpdateUser', { UserName: 'selfie', NewMobilePhone: '+8613000000000' }), 'AccessDenied', 100013);
    ok(await volc(selfie, 'UpdateUser', { UserName: 'selfie', NewDescription: 'still mine' }));
    ok(await volc(selfie, 'UpdateUser', { UserName: 'other', NewEmail: 'other@example.com' }));
    assert.equal((await server.polyiam.services.users.get(root, { name: 'selfie' })).email, '');
  });

  it('ChangePassword and CreateAccessKey on itself are refused; another user\'s key is not', async () => {
    failed(await volc(selfie, 'ChangePassword', { OldPassword: PASSWORD, NewPassword: 'Another#Pass2024' }), 'AccessDenied', 100013);
    failed(await volc(selfie, 'CreateAccessKey', {}), 'AccessDenied', 100013);
    const made = ok(await volc<{ AccessKey: { AccessKeyId: string } }>(selfie, 'CreateAccessKey', { UserName: 'other' })).AccessKey;
    ok(await volc(volcClient(server, rootKeys(server)), 'DeleteAccessKey', { UserName: 'other', AccessKeyId: made.AccessKeyId }));
  });
});
