import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from './support.js';

describe('aws account password policy through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let client: IAMClient;
  let accountNumber: string;

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
    accountNumber = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('GetAccountPasswordPolicy is NoSuchEntity until a policy is set', async () => {
    await expectAwsError(client.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404, `The Password Policy with domain name ${accountNumber} cannot be found.`);
  });

  it('UpdateAccountPasswordPolicy sets every AWS field and GetAccountPasswordPolicy shows them', async () => {
    await client.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 5,
        HardExpiry: true,
      }),
    );
    const { PasswordPolicy } = await client.send(new GetAccountPasswordPolicyCommand({}));
    assert.deepEqual(PasswordPolicy, {
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 5,
      HardExpiry: true,
    });
  });

  it('the policy applies to new passwords, naming every rule broken', async () => {
    await client.send(new CreateUserCommand({ UserName: 'ruled' }));
    const err = await expectAwsError(client.send(new CreateLoginProfileCommand({ UserName: 'ruled', Password: 'lowercase' })), 'PasswordPolicyViolationException', 400);
    for (const rule of [/at least 12 characters/, /uppercase letter/, /one number/, /non-alphanumeric/]) assert.match(err.message, rule);
    await client.send(new CreateLoginProfileCommand({ UserName: 'ruled', Password: 'Long-Enough-Passw0rd' }));
  });

  it('omitted fields revert to the AWS defaults, as UpdateAccountPasswordPolicy documents', async () => {
    await client.send(new UpdateAccountPasswordPolicyCommand({ RequireNumbers: true }));
    const { PasswordPolicy } = await client.send(new GetAccountPasswordPolicyCommand({}));
    assert.deepEqual(PasswordPolicy, {
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    // six characters with a number and nothing else now pass
    await client.send(new CreateUserCommand({ UserName: 'short' }));
    await client.send(new CreateLoginProfileCommand({ UserName: 'short', Password: 'abcde1' }));
  });

  it('out-of-range values are ValidationError naming the member', async () => {
    await expectAwsError(client.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })), 'ValidationError', 400, /at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6/);
    await expectAwsError(client.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 1096 })), 'ValidationError', 400, /maxPasswordAge/);
    await expectAwsError(client.send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 25 })), 'ValidationError', 400, /passwordReusePrevention/);
  });

  it('DeleteAccountPasswordPolicy removes it; a second delete is NoSuchEntity', async () => {
    await client.send(new DeleteAccountPasswordPolicyCommand({}));
    await expectAwsError(client.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new DeleteAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404, `The Password Policy with domain name ${accountNumber} cannot be found.`);
  });
});
