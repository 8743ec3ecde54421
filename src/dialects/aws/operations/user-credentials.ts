import { parseSshPublicKey } from '../../../core/user-credentials/ssh-keys.js';
import type { UserCredential, UserCredentialKind } from '../../../core/user-credentials/user-credential.js';
import type { User } from '../../../core/users/user.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { isoDate, targetUser, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalMember, readPaging, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';

const TEXT = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
const TEXT_PATTERN = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
/** SSHPublicKeyBody, CertificateBody: 1-16384 of `[\u0009\u000A\u000D\u0020-\u00FF]+` */
export const MATERIAL: MemberRule = { min: 1, max: 16384, pattern: TEXT, patternText: TEXT_PATTERN };
/** SSHPublicKeyId, ServiceSpecificCredentialId: 20-128 of `[\w]+`; CertificateId: 24-128 */
const SSH_KEY_ID: MemberRule = { min: 20, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' };
const CERTIFICATE_ID: MemberRule = { min: 24, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' };
const CREDENTIAL_ID: MemberRule = { min: 20, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' };
const SERVICE_NAME: MemberRule = { min: 1 };

function status(params: QueryParams): 'Active' | 'Inactive' {
  const value = requiredMember(params, 'Status', {});
  if (value !== 'Active' && value !== 'Inactive') throw new MemberConstraintError('Status', 'Member must satisfy enum value set: [Active, Inactive]');
  return value;
}

const sshKey = (c: UserCredential, user: User, body?: string) => ({ UserName: user.name, SSHPublicKeyId: c.id, Fingerprint: c.fingerprint, SSHPublicKeyBody: body ?? c.body, Status: c.status, UploadDate: isoDate(c.createdAt) });
const certificate = (c: UserCredential, user: User) => ({ UserName: user.name, CertificateId: c.id, CertificateBody: c.body, Status: c.status, UploadDate: isoDate(c.createdAt) });
const serviceCredential = (c: UserCredential, user: User, password?: string) => ({
  CreateDate: isoDate(c.createdAt),
  ServiceName: c.serviceName,
  ServiceUserName: c.serviceUserName,
  // SECURITY: only CreateServiceSpecificCredential and ResetServiceSpecificCredential return it
  ServicePassword: password,
  ServiceSpecificCredentialId: c.id,
  UserName: user.name,
  Status: c.status,
});

/**
 * Users' SSH public keys, signing certificates and service-specific credentials (IAM API reference).
 * SSH key actions need UserName; the others default to the caller, as AWS documents.
 */
export function userCredentialOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  const required = (params: QueryParams, ctx: Parameters<typeof targetUser>[1]) => targetUser(params, ctx, flavor.userNameRef, { required: true });
  const optional = (params: QueryParams, ctx: Parameters<typeof targetUser>[1]) => targetUser(params, ctx, flavor.userNameRef);
  const simple = (action: string, kind: UserCredentialKind, idName: string, idRule: MemberRule, userRequired: boolean, verb: 'update' | 'delete'): QueryOperation => ({
    action,
    async run({ ctx, params, services }) {
      const user = userRequired ? required(params, ctx) : optional(params, ctx);
      const id = requiredMember(params, idName, idRule);
      if (verb === 'update') await services.userCredentials.setStatus(ctx, user, kind, id, status(params));
      else await services.userCredentials.delete(ctx, user, kind, id);
      return undefined;
    },
  });
  return [
    {
      action: 'UploadSSHPublicKey',
      async run({ ctx, params, services }) {
        const user = required(params, ctx);
        const { credential, user: owner } = await services.userCredentials.uploadSshPublicKey(ctx, user, requiredMember(params, 'SSHPublicKeyBody', MATERIAL));
        return { SSHPublicKey: sshKey(credential, owner) };
      },
    },
    {
      action: 'GetSSHPublicKey',
      async run({ ctx, params, services }) {
        const user = required(params, ctx);
        const id = requiredMember(params, 'SSHPublicKeyId', SSH_KEY_ID);
        const encoding = requiredMember(params, 'Encoding', {});
        if (encoding !== 'SSH' && encoding !== 'PEM') throw new MemberConstraintError('Encoding', 'Member must satisfy enum value set: [SSH, PEM]');
        const { credential, user: owner } = await services.userCredentials.get(ctx, user, 'ssh-public-key', id);
        return { SSHPublicKey: sshKey(credential, owner, encoding === 'PEM' ? sshToPem(credential.body) : credential.body) };
      },
    },
    {
      action: 'ListSSHPublicKeys',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const { user, credentials } = await services.userCredentials.list(ctx, optional(params, ctx), 'ssh-public-key');
        const page = pageOf(credentials, (c) => c.id, paging);
        return { SSHPublicKeys: page.items.map((c) => ({ UserName: user.name, SSHPublicKeyId: c.id, Status: c.status, UploadDate: isoDate(c.createdAt) })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    simple('UpdateSSHPublicKey', 'ssh-public-key', 'SSHPublicKeyId', SSH_KEY_ID, true, 'update'),
    simple('DeleteSSHPublicKey', 'ssh-public-key', 'SSHPublicKeyId', SSH_KEY_ID, true, 'delete'),
    {
      action: 'UploadSigningCertificate',
      async run({ ctx, params, services }) {
        const { credential, user } = await services.userCredentials.uploadSigningCertificate(ctx, optional(params, ctx), requiredMember(params, 'CertificateBody', MATERIAL));
        return { Certificate: certificate(credential, user) };
      },
    },
    {
      action: 'ListSigningCertificates',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const { user, credentials } = await services.userCredentials.list(ctx, optional(params, ctx), 'signing-certificate');
        const page = pageOf(credentials, (c) => c.id, paging);
        return { Certificates: page.items.map((c) => certificate(c, user)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    simple('UpdateSigningCertificate', 'signing-certificate', 'CertificateId', CERTIFICATE_ID, false, 'update'),
    simple('DeleteSigningCertificate', 'signing-certificate', 'CertificateId', CERTIFICATE_ID, false, 'delete'),
    {
      action: 'CreateServiceSpecificCredential',
      async run({ ctx, params, services }) {
        const user = required(params, ctx);
        const issued = await services.userCredentials.createServiceCredential(ctx, user, requiredMember(params, 'ServiceName', SERVICE_NAME));
        return { ServiceSpecificCredential: serviceCredential(issued.credential, issued.user, issued.password) };
      },
    },
    {
      action: 'ListServiceSpecificCredentials',
      async run({ ctx, params, services }) {
        const serviceName = optionalMember(params, 'ServiceName', SERVICE_NAME);
        const { user, credentials } = await services.userCredentials.list(ctx, optional(params, ctx), 'service-specific-credential', serviceName === undefined ? {} : { serviceName });
        return { ServiceSpecificCredentials: credentials.map((c) => serviceCredential(c, user)) };
      },
    },
    {
      action: 'ResetServiceSpecificCredential',
      async run({ ctx, params, services }) {
        const issued = await services.userCredentials.resetServiceCredential(ctx, optional(params, ctx), requiredMember(params, 'ServiceSpecificCredentialId', CREDENTIAL_ID));
        return { ServiceSpecificCredential: serviceCredential(issued.credential, issued.user, issued.password) };
      },
    },
    simple('UpdateServiceSpecificCredential', 'service-specific-credential', 'ServiceSpecificCredentialId', CREDENTIAL_ID, false, 'update'),
    simple('DeleteServiceSpecificCredential', 'service-specific-credential', 'ServiceSpecificCredentialId', CREDENTIAL_ID, false, 'delete'),
  ];
}

/** GetSSHPublicKey Encoding=PEM: the stored `ssh-rsa` key as SubjectPublicKeyInfo PEM */
const sshToPem = (ssh: string): string => parseSshPublicKey(ssh).pem;
