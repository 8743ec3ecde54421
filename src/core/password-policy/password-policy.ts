import type { PasswordViolation } from '../errors.js';

/**
 * One account's password policy. Fields are the union of what the clouds expose:
 * AWS UpdateAccountPasswordPolicy, Huawei v5 password-policy, Volcengine SetSecurityConfig.
 */
export interface PasswordPolicySettings {
  minimumLength: number;
  maximumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  /** Huawei password_char_combination: how many of upper/lower/digit/symbol must appear */
  minimumCharClasses: number;
  /** Huawei password_not_username_or_invert */
  notUserNameOrReversed: boolean;
  /** Huawei maximum_consecutive_identical_chars; 0 = no limit */
  maxConsecutiveIdenticalChars: number;
  /** AWS MaxPasswordAge, Huawei password_validity_period (days); 0 = never expires */
  maxAgeDays: number;
  /** Huawei minimum_password_age (minutes); 0 = no minimum */
  minimumAgeMinutes: number;
  /** AWS PasswordReusePrevention, Huawei password_reuse_prevention; 0 = off */
  reusePrevention: number;
  /** AWS HardExpiry: an expired password cannot be changed by its user, only reset by an admin */
  hardExpiry: boolean;
  /** AWS AllowUsersToChangePassword, Huawei allow_user_to_change_password */
  allowUsersToChangePassword: boolean;
  /** failed sign-ins before a lock; 0 = never lock (Huawei login policy lockout_duration/login_failed_times) */
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export interface PasswordPolicy extends PasswordPolicySettings {
  /** false while the account runs on the defaults (AWS GetAccountPasswordPolicy answers NoSuchEntity) */
  isCustom: boolean;
}

/** The foundation issue's defaults: 8-32 characters, two classes, not the user name or its reverse. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicySettings = {
  minimumLength: 8,
  maximumLength: 32,
  requireUppercase: false,
  requireLowercase: false,
  requireNumbers: false,
  requireSymbols: false,
  minimumCharClasses: 2,
  notUserNameOrReversed: true,
  maxConsecutiveIdenticalChars: 0,
  maxAgeDays: 0,
  minimumAgeMinutes: 0,
  reusePrevention: 0,
  hardExpiry: false,
  allowUsersToChangePassword: true,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
};

/** Bounds every dialect enforces on updates (AWS: length 6-128, reuse 1-24, age 1-1095). */
export const POLICY_BOUNDS = {
  minimumLength: [6, 128],
  maximumLength: [6, 128],
  minimumCharClasses: [0, 4],
  maxConsecutiveIdenticalChars: [0, 32],
  maxAgeDays: [0, 1095],
  minimumAgeMinutes: [0, 1440],
  reusePrevention: [0, 24],
  lockoutThreshold: [0, 100],
  lockoutMinutes: [1, 1440],
} as const satisfies Partial<Record<keyof PasswordPolicySettings, readonly [number, number]>>;

const SYMBOLS = /[^A-Za-z0-9]/;

/**
 * Pure check of a candidate password against the policy. Returns every rule broken, not the first,
 * so a client can fix them all at once. Reuse is checked by the caller (it needs the hasher).
 */
export function checkPassword(policy: PasswordPolicySettings, password: string, userName: string): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < policy.minimumLength) violations.push({ rule: 'min-length', limit: policy.minimumLength });
  if (length > policy.maximumLength) violations.push({ rule: 'max-length', limit: policy.maximumLength });
  // Passwords are printable ASCII in every vendor's docs (Kingsoft [:graph:], Huawei "special characters")
  if (!/^[\x20-\x7e]*$/.test(password)) violations.push({ rule: 'invalid-characters' });
  const hasUpper = /[A-Z]/.test(password);
  const hasLower = /[a-z]/.test(password);
  const hasNumber = /[0-9]/.test(password);
  const hasSymbol = SYMBOLS.test(password);
  if (policy.requireUppercase && !hasUpper) violations.push({ rule: 'require-uppercase' });
  if (policy.requireLowercase && !hasLower) violations.push({ rule: 'require-lowercase' });
  if (policy.requireNumbers && !hasNumber) violations.push({ rule: 'require-numbers' });
  if (policy.requireSymbols && !hasSymbol) violations.push({ rule: 'require-symbols' });
  const classes = [hasUpper, hasLower, hasNumber, hasSymbol].filter(Boolean).length;
  if (classes < policy.minimumCharClasses) violations.push({ rule: 'char-classes', limit: policy.minimumCharClasses });
  if (policy.notUserNameOrReversed && userName) {
    const lower = password.toLowerCase();
    const name = userName.toLowerCase();
    if (lower === name || lower === [...name].reverse().join('')) violations.push({ rule: 'not-user-name' });
  }
  if (policy.maxConsecutiveIdenticalChars > 0 && longestRun(password) > policy.maxConsecutiveIdenticalChars) {
    violations.push({ rule: 'consecutive-identical-chars', limit: policy.maxConsecutiveIdenticalChars });
  }
  return violations;
}

function longestRun(text: string): number {
  let longest = 0;
  let run = 0;
  let previous = '';
  for (const ch of text) {
    run = ch === previous ? run + 1 : 1;
    previous = ch;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Computed when read, from the current policy, so a new max age applies to existing passwords. */
export function passwordExpiresAt(policy: PasswordPolicySettings, passwordChangedAt: number): number | null {
  return policy.maxAgeDays > 0 ? passwordChangedAt + policy.maxAgeDays * 86_400_000 : null;
}
