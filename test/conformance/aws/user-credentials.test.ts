/**
 * @see #15 Users' SSH public keys, signing certificates and service-specific credentials, and server
 * certificates, through @aws-sdk/client-iam: material parsed with node:crypto, AWS's codes for what
 * does not parse, duplicates, limits, DeleteUser conflicts; private keys and service passwords never
 * returned by a read.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServerCertificateCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetServerCertificateCommand,
  GetSSHPublicKeyCommand,
  IAMClient,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ResetServiceSpecificCredentialCommand,
  TagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UpdateServiceSpecificCredentialCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from './support.js';
import { sshRsaKey } from './ssh-keys.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/certificates/${name}`, import.meta.url), 'utf8');
const CERT = fixture('server-cert.pem');
const KEY = fixture('server-key.pem');
const OTHER_CERT = fixture('other-cert.pem');
const OTHER_KEY = fixture('other-key.pem');
const CA = fixture('ca-cert.pem');

describe('aws user keys and certificates through the official SDK', () => {
  let server: TestServer;
  let root: IAMClient;

  before(async () => {
    server = await startTestServer();
    root = awsClient(server, rootKeys(server));
    await root.send(new CreateUserCommand({ UserName: 'keyholder' }));
  });
  after(() => server.close());

  it('SSH public keys: upload (ssh-rsa or PEM), get in SSH and PEM encodings with its MD5 fingerprint, list, update, delete; refusals', async () => {
    const key = sshRsaKey();
    const uploaded = (await root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: key.ssh }))).SSHPublicKey!;
    assert.match(uploaded.SSHPublicKeyId!, /^APKA[A-Z0-9]{16}$/);
    assert.match(uploaded.Fingerprint!, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.equal(uploaded.Status, 'Active');
    const id = uploaded.SSHPublicKeyId!;
    const asSsh = (await root.send(new GetSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyId: id, Encoding: 'SSH' }))).SSHPublicKey!;
    assert.equal(asSsh.SSHPublicKeyBody, key.ssh.split(' ').slice(0, 2).join(' '));
    const asPem = (await root.send(new GetSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyId: id, Encoding: 'PEM' }))).SSHPublicKey!;
    assert.equal(asPem.SSHPublicKeyBody, key.pem);
    // the same key again, now in PEM: a duplicate
    await expectAwsError(root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: key.pem })), 'DuplicateSSHPublicKeyException', 400);
    await expectAwsError(root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: 'ssh-rsa AAAAnotakey' })), 'InvalidPublicKeyException', 400);
    await expectAwsError(root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: 'hello' })), 'UnrecognizedPublicKeyEncodingException', 400);
    await expectAwsError(root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: sshRsaKey(1024).ssh })), 'InvalidPublicKeyException', 400);
    await expectAwsError(root.send(new GetSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyId: id, Encoding: 'DER' as 'SSH' })), 'ValidationError', 400);
    await root.send(new UpdateSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyId: id, Status: 'Inactive' }));
    const listed = (await root.send(new ListSSHPublicKeysCommand({ UserName: 'keyholder' }))).SSHPublicKeys!;
    assert.deepEqual(listed.map((k) => [k.SSHPublicKeyId, k.Status]), [[id, 'Inactive']]);
    // DeleteUser refuses while a key remains
    await expectAwsError(root.send(new DeleteUserCommand({ UserName: 'keyholder' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete SSH public keys first.');
    await root.send(new DeleteSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyId: id }));
    await expectAwsError(root.send(new DeleteSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyId: id })), 'NoSuchEntityException', 404, `The Public Key with id ${id} cannot be found.`);
    // five per user
    for (let i = 0; i < 5; i++) await root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: sshRsaKey().ssh }));
    await expectAwsError(root.send(new UploadSSHPublicKeyCommand({ UserName: 'keyholder', SSHPublicKeyBody: sshRsaKey().ssh })), 'LimitExceededException', 409, 'Cannot exceed quota for PublicKeysPerUser: 5');
  });

  it('signing certificates: upload (X.509), list, update, delete; MalformedCertificate, DuplicateCertificate, two per user', async () => {
    await root.send(new CreateUserCommand({ UserName: 'signer' }));
    const cert = (await root.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: CERT }))).Certificate!;
    assert.equal(cert.Status, 'Active');
    assert.equal(cert.CertificateBody, CERT.trim());
    await expectAwsError(root.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: CERT })), 'DuplicateCertificateException', 409);
    await expectAwsError(root.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' })), 'MalformedCertificateException', 400);
    await root.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: OTHER_CERT }));
    await expectAwsError(root.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: CA })), 'LimitExceededException', 409, 'Cannot exceed quota for SigningCertificatesPerUser: 2');
    await root.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: cert.CertificateId, Status: 'Inactive' }));
    const listed = (await root.send(new ListSigningCertificatesCommand({ UserName: 'signer' }))).Certificates!;
    assert.deepEqual(listed.map((c) => c.Status).sort(), ['Active', 'Inactive']);
    await expectAwsError(root.send(new DeleteUserCommand({ UserName: 'signer' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete signing certificates first.');
    for (const c of listed) await root.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: c.CertificateId }));
    await root.send(new DeleteUserCommand({ UserName: 'signer' }));
  });

  it('service-specific credentials: the password only on create and reset; list by service; two per service; unsupported services', async () => {
    await root.send(new CreateUserCommand({ UserName: 'coder' }));
    const made = (await root.send(new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!;
    assert.match(made.ServiceUserName!, /^coder-at-\d{12}$/);
    assert.ok(made.ServicePassword && made.ServicePassword.length >= 20);
    const listed = (await root.send(new ListServiceSpecificCredentialsCommand({ UserName: 'coder' }))).ServiceSpecificCredentials!;
    assert.equal(listed.length, 1);
    assert.equal((listed[0] as { ServicePassword?: string }).ServicePassword, undefined);
    const reset = (await root.send(new ResetServiceSpecificCredentialCommand({ UserName: 'coder', ServiceSpecificCredentialId: made.ServiceSpecificCredentialId }))).ServiceSpecificCredential!;
    assert.notEqual(reset.ServicePassword, made.ServicePassword);
    await root.send(new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' }));
    await expectAwsError(root.send(new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' })), 'LimitExceededException', 409, 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2');
    await root.send(new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'cassandra.amazonaws.com' }));
    assert.equal((await root.send(new ListServiceSpecificCredentialsCommand({ UserName: 'coder', ServiceName: 'cassandra.amazonaws.com' }))).ServiceSpecificCredentials!.length, 1);
    await expectAwsError(root.send(new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 's3.amazonaws.com' })), 'ServiceNotSupportedException', 404);
    await root.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceSpecificCredentialId: made.ServiceSpecificCredentialId, Status: 'Inactive' }));
    await expectAwsError(root.send(new DeleteUserCommand({ UserName: 'coder' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete service specific credentials first.');
    await root.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'coder', ServiceSpecificCredentialId: made.ServiceSpecificCredentialId }));
    await expectAwsError(root.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'coder', ServiceSpecificCredentialId: made.ServiceSpecificCredentialId })), 'NoSuchEntityException', 404);
  });

  it('server certificates: upload with chain and key (sealed, never returned), expiry from the certificate, get, list, rename, tags, delete; refusals', async () => {
    const uploaded = await root.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', Path: '/cloudfront/', CertificateBody: CERT, PrivateKey: KEY, CertificateChain: CA, Tags: [{ Key: 'env', Value: 'prod' }] }));
    const meta = uploaded.ServerCertificateMetadata!;
    assert.match(meta.ServerCertificateId!, /^ASCA[A-Z0-9]{17}$/);
    assert.match(meta.Arn!, /^arn:aws:iam::\d{12}:server-certificate\/cloudfront\/web$/);
    assert.equal(meta.Expiration?.getUTCFullYear(), new Date(readExpiry()).getUTCFullYear());
    const got = (await root.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }))).ServerCertificate!;
    assert.equal(got.CertificateBody, CERT.trim());
    assert.equal(got.CertificateChain, CA.trim());
    assert.deepEqual(got.Tags, [{ Key: 'env', Value: 'prod' }]);
    assert.ok(!JSON.stringify(got).includes('PRIVATE KEY'), 'the private key is never returned');
    await expectAwsError(root.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: CERT, PrivateKey: KEY })), 'EntityAlreadyExistsException', 409, 'The Server Certificate with name web already exists.');
    await expectAwsError(root.send(new UploadServerCertificateCommand({ ServerCertificateName: 'mismatch', CertificateBody: CERT, PrivateKey: OTHER_KEY })), 'KeyPairMismatchException', 400);
    await expectAwsError(root.send(new UploadServerCertificateCommand({ ServerCertificateName: 'broken', CertificateBody: 'not a certificate', PrivateKey: KEY })), 'MalformedCertificateException', 400);
    const badKey = await expectAwsError(root.send(new UploadServerCertificateCommand({ ServerCertificateName: 'badkey', CertificateBody: OTHER_CERT, PrivateKey: '-----BEGIN PRIVATE KEY-----\nsecret-looking\n-----END PRIVATE KEY-----' })), 'MalformedCertificateException', 400);
    assert.ok(!badKey.message.includes('secret-looking'), 'the key never appears in an error');
    await expectAwsError(root.send(new GetServerCertificateCommand({ ServerCertificateName: 'mismatch' })), 'NoSuchEntityException', 404, 'The Server Certificate with name mismatch cannot be found.');
    await root.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'www', NewPath: '/' }));
    assert.deepEqual((await root.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList!.map((c) => `${c.Path}${c.ServerCertificateName}`), ['/www']);
    assert.deepEqual((await root.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }))).ServerCertificateMetadataList, []);
    await root.send(new TagServerCertificateCommand({ ServerCertificateName: 'www', Tags: [{ Key: 'team', Value: 'web' }] }));
    assert.deepEqual((await root.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'www' }))).Tags!.map((t) => t.Key), ['env', 'team']);
    await root.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'www' }));
    await expectAwsError(root.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'www' })), 'NoSuchEntityException', 404);
    // nothing of the key reached the server's log
    assert.ok(!server.logs.some((line) => line.includes('PRIVATE KEY')));
  });
});

function readExpiry(): number {
  return Date.parse(new X509Certificate(CERT).validTo);
}
