/**
 * @see #15 The AWS CLI (Debian awscli 2.9, `/usr/bin/aws`) for the actions issue #15 added:
 * permissions boundaries, policy tags, UpdateGroup, account aliases, SSH keys, signing and server
 * certificates, service-specific credentials, context keys; with their main refusals.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS, awsCli, fails, ok } from './cli.js';
import type { Keys } from './sigv4.js';
import { sshRsaKey } from './ssh-keys.js';

const fixture = (name: string) => new URL(`../../fixtures/certificates/${name}`, import.meta.url).pathname;
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] });

describe('aws iam CLI (awscli 2.9): the rest of the AWS IAM API', () => {
  let server: TestServer;
  let root: Keys;
  let acct: string;
  const cli = awsCli(() => server.url);
  const iam = (...args: string[]) => cli('iam', root, ...args);

  before(async () => {
    server = await startTestServer();
    root = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('permissions boundaries, policy tags, update-group, account aliases, context keys', async (t) => {
    if (!requireTool(t, AWS)) return;
    const arn = `arn:aws:iam::${acct}:policy/cli-bound`;
    ok(await iam('create-policy', '--policy-name', 'cli-bound', '--policy-document', DOC, '--tags', 'Key=team,Value=a'));
    ok(await iam('create-user', '--user-name', 'cli-b', '--permissions-boundary', arn));
    const user = ok(await iam('get-user', '--user-name', 'cli-b')) as { User: { PermissionsBoundary: { PermissionsBoundaryArn: string } } };
    assert.equal(user.User.PermissionsBoundary.PermissionsBoundaryArn, arn);
    ok(await iam('delete-user-permissions-boundary', '--user-name', 'cli-b'));
    ok(await iam('put-user-permissions-boundary', '--user-name', 'cli-b', '--permissions-boundary', arn));
    fails(await iam('put-user-permissions-boundary', '--user-name', 'cli-b', '--permissions-boundary', `arn:aws:iam::${acct}:policy/none`), 'NoSuchEntity');
    const entities = ok(await iam('list-entities-for-policy', '--policy-arn', arn, '--policy-usage-filter', 'PermissionsBoundary')) as { PolicyUsers: Array<{ UserName: string }> };
    assert.deepEqual(entities.PolicyUsers.map((u) => u.UserName), ['cli-b']);
    ok(await iam('tag-policy', '--policy-arn', arn, '--tags', 'Key=env,Value=prod'));
    const tags = ok(await iam('list-policy-tags', '--policy-arn', arn)) as { Tags: Array<{ Key: string }> };
    assert.deepEqual(tags.Tags.map((tag) => tag.Key), ['env', 'team']);
    ok(await iam('untag-policy', '--policy-arn', arn, '--tag-keys', 'env'));
    fails(await iam('tag-policy', '--policy-arn', arn, '--tags', 'Key=a,Value=1', 'Key=A,Value=2'), 'InvalidInput', /Duplicate tag keys/);
    ok(await iam('create-group', '--group-name', 'cli-g'));
    ok(await iam('update-group', '--group-name', 'cli-g', '--new-group-name', 'cli-g2', '--new-path', '/x/'));
    fails(await iam('get-group', '--group-name', 'cli-g'), 'NoSuchEntity');
    ok(await iam('create-account-alias', '--account-alias', 'cli-acme'));
    assert.deepEqual((ok(await iam('list-account-aliases')) as { AccountAliases: string[] }).AccountAliases, ['cli-acme']);
    fails(await iam('create-account-alias', '--account-alias', 'Not_Valid'), 'ValidationError');
    ok(await iam('delete-account-alias', '--account-alias', 'cli-acme'));
    fails(await iam('delete-account-alias', '--account-alias', 'cli-acme'), 'NoSuchEntity', /The account alias cli-acme cannot be found/);
    const keys = ok(await iam('get-context-keys-for-custom-policy', '--policy-input-list', DOC)) as { ContextKeyNames: string[] };
    assert.deepEqual(keys.ContextKeyNames, ['aws:SourceIp']);
  });

  it('SSH keys, signing and server certificates, service-specific credentials', async (t) => {
    if (!requireTool(t, AWS)) return;
    ok(await iam('create-user', '--user-name', 'cli-keys'));
    const key = ok(await iam('upload-ssh-public-key', '--user-name', 'cli-keys', '--ssh-public-key-body', sshRsaKey().ssh)) as { SSHPublicKey: { SSHPublicKeyId: string } };
    const id = key.SSHPublicKey.SSHPublicKeyId;
    const pem = ok(await iam('get-ssh-public-key', '--user-name', 'cli-keys', '--ssh-public-key-id', id, '--encoding', 'PEM')) as { SSHPublicKey: { SSHPublicKeyBody: string } };
    assert.match(pem.SSHPublicKey.SSHPublicKeyBody, /^-----BEGIN PUBLIC KEY-----/);
    ok(await iam('update-ssh-public-key', '--user-name', 'cli-keys', '--ssh-public-key-id', id, '--status', 'Inactive'));
    fails(await iam('upload-ssh-public-key', '--user-name', 'cli-keys', '--ssh-public-key-body', 'not a key'), 'UnrecognizedPublicKeyEncoding');
    fails(await iam('delete-user', '--user-name', 'cli-keys'), 'DeleteConflict', /must delete SSH public keys first/);
    ok(await iam('delete-ssh-public-key', '--user-name', 'cli-keys', '--ssh-public-key-id', id));
    const cert = ok(await iam('upload-signing-certificate', '--user-name', 'cli-keys', '--certificate-body', `file://${fixture('other-cert.pem')}`)) as { Certificate: { CertificateId: string } };
    assert.equal((ok(await iam('list-signing-certificates', '--user-name', 'cli-keys')) as { Certificates: unknown[] }).Certificates.length, 1);
    fails(await iam('upload-signing-certificate', '--user-name', 'cli-keys', '--certificate-body', 'garbage'), 'MalformedCertificate');
    ok(await iam('delete-signing-certificate', '--user-name', 'cli-keys', '--certificate-id', cert.Certificate.CertificateId));
    const made = ok(await iam('create-service-specific-credential', '--user-name', 'cli-keys', '--service-name', 'codecommit.amazonaws.com')) as { ServiceSpecificCredential: { ServiceSpecificCredentialId: string; ServicePassword: string } };
    assert.ok(made.ServiceSpecificCredential.ServicePassword.length > 0);
    const listed = ok(await iam('list-service-specific-credentials', '--user-name', 'cli-keys')) as { ServiceSpecificCredentials: Array<Record<string, unknown>> };
    assert.equal(listed.ServiceSpecificCredentials[0]!.ServicePassword, undefined);
    ok(await iam('delete-service-specific-credential', '--user-name', 'cli-keys', '--service-specific-credential-id', made.ServiceSpecificCredential.ServiceSpecificCredentialId));
    ok(await iam('upload-server-certificate', '--server-certificate-name', 'cli-web', '--certificate-body', `file://${fixture('server-cert.pem')}`, '--private-key', `file://${fixture('server-key.pem')}`, '--certificate-chain', `file://${fixture('ca-cert.pem')}`));
    fails(await iam('upload-server-certificate', '--server-certificate-name', 'cli-bad', '--certificate-body', `file://${fixture('server-cert.pem')}`, '--private-key', `file://${fixture('other-key.pem')}`), 'KeyPairMismatch');
    const got = ok(await iam('get-server-certificate', '--server-certificate-name', 'cli-web')) as { ServerCertificate: Record<string, unknown> };
    assert.ok(!JSON.stringify(got).includes('PRIVATE KEY'));
    assert.equal((ok(await iam('list-server-certificates')) as { ServerCertificateMetadataList: unknown[] }).ServerCertificateMetadataList.length, 1);
    ok(await iam('delete-server-certificate', '--server-certificate-name', 'cli-web'));
    assert.ok(readFileSync(fixture('server-key.pem'), 'utf8').includes('PRIVATE KEY'));
  });
});
