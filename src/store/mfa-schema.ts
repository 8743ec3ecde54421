import type { Database } from './schema.js';

/** Tables of migration 0008 (login protection and MFA), kept beside `Database` in a file of their own. */
export interface MfaDevicesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  intended_user_id: string | null;
  user_id: string | null;
  sealed_seed: string;
  enabled_at: number | null;
  last_step: number | null;
  created_at: number;
}

export interface MfaDeviceTagsTable {
  device_id: string;
  tag_key: string;
  key_lower: string;
  tag_value: string;
}

export interface SignInChallengesTable {
  id: string;
  account_id: string;
  user_id: string;
  source_ip: string | null;
  method: string;
  password_ok: number;
  failures: number;
  code_hash: string | null;
  code_expires_at: number | null;
  expires_at: number;
  completed_at: number | null;
  created_at: number;
}

export interface CodeSendsTable {
  user_id: string;
  channel: string;
  last_sent_at: number;
}

export interface TrustedDevicesTable {
  user_id: string;
  device_hash: string;
  expires_at: number;
}

export interface LoginPoliciesTable {
  account_id: string;
  settings: string;
  updated_at: number;
}

export interface OperationProtectionsTable {
  user_id: string;
  enabled: number;
  methods: string;
  exempt_minutes: number;
  updated_at: number;
}

export interface MfaDatabase extends Database {
  operation_protections: OperationProtectionsTable;
  mfa_devices: MfaDevicesTable;
  mfa_device_tags: MfaDeviceTagsTable;
  sign_in_challenges: SignInChallengesTable;
  code_sends: CodeSendsTable;
  trusted_devices: TrustedDevicesTable;
  login_policies: LoginPoliciesTable;
  login_profiles: Database['login_profiles'] & { first_failed_at: number | null };
}
