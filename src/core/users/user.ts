export interface Tag {
  key: string;
  value: string;
}

/**
 * One user, one canonical id. Dialect renderings of the id (AWS `AIDA...`, Volcengine integer) are
 * made once at creation and stored, so every dialect can read every user.
 */
export interface User {
  /** 32 lowercase hex */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively */
  name: string;
  /** AWS path, `/` by default */
  path: string;
  description: string;
  displayName: string;
  email: string;
  phone: string;
  enabled: boolean;
  /** the account's root user: may do everything in its account and cannot be deleted */
  isRoot: boolean;
  awsId: string;
  numericId: number;
  createdAt: number;
  updatedAt: number;
  /** last time the password was used to sign in (AWS PasswordLastUsed) */
  passwordLastUsedAt: number | null;
  /**
   * The managed or system policy that bounds what the user's identity policies may grant (AWS
   * PutUserPermissionsBoundary, User `PermissionsBoundary`); null when the user has none.
   */
  permissionsBoundaryId: string | null;
}

/** AWS/Volcengine-style limits shared by every dialect's tag operations. */
export const MAX_TAGS_PER_USER = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
