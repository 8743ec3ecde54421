import type { ExemptUnit, ProtectionMethod } from '../../core/login-profiles/login-profile.js';
import type { PasswordPolicySettings } from '../../core/password-policy/password-policy.js';
import { checkString, type StringRule } from '../kit/json-fields.js';
import type { QueryParams } from '../kit/query-params.js';
import { WireValidationError } from '../kit/wire-errors.js';

/** Volcengine CreateUser UserName: "长度1~64,支持英文、数字、下划线、和.-@符号". */
export const NEW_USER_NAME: StringRule = {
  min: 1,
  max: 64,
  pattern: /^[A-Za-z0-9_.@-]+$/,
  patternText: 'must hold only letters, digits, `_`, `.`, `-` and `@`',
};

/**
 * A name that refers to an existing user. DESIGN.md: every dialect reads every user, so a name another
 * dialect allowed at creation (a space from Huawei, `+=,` from AWS) must be accepted here too.
 */
export const USER_NAME_REF: StringRule = { min: 1, max: 64, pattern: /^[^\p{Cc}]+$/u, patternText: 'must not contain control characters' };

/** Volcengine CreateUser DisplayName: "长度1~128,仅支持中文、英文、数字、空格和.-_@符号"; empty clears it on update. */
export const DISPLAY_NAME: StringRule = {
  max: 128,
  pattern: /^[\p{Script=Han}A-Za-z0-9 ._@-]*$/u,
  patternText: 'must hold only Chinese characters, letters, digits, spaces, `.`, `-`, `_` and `@`',
};

/** Volcengine CreateUser Description: "长度不超过255". */
export const DESCRIPTION: StringRule = { max: 255, pattern: /^[^\p{Cc}]*$/u, patternText: 'must not contain control characters' };

/** Volcengine Email: an address; empty clears it on update. */
export const EMAIL: StringRule = { max: 255, pattern: /^(?:[^\s@]+@[^\s@]+\.[^\s@]+)?$/, patternText: 'must be an email address' };

/** Volcengine MobilePhone, e.g. `+8613000000000`; empty clears it on update. */
export const MOBILE_PHONE: StringRule = { max: 32, pattern: /^(?:\+?[0-9][0-9-]{4,30})?$/, patternText: 'must be a phone number such as `+8613000000000`' };

/** The wire bounds of a password; the account's password policy decides the rest. */
export const PASSWORD: StringRule = { min: 1, max: 128 };

/** Volcengine AccessKeyId: `AKLT[a-zA-Z0-9-_]+`, 20 to 32 characters; polyiam's own keys are `AKIA...`. */
export const ACCESS_KEY_ID: StringRule = { min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternText: 'must hold only letters, digits, `_` and `-`' };

/**
 * Volcengine CreateUser Tags.N.Key / Tags.N.Value: "长度为1~128字符" / "0~256字符", "允许任何语言文字、数字、
 * 空格和_ . : / = + - @符号".
 */
export const TAG_KEY: StringRule = { min: 1, max: 128, pattern: /^[\p{L}\p{N} _.:/=+@-]+$/u, patternText: 'must hold only letters, digits, spaces and `_ . : / = + - @`' };
export const TAG_VALUE: StringRule = { max: 256, pattern: /^[\p{L}\p{N} _.:/=+@-]*$/u, patternText: 'must hold only letters, digits, spaces and `_ . : / = + - @`' };

/** The only resource type whose tags polyiam keeps (Volcengine TagResources ResourceType: `User` or `Role`). */
export function resourceType(params: QueryParams): 'User' {
  const value = params.requiredString('ResourceType');
  if (value === 'Role') throw new WireValidationError('ResourceType', '`Role` is not supported: polyiam has no roles yet');
  if (value !== 'User') throw new WireValidationError('ResourceType', 'must be `User` or `Role`');
  return value;
}

/** A plain indexed list (`ResourceNames.1`, `TagKeys.1`), each member checked with `rule`. */
export function stringList(params: QueryParams, prefix: string, rule: StringRule, bounds: { min: number; max: number }): string[] {
  const entries = params.indexedList(prefix);
  const values = entries.map((entry, i) => {
    const value = entry.get('');
    if (value === undefined || entry.size !== 1) throw new WireValidationError(`${prefix}.${i + 1}`, 'must be a single value');
    return value;
  });
  if (values.length < bounds.min) throw new WireValidationError(`${prefix}.1`, 'is required', 'missing');
  if (values.length > bounds.max) throw new WireValidationError(prefix, `must have at most ${bounds.max} members`);
  values.forEach((value, i) => checkString(`${prefix}.${i + 1}`, value, rule));
  return values;
}

