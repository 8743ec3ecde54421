/** A SAML 2.0 identity provider of an account, as data (AWS CreateSAMLProvider); signing in with it (AssumeRoleWithSAML) comes later. */
export interface SamlProvider {
  id: string;
  accountId: string;
  /** unique per account, case-insensitively; the last part of its ARN `saml-provider/<name>` */
  name: string;
  /** the metadata document as uploaded, returned by GetSAMLProvider */
  metadata: string;
  /** the metadata's `validUntil` (epoch ms); null when the document sets none */
  validUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

/** AWS "IAM and AWS STS quotas": 100 SAML providers per account; CreateSAMLProvider SAMLMetadataDocument 1,000..10,000,000 characters. */
export const SAML_LIMITS = { providersPerAccount: 100, minDocument: 1_000, maxDocument: 10_000_000, tags: 50 } as const;
