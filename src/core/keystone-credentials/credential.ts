/**
 * Keystone credentials (`/v3/credentials`, issue #16). An `ec2` credential is a core access key of its
 * user (its blob's `access` is the key id, its `secret` the key's secret): it signs AWS-style calls and
 * is listed by every dialect's access-key API. Any other type (`totp`, `cert`, ...) is an opaque blob.
 */
import type { AccessKey } from '../access-keys/access-key.js';

/** what the store keeps of one credential */
export interface CredentialRecord {
  /** `ec2`: the sha256 hex of the access id it was made with (Keystone's rule); otherwise 32 hex */
  id: string;
  accountId: string;
  userId: string;
  projectId: string | null;
  type: string;
  /** SECURITY: sealed with the SecretBox; for `ec2`, the blob's fields other than `access` and `secret` */
  sealedBlob: string;
  /** `ec2` only: the core access key it is */
  accessKeyId: string | null;
  createdAt: number;
}

/** a record as read, with its access key for `ec2` (a record whose key was deleted elsewhere is not read) */
export interface StoredCredential extends CredentialRecord {
  key?: AccessKey;
}

/** a credential as Keystone shows it: the blob is JSON text, and a secret */
export interface KeystoneCredential {
  id: string;
  accountId: string;
  userId: string;
  projectId: string | null;
  type: string;
  blob: string;
  /** `ec2` only */
  access?: string;
  secret?: string;
  /** `ec2` only: the blob's `trust_id` (always null here: trusts are not served) */
  trustId?: string | null;
}

export interface CredentialFilter {
  userId?: string;
  type?: string;
}

/** Storage of credentials; `ec2` writes change the core access key in the same transaction. */
export interface KeystoneCredentialRepository {
  /** @throws already-exists (credential, or access-key when the id is taken) | limit-exceeded (the user's keys) */
  createEc2(record: CredentialRecord, key: AccessKey, maxKeysPerUser: number): Promise<void>;
  /** @throws already-exists */
  create(record: CredentialRecord): Promise<void>;
  find(accountId: string, id: string): Promise<StoredCredential | undefined>;
  findByAccessKey(accountId: string, accessKeyId: string): Promise<StoredCredential | undefined>;
  /** credentials of existing users, oldest first */
  list(accountId: string, filter: CredentialFilter): Promise<StoredCredential[]>;
  /**
   * Replaces the record's project, blob and type; for `ec2`, `key` is the access key it now is: the
   * same id with a new secret, or another id (the old key is deleted, the new one keeps its status).
   * @throws already-exists (access-key)
   */
  update(record: CredentialRecord, key?: { previousId: string; next: AccessKey }): Promise<void>;
  /** deletes the record and, for `ec2`, its access key; false when there was none */
  delete(accountId: string, id: string): Promise<boolean>;
}

/** Keystone caps nothing; a blob is kept to this many characters so one row stays a row */
export const MAX_BLOB_CHARS = 65_536;
