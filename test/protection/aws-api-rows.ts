/**
 * @see #15 Protection-matrix rows of the AWS IAM actions issue #15 added: SSH public keys, signing
 * certificates, service-specific credentials and server certificates. Rows that act on an existing
 * item make it first, through the core as the fixture account's root.
 */
import { readFileSync } from 'node:fs';
import { systemContext } from '../../src/core/principal.js';
import { sshRsaKey } from '../conformance/aws/ssh-keys.js';
import { samlMetadata } from '../conformance/aws/saml-metadata.js';
import { POLICY_DOCUMENT, type Fixture, type MatrixEnv, type Planned, type Row } from './personas.js';

type Params = Record<string, string>;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/certificates/${name}`, import.meta.url), 'utf8');
const CERT = fixture('server-cert.pem');
const KEY = fixture('server-key.pem');

const p = (params: Params): Planned<Params> => ({ req: params });
const asRoot = (fx: Fixture) => systemContext(fx.account.id, 'fixture-root', 'root');

async function sshKeyId(env: MatrixEnv, fx: Fixture): Promise<string> {
  return (await env.server.polyiam.services.userCredentials.uploadSshPublicKey(asRoot(fx), { id: fx.user.id }, sshRsaKey().ssh)).credential.id;
}

async function certificateId(env: MatrixEnv, fx: Fixture): Promise<string> {
  return (await env.server.polyiam.services.userCredentials.uploadSigningCertificate(asRoot(fx), { id: fx.user.id }, CERT)).credential.id;
}

async function serviceCredentialId(env: MatrixEnv, fx: Fixture): Promise<string> {
  return (await env.server.polyiam.services.userCredentials.createServiceCredential(asRoot(fx), { id: fx.user.id }, 'codecommit.amazonaws.com')).credential.id;
}

async function serverCertificate(env: MatrixEnv, fx: Fixture, n: number): Promise<string> {
  const name = `fx-sc-${n}`;
  // AWS allows 20 server certificates per account: the matrix's earlier ones make room
  const services = env.server.polyiam.services;
  for (const old of await services.serverCertificates.list(asRoot(fx))) await services.serverCertificates.delete(asRoot(fx), old.name);
  await env.server.polyiam.services.serverCertificates.upload(asRoot(fx), { name, body: CERT, privateKey: KEY });
  return name;
}

async function oidcArn(env: MatrixEnv, fx: Fixture, n: number): Promise<string> {
  const url = `fx-oidc-${n}.example.com`;
  await env.server.polyiam.services.oidcProviders.create(asRoot(fx), { url, clientIds: ['app'], thumbprints: ['a'.repeat(40)] });
  return `arn:aws:iam::${fx.account.awsAccountId}:oidc-provider/${url}`;
}

async function instanceProfile(env: MatrixEnv, fx: Fixture, n: number, withRole = false): Promise<string> {
  const name = `fx-ip-${n}`;
  await env.server.polyiam.services.instanceProfiles.create(asRoot(fx), { name });
  if (withRole) await env.server.polyiam.services.instanceProfiles.addRole(asRoot(fx), name, { id: fx.bareRole.id });
  return name;
}

async function samlArn(env: MatrixEnv, fx: Fixture, n: number): Promise<string> {
  // AWS allows 100 SAML providers per account: the matrix's earlier ones make room
  const services = env.server.polyiam.services;
  for (const old of await services.samlProviders.list(asRoot(fx))) await services.samlProviders.delete(asRoot(fx), old.name);
  await services.samlProviders.create(asRoot(fx), { name: `fx-saml-${n}`, metadata: samlMetadata() });
  return `arn:aws:iam::${fx.account.awsAccountId}:saml-provider/fx-saml-${n}`;
}

async function serviceLinkedRole(env: MatrixEnv, fx: Fixture, n: number): Promise<string> {
  return (await env.server.polyiam.services.serviceLinkedRoles.create(asRoot(fx), { service: `fx-slr-${n}.amazonaws.com` })).name;
}

/** @see #15 rows of migration 0019: role boundaries, instance profiles, SAML providers, service-linked roles */
function entityRows(): Record<string, Row<Params>> {
  const policyArn = (fx: Fixture) => `arn:aws:iam::${fx.account.awsAccountId}:policy/${fx.spare.name}`;
  return {
    PutRolePermissionsBoundary: (_p, fx) => p({ RoleName: fx.role.name, PermissionsBoundary: policyArn(fx) }),
    DeleteRolePermissionsBoundary: (_p, fx) => p({ RoleName: fx.role.name }),
    CreateInstanceProfile: (_p, _fx, n) => p({ InstanceProfileName: `fx-made-ip-${n}` }),
    GetInstanceProfile: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n) }),
    ListInstanceProfiles: () => p({}),
    ListInstanceProfilesForRole: (_p, fx) => p({ RoleName: fx.role.name }),
    DeleteInstanceProfile: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n) }),
    AddRoleToInstanceProfile: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n), RoleName: fx.bareRole.name }),
    RemoveRoleFromInstanceProfile: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n, true), RoleName: fx.bareRole.name }),
    TagInstanceProfile: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagInstanceProfile: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n), 'TagKeys.member.1': 'k' }),
    ListInstanceProfileTags: async (_p, fx, n, env) => p({ InstanceProfileName: await instanceProfile(env, fx, n) }),
    CreateSAMLProvider: (_p, _fx, n) => p({ Name: `fx-made-saml-${n}`, SAMLMetadataDocument: samlMetadata() }),
    GetSAMLProvider: async (_p, fx, n, env) => p({ SAMLProviderArn: await samlArn(env, fx, n) }),
    ListSAMLProviders: () => p({}),
    UpdateSAMLProvider: async (_p, fx, n, env) => p({ SAMLProviderArn: await samlArn(env, fx, n), SAMLMetadataDocument: samlMetadata({ entityId: 'https://other.example.com' }) }),
    DeleteSAMLProvider: async (_p, fx, n, env) => p({ SAMLProviderArn: await samlArn(env, fx, n) }),
    TagSAMLProvider: async (_p, fx, n, env) => p({ SAMLProviderArn: await samlArn(env, fx, n), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagSAMLProvider: async (_p, fx, n, env) => p({ SAMLProviderArn: await samlArn(env, fx, n), 'TagKeys.member.1': 'k' }),
    ListSAMLProviderTags: async (_p, fx, n, env) => p({ SAMLProviderArn: await samlArn(env, fx, n) }),
    CreateServiceLinkedRole: (_p, _fx, n) => p({ AWSServiceName: `fx-made-slr-${n}.amazonaws.com` }),
    DeleteServiceLinkedRole: async (_p, fx, n, env) => p({ RoleName: await serviceLinkedRole(env, fx, n) }),
    GetServiceLinkedRoleDeletionStatus: async (_p, fx, n, env) => {
      const task = await env.server.polyiam.services.serviceLinkedRoles.delete(asRoot(fx), await serviceLinkedRole(env, fx, n));
      return p({ DeletionTaskId: task.id });
    },
  };
}

export function awsApiRows(): Record<string, Row<Params>> {
  return {
    ...entityRows(),
    CreateOpenIDConnectProvider: (_p, _fx, n) => p({ Url: `https://fx-made-${n}.example.com`, 'ThumbprintList.member.1': 'b'.repeat(40) }),
    GetOpenIDConnectProvider: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n) }),
    ListOpenIDConnectProviders: () => p({}),
    UpdateOpenIDConnectProviderThumbprint: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n), 'ThumbprintList.member.1': 'c'.repeat(40) }),
    AddClientIDToOpenIDConnectProvider: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n), ClientID: 'more' }),
    RemoveClientIDFromOpenIDConnectProvider: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n), ClientID: 'app' }),
    DeleteOpenIDConnectProvider: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n) }),
    TagOpenIDConnectProvider: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagOpenIDConnectProvider: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n), 'TagKeys.member.1': 'k' }),
    ListOpenIDConnectProviderTags: async (_p, fx, n, env) => p({ OpenIDConnectProviderArn: await oidcArn(env, fx, n) }),
    UploadSSHPublicKey: (_p, fx) => p({ UserName: fx.user.name, SSHPublicKeyBody: sshRsaKey().ssh }),
    GetSSHPublicKey: async (_p, fx, _n, env) => p({ UserName: fx.user.name, SSHPublicKeyId: await sshKeyId(env, fx), Encoding: 'SSH' }),
    ListSSHPublicKeys: (_p, fx) => p({ UserName: fx.user.name }),
    UpdateSSHPublicKey: async (_p, fx, _n, env) => p({ UserName: fx.user.name, SSHPublicKeyId: await sshKeyId(env, fx), Status: 'Inactive' }),
    DeleteSSHPublicKey: async (_p, fx, _n, env) => p({ UserName: fx.user.name, SSHPublicKeyId: await sshKeyId(env, fx) }),
    UploadSigningCertificate: (_p, fx) => p({ UserName: fx.user.name, CertificateBody: CERT }),
    ListSigningCertificates: (_p, fx) => p({ UserName: fx.user.name }),
    UpdateSigningCertificate: async (_p, fx, _n, env) => p({ UserName: fx.user.name, CertificateId: await certificateId(env, fx), Status: 'Inactive' }),
    DeleteSigningCertificate: async (_p, fx, _n, env) => p({ UserName: fx.user.name, CertificateId: await certificateId(env, fx) }),
    CreateServiceSpecificCredential: (_p, fx) => p({ UserName: fx.user.name, ServiceName: 'codecommit.amazonaws.com' }),
    ListServiceSpecificCredentials: (_p, fx) => p({ UserName: fx.user.name }),
    ResetServiceSpecificCredential: async (_p, fx, _n, env) => p({ UserName: fx.user.name, ServiceSpecificCredentialId: await serviceCredentialId(env, fx) }),
    UpdateServiceSpecificCredential: async (_p, fx, _n, env) => p({ UserName: fx.user.name, ServiceSpecificCredentialId: await serviceCredentialId(env, fx), Status: 'Inactive' }),
    DeleteServiceSpecificCredential: async (_p, fx, _n, env) => p({ UserName: fx.user.name, ServiceSpecificCredentialId: await serviceCredentialId(env, fx) }),
    UploadServerCertificate: async (_p, fx, n, env) => {
      await serverCertificate(env, fx, n);
      await env.server.polyiam.services.serverCertificates.delete(asRoot(fx), `fx-sc-${n}`);
      return p({ ServerCertificateName: `fx-made-${n}`, CertificateBody: CERT, PrivateKey: KEY });
    },
    GetServerCertificate: async (_p, fx, n, env) => p({ ServerCertificateName: await serverCertificate(env, fx, n) }),
    ListServerCertificates: () => p({}),
    UpdateServerCertificate: async (_p, fx, n, env) => p({ ServerCertificateName: await serverCertificate(env, fx, n), NewPath: '/moved/' }),
    DeleteServerCertificate: async (_p, fx, n, env) => p({ ServerCertificateName: await serverCertificate(env, fx, n) }),
    TagServerCertificate: async (_p, fx, n, env) => p({ ServerCertificateName: await serverCertificate(env, fx, n), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }),
    UntagServerCertificate: async (_p, fx, n, env) => p({ ServerCertificateName: await serverCertificate(env, fx, n), 'TagKeys.member.1': 'k' }),
    GetContextKeysForCustomPolicy: () => p({ 'PolicyInputList.member.1': POLICY_DOCUMENT }),
    GetContextKeysForPrincipalPolicy: (_p, fx) => p({ PolicySourceArn: `arn:aws:iam::${fx.account.awsAccountId}:user/${fx.user.name}` }),
    ListServerCertificateTags: async (_p, fx, n, env) => p({ ServerCertificateName: await serverCertificate(env, fx, n) }),
  };
}
