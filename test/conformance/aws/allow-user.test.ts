/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { systemContext, type CallContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from './support.js';

const PASSWORD = 'Us3r-Passw0rd!';

/**
 * The account's protect policy `allow_user` (Huawei's setting, kept in the core) reaches the AWS front
 * door too: an IAM user with AdministratorAccess gets AccessDenied 403 from the official SDK on its own
 * ChangePassword and Create/Update/DeleteAccessKey (named or implied), still manages another user's
 * keys, and the root is never refused.
 */
describe('aws: the protect policy allow_user refuses an IAM user its own password and keys', () => {
  let server: TestServer;
  let root: CallContext;
  let rootClient: IAMClient;
  let selfie: IAMClient;
  let selfieKey: string;
  const allowUser = (allow: { manageAccessKey?: boolean; managePassword?: boolean }) => server.polyiam.services.protectPolicy.update(root, { allowUser: allow });

  before(async () => {
    server = await startTestServer();
    root = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    rootClient = awsClient(server, rootKeys(server));
    const keys = await createUserWithKey(rootClient, 'selfie', PASSWORD);
    await rootClient.send(new AttachUserPolicyCommand({ UserName: 'selfie', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await rootClient.send(new CreateUserCommand({ UserName: 'other' }));
    selfie = awsClient(server, keys);
    selfieKey = keys.ak;
    await allowUser({ manageAccessKey: false, managePassword: false });
  });
  after(() => server.close());

  it('ChangePassword: AccessDenied naming the setting, and the password is unchanged', async () => {
    await expectAwsError(selfie.send(new ChangePasswordCommand({ OldPassword: PASSWORD, NewPassword: 'An0ther-Passw0rd!' })), 'AccessDenied', 403, /does not allow IAM users to manage their own password/);
    const signIn = await server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name: 'selfie' }, password: new PlainPassword(PASSWORD), sourceIp: null });
    assert.equal(signIn.outcome, 'ok');
  });

  it('its own keys, named or implied: AccessDenied on create, update and delete; nothing changes', async () => {
    await expectAwsError(selfie.send(new CreateAccessKeyCommand({})), 'AccessDenied', 403, /manage their own access keys/);
    await expectAwsError(selfie.send(new CreateAccessKeyCommand({ UserName: 'selfie' })), 'AccessDenied', 403, /allow_user\.manage_accesskey/);
    await expectAwsError(selfie.send(new UpdateAccessKeyCommand({ AccessKeyId: selfieKey, Status: 'Inactive' })), 'AccessDenied', 403);
    await expectAwsError(selfie.send(new DeleteAccessKeyCommand({ UserName: 'SELFIE', AccessKeyId: selfieKey })), 'AccessDenied', 403);
    const listed = await selfie.send(new ListAccessKeysCommand({}));
    assert.deepEqual(listed.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status]), [[selfieKey, 'Active']]);
  });

  it('another user\'s keys stay the administrator\'s to manage, and the root manages its own', async () => {
    const made = await selfie.send(new CreateAccessKeyCommand({ UserName: 'other' }));
    await selfie.send(new DeleteAccessKeyCommand({ UserName: 'other', AccessKeyId: made.AccessKey!.AccessKeyId! }));
    const own = await rootClient.send(new CreateAccessKeyCommand({}));
    await rootClient.send(new DeleteAccessKeyCommand({ AccessKeyId: own.AccessKey!.AccessKeyId! }));
  });

  it('switched back on, the same calls succeed', async () => {
    await allowUser({ manageAccessKey: true, managePassword: true });
    await selfie.send(new UpdateAccessKeyCommand({ AccessKeyId: selfieKey, Status: 'Active' }));
    await selfie.send(new ChangePasswordCommand({ OldPassword: PASSWORD, NewPassword: 'An0ther-Passw0rd!' }));
  });
});
