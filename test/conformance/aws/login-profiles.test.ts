import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteLoginProfileCommand,
  GetLoginProfileCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
  DeleteAccountPasswordPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from './support.js';

describe('aws login profiles and ChangePassword through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let client: IAMClient;

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
  });
  after(() => server.close());

  const signIn = async (name: string, password: string) =>
    (await server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name }, password: new PlainPassword(password), sourceIp: null })).outcome;

  it('CreateLoginProfile answers LoginProfile{UserName, CreateDate, PasswordResetRequired}; the password signs in', async () => {
    await client.send(new CreateUserCommand({ UserName: 'pat' }));
    const { LoginProfile } = await client.send(new CreateLoginProfileCommand({ UserName: 'pat', Password: 'Pa$$ w0rd!x~', PasswordResetRequired: true }));
    assert.equal(LoginProfile?.UserName, 'pat');
    assert.equal(LoginProfile?.PasswordResetRequired, true);
    assert.ok(LoginProfile?.CreateDate instanceof Date);
    assert.equal(await signIn('pat', 'Pa$$ w0rd!x~'), 'reset-required');
  });

  it('CreateLoginProfile: EntityAlreadyExists, NoSuchEntity, PasswordPolicyViolation naming every rule', async () => {
    await expectAwsError(client.send(new CreateLoginProfileCommand({ UserName: 'pat', Password: 'An0ther-Passw0rd' })), 'EntityAlreadyExistsException', 409, 'Login Profile for user pat already exists.');
    await expectAwsError(client.send(new CreateLoginProfileCommand({ UserName: 'ghost', Password: 'An0ther-Passw0rd' })), 'NoSuchEntityException', 404, 'The user with name ghost cannot be found.');
    await client.send(new CreateUserCommand({ UserName: 'weak' }));
    const err = await expectAwsError(client.send(new CreateLoginProfileCommand({ UserName: 'weak', Password: 'abc' })), 'PasswordPolicyViolationException', 400, /^Password does not conform to the account password policy\./);
    assert.match(err.message, /at least 8 characters/);
    assert.match(err.message, /at least 2 of uppercase/);
    await expectAwsError(client.send(new CreateLoginProfileCommand({ UserName: 'weak' })), 'ValidationError', 400, /at 'password' failed to satisfy constraint: Member must not be null/);
  });

  it('GetLoginProfile answers the profile, NoSuchEntity when there is none', async () => {
    const { LoginProfile } = await client.send(new GetLoginProfileCommand({ UserName: 'pat' }));
    assert.equal(LoginProfile?.UserName, 'pat');
    assert.equal(LoginProfile?.PasswordResetRequired, true);
    await expectAwsError(client.send(new GetLoginProfileCommand({ UserName: 'weak' })), 'NoSuchEntityException', 404, 'Login Profile for User weak cannot be found.');
  });

  it('UpdateLoginProfile sets a new password and the reset flag', async () => {
    await client.send(new UpdateLoginProfileCommand({ UserName: 'pat', Password: 'Brand-New-Passw0rd', PasswordResetRequired: false }));
    assert.equal(await signIn('pat', 'Brand-New-Passw0rd'), 'ok');
    const { LoginProfile } = await client.send(new GetLoginProfileCommand({ UserName: 'pat' }));
    assert.equal(LoginProfile?.PasswordResetRequired, false);
    await expectAwsError(client.send(new UpdateLoginProfileCommand({ UserName: 'weak', Password: 'Brand-New-Passw0rd' })), 'NoSuchEntityException', 404, 'Login Profile for User weak cannot be found.');
    await expectAwsError(client.send(new UpdateLoginProfileCommand({ UserName: 'pat', Password: 'short' })), 'PasswordPolicyViolationException', 400);
  });

  it('DeleteLoginProfile removes the profile; a second delete is NoSuchEntity', async () => {
    await client.send(new CreateUserCommand({ UserName: 'gone' }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'gone', Password: 'Gone-Passw0rd' }));
    await client.send(new DeleteLoginProfileCommand({ UserName: 'gone' }));
    await expectAwsError(client.send(new GetLoginProfileCommand({ UserName: 'gone' })), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new DeleteLoginProfileCommand({ UserName: 'gone' })), 'NoSuchEntityException', 404, 'Login Profile for User gone cannot be found.');
  });

  it('ChangePassword changes the caller\'s own password, old one required', async () => {
    const keys = await createUserWithKey(client, 'changer', 'First-Passw0rd');
    const self = awsClient(server, keys);
    await expectAwsError(self.send(new ChangePasswordCommand({ OldPassword: 'Wrong-Passw0rd', NewPassword: 'Second-Passw0rd' })), 'AccessDenied', 403, 'The old password was incorrect.');
    await self.send(new ChangePasswordCommand({ OldPassword: 'First-Passw0rd', NewPassword: 'Second-Passw0rd' }));
    assert.equal(await signIn('changer', 'Second-Passw0rd'), 'ok');
    await expectAwsError(self.send(new ChangePasswordCommand({ OldPassword: 'Second-Passw0rd', NewPassword: 'x' })), 'PasswordPolicyViolationException', 400);
  });

  it('ChangePassword is AccessDenied while AllowUsersToChangePassword is false', async () => {
    const keys = await createUserWithKey(client, 'locked-out', 'Locked-Passw0rd-1');
    await client.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: false }));
    try {
      await expectAwsError(awsClient(server, keys).send(new ChangePasswordCommand({ OldPassword: 'Locked-Passw0rd-1', NewPassword: 'Locked-Passw0rd-2' })), 'AccessDenied', 403, /iam:ChangePassword/);
    } finally {
      await client.send(new DeleteAccountPasswordPolicyCommand({}));
    }
  });

  it('ChangePassword obeys PasswordReusePrevention', async () => {
    const keys = await createUserWithKey(client, 'reuser', 'Reuse-Passw0rd-1');
    const self = awsClient(server, keys);
    await client.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, PasswordReusePrevention: 3 }));
    await self.send(new ChangePasswordCommand({ OldPassword: 'Reuse-Passw0rd-1', NewPassword: 'Reuse-Passw0rd-2' }));
    await expectAwsError(
      self.send(new ChangePasswordCommand({ OldPassword: 'Reuse-Passw0rd-2', NewPassword: 'Reuse-Passw0rd-1' })),
      'PasswordPolicyViolationException',
      400,
      'Policy constraint violation with password reuse prevention during password change.',
    );
    await client.send(new DeleteAccountPasswordPolicyCommand({}));
  });

  it('ChangePassword signed by the root is InvalidUserType: the root is not an IAM user', async () => {
    await expectAwsError(client.send(new ChangePasswordCommand({ OldPassword: 'AcmeRoot#2024', NewPassword: 'AcmeRoot#2025' })), 'InvalidUserTypeException', 400);
  });
});
