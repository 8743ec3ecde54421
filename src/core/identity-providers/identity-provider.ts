/** An OpenID Connect identity provider of an account, as data (AWS CreateOpenIDConnectProvider); signing in with it comes later. */
export interface OidcProvider {
  id: string;
  accountId: string;
  /** the issuer URL without its `https://`, as AWS names the provider in its ARN; unique per account */
  url: string;
  clientIds: string[];
  /** 40 lowercase hex characters each (SHA-1 of the issuer's certificate) */
  thumbprints: string[];
  createdAt: number;
  updatedAt: number;
}

/** AWS "IAM and AWS STS quotas": client ids per provider 100, thumbprints per provider 5, OIDC providers per account 100 */
export const OIDC_LIMITS = { clientIds: 100, thumbprints: 5, providersPerAccount: 100 } as const;
