export type ProtectionMethod = 'phone' | 'email' | 'vmfa';
export type ExemptUnit = 'minutes' | 'hours' | 'days';

/** Login protection (Volcengine SafeAuth*, Huawei login protection). */
export interface LoginProtection {
  enabled: boolean;
  methods: ProtectionMethod[];
  /** skip the second factor for a while after a successful verification */
  exemptRequired: boolean;
  exemptUnit: ExemptUnit;
  exemptDuration: number;
}

/** Volcengine CreateLoginProfile SafeAuthExemptDuration: 5-1440 minutes, 1-168 hours or 1-7 days. */
export const EXEMPT_DURATION_RANGE: Record<ExemptUnit, [number, number]> = {
  minutes: [5, 1440],
  hours: [1, 168],
  days: [1, 7],
};

export const DEFAULT_PROTECTION: LoginProtection = {
  enabled: false,
  methods: [],
  exemptRequired: false,
  exemptUnit: 'minutes',
  exemptDuration: 15,
};

/** A user's console password and its state. The hash never leaves the core. */
export interface LoginProfile {
  userId: string;
  accountId: string;
  /** argon2id PHC string */
  passwordHash: string;
  passwordResetRequired: boolean;
  loginAllowed: boolean;
  /** last time the password was set or reset; `password_expires_at` is computed from it when read */
  passwordChangedAt: number;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
  lastLoginIp: string | null;
  failedAttempts: number;
  lockedUntil: number | null;
  protection: LoginProtection;
}

/** The user a profile belongs to, as the dialects that name it in the profile render it (Volcengine UserId, UserName). */
export interface LoginProfileOwner {
  id: string;
  name: string;
  numericId: number;
}

/** What a dialect may show: everything but the hash. */
export type LoginProfileView = Omit<LoginProfile, 'passwordHash'> & {
  passwordExpiresAt: number | null;
  isLocked: boolean;
  owner: LoginProfileOwner;
};

/** A fresh profile: never signed in, not locked. */
export function newLoginProfile(fields: {
  userId: string;
  accountId: string;
  passwordHash: string;
  passwordResetRequired: boolean;
  loginAllowed: boolean;
  protection: LoginProtection;
  now: number;
}): LoginProfile {
  const { now, ...rest } = fields;
  return { ...rest, passwordChangedAt: now, createdAt: now, updatedAt: now, lastLoginAt: null, lastLoginIp: null, failedAttempts: 0, lockedUntil: null };
}
