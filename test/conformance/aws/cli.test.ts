/**
 * The AWS CLI from Debian's awscli (2.9, installed by .ci/run) against the server, endpoint override
 * only, for every operation of issue #4 and its main errors. `/usr/bin/aws` by absolute path: a pyenv
 * shim `aws` (v1) may come first on PATH.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS, awsCli, fails, ok } from './cli.js';
import type { Keys } from './sigv4.js';


describe('aws iam CLI (awscli 2.9) against polyiam', () => {
  let server: TestServer;
  let root: Keys;

  const cli = awsCli(() => server.url);
  const iam = (keys: Keys, ...args: string[]) => cli('iam', keys, ...args);


  before(async () => {
    server = await startTestServer();
    root = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
  });
  after(() => server.close());

  it('users: create-user, get-user, list-users (paged by the CLI), update-user, delete-user', async (t) => {
    if (!requireTool(t, AWS)) return;
    const created = ok(await iam(root, 'create-user', '--user-name', 'cli-user', '--path', '/cli/', '--tags', 'Key=team,Value=ops')) as { User: { UserName: string; Arn: string; Tags: unknown } };
    assert.equal(created.User.UserName, 'cli-user');
    assert.match(created.User.Arn, /^arn:aws:iam::\d{12}:user\/cli\/cli-user$/);
    assert.deepEqual(created.User.Tags, [{ Key: 'team', Value: 'ops' }]);
    fails(await iam(root, 'create-user', '--user-name', 'CLI-USER'), 'EntityAlreadyExists', /User with name CLI-USER already exists\./);
    for (const name of ['cli-b', 'cli-c']) ok(await iam(root, 'create-user', '--user-name', name, '--path', '/cli/'));
    // --page-size 1 makes the CLI follow IsTruncated/Marker page by page
    const listed = ok(await iam(root, 'list-users', '--path-prefix', '/cli/', '--page-size', '1')) as { Users: Array<{ UserName: string }> };
    assert.deepEqual(listed.Users.map((u) => u.UserName), ['cli-b', 'cli-c', 'cli-user']);
    const self = ok(await iam(root, 'get-user')) as { User: { Arn: string } };
    assert.match(self.User.Arn, /^arn:aws:iam::\d{12}:root$/);
    ok(await iam(root, 'update-user', '--user-name', 'cli-b', '--new-user-name', 'cli-renamed'));
    assert.equal((ok(await iam(root, 'get-user', '--user-name', 'cli-renamed')) as { User: { UserName: string } }).User.UserName, 'cli-renamed');
    fails(await iam(root, 'get-user', '--user-name', 'cli-b'), 'NoSuchEntity', /The user with name cli-b cannot be found\./);
    ok(await iam(root, 'delete-user', '--user-name', 'cli-renamed'));
    fails(await iam(root, 'create-user', '--user-name', 'bad name'), 'ValidationError', /userName/);
  });

  it('login profiles: create, get, update, delete, and delete-user conflicts while one remains', async (t) => {
    if (!requireTool(t, AWS)) return;
    ok(await iam(root, 'create-user', '--user-name', 'cli-login'));
    const created = ok(await iam(root, 'create-login-profile', '--user-name', 'cli-login', '--password', 'Cli-Passw0rd!', '--password-reset-required')) as { LoginProfile: { PasswordResetRequired: boolean } };
    assert.equal(created.LoginProfile.PasswordResetRequired, true);
    fails(await iam(root, 'create-login-profile', '--user-name', 'cli-login', '--password', 'Cli-Passw0rd!'), 'EntityAlreadyExists', /Login Profile for user cli-login already exists\./);
    fails(await iam(root, 'create-login-profile', '--user-name', 'cli-c', '--password', 'x'), 'PasswordPolicyViolation');
    const got = ok(await iam(root, 'get-login-profile', '--user-name', 'cli-login')) as { LoginProfile: { UserName: string } };
    assert.equal(got.LoginProfile.UserName, 'cli-login');
    ok(await iam(root, 'update-login-profile', '--user-name', 'cli-login', '--password', 'Cli-Passw0rd-2', '--no-password-reset-required'));
    fails(await iam(root, 'delete-user', '--user-name', 'cli-login'), 'DeleteConflict', /must delete login profile first/);
    ok(await iam(root, 'delete-login-profile', '--user-name', 'cli-login'));
    fails(await iam(root, 'get-login-profile', '--user-name', 'cli-login'), 'NoSuchEntity', /Login Profile for User cli-login cannot be found\./);
    ok(await iam(root, 'delete-user', '--user-name', 'cli-login'));
  });

  it('access keys: create, list, update, delete, LimitExceeded; change-password as the user', async (t) => {
    if (!requireTool(t, AWS)) return;
    ok(await iam(root, 'create-user', '--user-name', 'cli-keys'));
    ok(await iam(root, 'create-login-profile', '--user-name', 'cli-keys', '--password', 'Keys-Passw0rd-1'));
    const first = (ok(await iam(root, 'create-access-key', '--user-name', 'cli-keys')) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } }).AccessKey;
    ok(await iam(root, 'create-access-key', '--user-name', 'cli-keys'));
    fails(await iam(root, 'create-access-key', '--user-name', 'cli-keys'), 'LimitExceeded', /Cannot exceed quota for AccessKeysPerUser: 2/);
    const listed = ok(await iam(root, 'list-access-keys', '--user-name', 'cli-keys')) as { AccessKeyMetadata: unknown[] };
    assert.equal(listed.AccessKeyMetadata.length, 2);
    const user = { ak: first.AccessKeyId, sk: first.SecretAccessKey };
    ok(await iam(user, 'change-password', '--old-password', 'Keys-Passw0rd-1', '--new-password', 'Keys-Passw0rd-2'));
    fails(await iam(user, 'change-password', '--old-password', 'Keys-Passw0rd-1', '--new-password', 'Keys-Passw0rd-3'), 'AccessDenied', /old password was incorrect/);
    fails(await iam(root, 'change-password', '--old-password', 'AcmeRoot#2024', '--new-password', 'AcmeRoot#2025'), 'InvalidUserType');
    ok(await iam(root, 'update-access-key', '--user-name', 'cli-keys', '--access-key-id', first.AccessKeyId, '--status', 'Inactive'));
    fails(await iam(user, 'get-user'), 'InvalidClientTokenId');
    ok(await iam(root, 'delete-access-key', '--user-name', 'cli-keys', '--access-key-id', first.AccessKeyId));
    fails(await iam(root, 'delete-access-key', '--user-name', 'cli-keys', '--access-key-id', first.AccessKeyId), 'NoSuchEntity', /The Access Key with id \w+ cannot be found\./);
  });

  it('tags: tag-user, list-user-tags, untag-user', async (t) => {
    if (!requireTool(t, AWS)) return;
    ok(await iam(root, 'tag-user', '--user-name', 'cli-c', '--tags', 'Key=env,Value=prod', 'Key=owner,Value=me'));
    const tags = ok(await iam(root, 'list-user-tags', '--user-name', 'cli-c')) as { Tags: Array<{ Key: string }> };
    assert.deepEqual(tags.Tags.map((tag) => tag.Key), ['env', 'owner']);
    ok(await iam(root, 'untag-user', '--user-name', 'cli-c', '--tag-keys', 'env'));
    assert.deepEqual((ok(await iam(root, 'list-user-tags', '--user-name', 'cli-c')) as { Tags: Array<{ Key: string }> }).Tags.map((tag) => tag.Key), ['owner']);
    fails(await iam(root, 'tag-user', '--user-name', 'nobody', '--tags', 'Key=a,Value=b'), 'NoSuchEntity');
  });

  it('password policy: update, get, delete', async (t) => {
    if (!requireTool(t, AWS)) return;
    fails(await iam(root, 'get-account-password-policy'), 'NoSuchEntity', /The Password Policy with domain name \d{12} cannot be found\./);
    ok(await iam(root, 'update-account-password-policy', '--minimum-password-length', '10', '--require-symbols', '--max-password-age', '30', '--password-reuse-prevention', '2', '--allow-users-to-change-password'));
    const { PasswordPolicy } = ok(await iam(root, 'get-account-password-policy')) as { PasswordPolicy: Record<string, unknown> };
    assert.equal(PasswordPolicy.MinimumPasswordLength, 10);
    assert.equal(PasswordPolicy.RequireSymbols, true);
    assert.equal(PasswordPolicy.ExpirePasswords, true);
    assert.equal(PasswordPolicy.MaxPasswordAge, 30);
    assert.equal(PasswordPolicy.PasswordReusePrevention, 2);
    fails(await iam(root, 'update-account-password-policy', '--minimum-password-length', '200'), 'ValidationError');
    ok(await iam(root, 'delete-account-password-policy'));
    fails(await iam(root, 'delete-account-password-policy'), 'NoSuchEntity');
  });

  it('a wrong secret and an unknown key are refused with the AWS codes', async (t) => {
    if (!requireTool(t, AWS)) return;
    fails(await iam({ ak: root.ak, sk: 'y'.repeat(40) }, 'list-users'), 'SignatureDoesNotMatch');
    fails(await iam({ ak: 'AKIAUNKNOWNKEY000000', sk: 'y'.repeat(40) }, 'list-users'), 'InvalidClientTokenId');
  });
});
