import { InvalidInputError } from '../errors.js';

/**
 * What a user holds besides passwords and access keys (AWS): SSH public keys (UploadSSHPublicKey),
 * X.509 signing certificates (UploadSigningCertificate) and service-specific credentials
 * (CreateServiceSpecificCredential). They share one shape: an id, an owner, a status, the material.
 */
export type UserCredentialKind = 'ssh-public-key' | 'signing-certificate' | 'service-specific-credential';

export interface UserCredential {
  /** AWS SSHPublicKeyId `APKA…`, CertificateId, ServiceSpecificCredentialId `ACCA…` */
  id: string;
  kind: UserCredentialKind;
  userId: string;
  accountId: string;
  status: 'Active' | 'Inactive';
  /** the SSH key as OpenSSH `ssh-rsa AAAA…`, the certificate PEM; empty for service credentials */
  body: string;
  /** SSH: MD5 of the key blob, `aa:bb:…`; certificate: SHA-256 of its DER; service credential: its service. Unique per user and kind */
  fingerprint: string;
  /** service-specific credentials: AWS ServiceName and ServiceUserName */
  serviceName: string;
  serviceUserName: string;
  /** service-specific credentials: the password, sealed with the SecretBox (SECURITY: never stored in the clear) */
  sealedSecret: string | null;
  createdAt: number;
  updatedAt: number;
}

/** AWS "IAM and AWS STS quotas": SSH public keys per user 5, signing certificates per user 2, service-specific credentials per user per service 2 */
export const USER_CREDENTIAL_LIMITS = {
  'ssh-public-key': 5,
  'signing-certificate': 2,
  'service-specific-credential': 2,
} as const satisfies Record<UserCredentialKind, number>;

/** What is wrong with uploaded key or certificate material; each dialect names it its own way (AWS MalformedCertificate...). */
export type MaterialProblem =
  | 'invalid-public-key'
  | 'unrecognized-public-key-encoding'
  | 'duplicate-ssh-public-key'
  | 'malformed-certificate'
  | 'invalid-certificate'
  | 'duplicate-certificate'
  | 'key-pair-mismatch'
  | 'unsupported-service';

/** Key or certificate material that does not parse, repeats one already uploaded, or does not match. */
export class CredentialMaterialError extends InvalidInputError {
  constructor(
    readonly problem: MaterialProblem,
    reason: string,
  ) {
    super(problem, reason);
  }
}