/** `Tags.N.Key` / `Tags.N.Value` (CreateUser, TagResources); at most 50 per user (Volcengine "至多附加50对标签"). */
export function tagList(params: QueryParams, options: { required: boolean }): Array<{ key: string; value: string }> {
  const entries = params.indexedList('Tags');
  if (options.required && entries.length === 0) throw new WireValidationError('Tags.1.Key', 'is required', 'missing');
  if (entries.length > 50) throw new WireValidationError('Tags', 'must have at most 50 members');
  return entries.map((entry, i) => {
    const n = i + 1;
    const key = entry.get('Key');
    if (key === undefined) throw new WireValidationError(`Tags.${n}.Key`, 'is required', 'missing');
    const value = entry.get('Value') ?? '';
    checkString(`Tags.${n}.Key`, key, TAG_KEY);
    checkString(`Tags.${n}.Value`, value, TAG_VALUE);
    return { key, value };
  });
}

/** Volcengine SafeAuthType: "phone,email" — a comma list of phone, email, vmfa ("vmfa, phone, email" also seen in the docs). */
export function safeAuthType(params: QueryParams): ProtectionMethod[] | undefined {
  const raw = params.optionalString('SafeAuthType', { max: 64 });
  if (raw === undefined) return undefined;
  const methods = raw.split(',').map((m) => m.trim()).filter((m) => m !== '');
  for (const method of methods) {
    if (method !== 'phone' && method !== 'email' && method !== 'vmfa') {
      throw new WireValidationError('SafeAuthType', `\`${method}\` is not one of phone, email, vmfa`);
    }
  }
  return methods as ProtectionMethod[];
}

/** Volcengine SafeAuthExemptUnit: 0 minutes, 1 hours, 2 days. */
export const EXEMPT_UNITS: readonly ExemptUnit[] = ['minutes', 'hours', 'days'];

export function exemptUnit(params: QueryParams): ExemptUnit | undefined {
  const code = params.optionalInteger('SafeAuthExemptUnit', 0, 2);
  return code === undefined ? undefined : EXEMPT_UNITS[code];
}

/** Volcengine SafeAuthExemptRequired: 0 off, 1 on. */
export function zeroOrOne(params: QueryParams, name: string): boolean | undefined {
  const value = params.optionalInteger(name, 0, 1);
  return value === undefined ? undefined : value === 1;
}

/**
 * UpdatePasswordPolicy (polyiam extension, operations/passwords.ts): wire name → core field. The core
 * checks the integers against its POLICY_BOUNDS.
 */
export const POLICY_INTEGER_FIELDS = {
  MinimumPasswordLength: 'minimumLength',
  MaximumPasswordLength: 'maximumLength',
  MinimumCharacterTypes: 'minimumCharClasses',
  MaxPasswordAge: 'maxAgeDays',
  PasswordReusePrevention: 'reusePrevention',
  MaxLoginAttempts: 'lockoutThreshold',
  LockoutDurationMinutes: 'lockoutMinutes',
} as const satisfies Record<string, keyof PasswordPolicySettings>;

export const POLICY_BOOLEAN_FIELDS = {
  RequireUppercaseCharacters: 'requireUppercase',
  RequireLowercaseCharacters: 'requireLowercase',
  RequireNumbers: 'requireNumbers',
  RequireSymbols: 'requireSymbols',
  HardExpiry: 'hardExpiry',
  AllowUsersToChangePassword: 'allowUsersToChangePassword',
} as const satisfies Record<string, keyof PasswordPolicySettings>;

/** For errors: the wire name of a core policy field (the core names its own fields in invalid-input). */
export const POLICY_FIELD_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries({ ...POLICY_INTEGER_FIELDS, ...POLICY_BOOLEAN_FIELDS }).map(([wire, core]) => [core, wire]),
);

/** Volcengine CreatePolicy PolicyName: "长度1~64,支持英文、数字和+=,.@-_符号" (docs 6257/65025). */
export const POLICY_NAME: StringRule = { min: 1, max: 64, pattern: /^[A-Za-z0-9+=,.@_-]+$/, patternText: 'must hold only letters, digits and `+=,.@-_`' };

/**
 * A name referring to an existing policy: another dialect may have allowed a longer one (Huawei v5:
 * 128), and system policies are named in each dialect (system-policies.ts).
 */
export const POLICY_NAME_REF: StringRule = { min: 1, max: 128, pattern: /^[^\p{Cc}]+$/u, patternText: 'must not contain control characters' };

/** Volcengine CreatePolicy Description: "长度不超过128". */
export const POLICY_DESCRIPTION: StringRule = { max: 128, pattern: /^[^\p{Cc}]*$/u, patternText: 'must not contain control characters' };

/** PolicyDocument: a JSON text; its size limit is core's (limits.ts). */
export const POLICY_DOCUMENT: StringRule = { min: 1, max: 131_072 };

/** PolicyType (GetPolicy, AttachUserPolicy...): `Custom` or `System`. */
export function policyType(params: QueryParams, name = 'PolicyType', required = true): 'custom' | 'system' | undefined {
  const value = required ? params.requiredString(name) : params.optionalString(name);
  if (value === undefined) return undefined;
  if (value === 'Custom') return 'custom';
  if (value === 'System') return 'system';
  throw new WireValidationError(name, 'must be `Custom` or `System`');
}
