/** AWS server certificates (UploadServerCertificate): a certificate, its chain, and its private key sealed at rest. */
export interface ServerCertificate {
  /** AWS ServerCertificateId `ASCA…` */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively */
  name: string;
  path: string;
  body: string;
  chain: string | null;
  /** SECURITY: sealed with the SecretBox; never returned by any API, never logged */
  sealedPrivateKey: string;
  /** the certificate's notAfter */
  expiresAt: number;
  uploadedAt: number;
  updatedAt: number;
}

/** AWS "IAM and AWS STS quotas": server certificates stored in an account, 20 */
export const MAX_SERVER_CERTIFICATES = 20;
