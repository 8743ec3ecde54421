/** An account is a tenant: nothing crosses accounts. */
export interface Account {
  /** 32 lowercase hex; Huawei renders it as `domain_id` */
  id: string;
  /** unique across the server; Huawei v3 signs the root in with it as user and domain name */
  name: string;
  /** 12 digits, for AWS-style ARNs */
  awsAccountId: string;
  /** for dialects with integer account ids (Volcengine AccountId) */
  numericId: number;
  createdAt: number;
  /** Keystone domain `enabled` (issue #16): false stops every credential of the account at once */
  enabled: boolean;
  /** Keystone domain `description` */
  description: string;
}

/** What an operator may change of a domain (Keystone PATCH /v3/domains/{domain_id}). */
export interface AccountChanges {
  name?: string;
  description?: string;
  enabled?: boolean;
}

export const ACCOUNT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
