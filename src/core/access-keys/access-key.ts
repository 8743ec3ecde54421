export type AccessKeyStatus = 'active' | 'inactive';

export interface AccessKey {
  /** the AK; globally unique */
  id: string;
  userId: string;
  accountId: string;
  /** SECURITY: the secret sealed with AES-256-GCM under the key-encryption key, never the plaintext */
  sealedSecret: string;
  status: AccessKeyStatus;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number | null;
  lastUsedService: string | null;
  /** the region the last signed request named (AWS/Volcengine credential scope); null when none did */
  lastUsedRegion: string | null;
  /** Huawei v3.0 CreateCredentialOption / UpdateCredentialOption `description`; absent when none was given */
  description?: string;
}

/** Huawei v3.0 `credential.description` of a permanent access key: at most 255 characters (like a user's). */
export const MAX_ACCESS_KEY_DESCRIPTION = 255;

/** AWS CreateAccessKey: a user may have at most two access keys. */
export const MAX_ACCESS_KEYS_PER_USER = 2;

export type AccessKeyView = Omit<AccessKey, 'sealedSecret'>;
