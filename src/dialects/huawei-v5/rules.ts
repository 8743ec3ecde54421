import { WireValidationError } from '../kit/wire-errors.js';
import { checkString, type StringRule } from '../kit/json-fields.js';

/** Huawei v5 User.user_name: 1-64 letters, digits, `_`, `-`, `.` and spaces, not starting with a digit. */
export const USER_NAME: StringRule = {
  min: 1,
  max: 64,
  pattern: /^[A-Za-z_\-. ][A-Za-z0-9_\-. ]*$/,
  patternText: 'must hold only letters, digits, spaces, `_`, `-` and `.`, and not start with a digit',
};

/** Huawei v5 User.description: 0-255 characters, none of `@ # % & < > \ $ ^ *`. */
export const DESCRIPTION: StringRule = {
  max: 255,
  pattern: /^[^@#%&<>\\$^*]*$/,
  patternText: 'must not contain `@ # % & < > \\ $ ^ *`',
};

/** The wire bounds of a v5 password; the account's password policy decides the rest. */
export const PASSWORD: StringRule = { min: 1, max: 128 };

/** v5 user_id: 32 letters and digits ("The value contains 32 characters, including only letters and digits"). */
export function userIdParam(value: string | undefined): string {
  if (value === undefined || !/^[A-Za-z0-9]{32}$/.test(value)) {
    throw new WireValidationError('user_id', 'must be 32 letters and digits');
  }
  return value.toLowerCase();
}

/** v5 ListUsersV5 group_id: 1-64 letters, digits and `-`. */
export const GROUP_ID: StringRule = { min: 1, max: 64, pattern: /^[A-Za-z0-9-]+$/, patternText: 'must hold only letters, digits and `-`' };

/**
 * v5 Tag.tag_key: 1-64 letters of any language, digits, spaces and `_ . : = + - @`, not starting or
 * ending with a space, not starting with `_sys_`.
 */
export const TAG_KEY: StringRule = {
  min: 1,
  max: 64,
  pattern: /^(?!_sys_)(?! )[\p{L}\p{M}\p{N} _.:=+\-@]*(?<! )$/u,
  patternText: 'must hold only letters, digits, spaces and `_ . : = + - @`, not start or end with a space, and not start with `_sys_`',
};

/** v5 Tag.tag_value: 0-128 letters of any language, digits, spaces and `_ . : / = + - @`. */
export const TAG_VALUE: StringRule = {
  max: 128,
  pattern: /^[\p{L}\p{M}\p{N} _.:/=+\-@]*$/u,
  patternText: 'must hold only letters, digits, spaces and `_ . : / = + - @`',
};

/** v5 tag APIs: `tags` and the delete body each hold 1-20 items. */
export const MAX_TAGS_PER_REQUEST = 20;

/** v5 tag APIs resource_type: "trust agency or user". */
export function resourceTypeParam(value: string | undefined): 'user' | 'agency' {
  if (value !== 'user' && value !== 'agency') throw new WireValidationError('resource_type', 'must be `user` or `agency`');
  return value;
}

/** v5 tag APIs resource_id: 1-64 letters, digits and `-`. */
export function resourceIdParam(value: string | undefined): string {
  if (value === undefined || !/^[A-Za-z0-9-]{1,64}$/.test(value)) {
    throw new WireValidationError('resource_id', 'must be 1 to 64 letters, digits and `-`');
  }
  return value;
}

/** v5 access_key_id path parameter: 1-40 characters. */
export function accessKeyIdParam(value: string | undefined): string {
  if (value === undefined || !/^[A-Za-z0-9]{1,40}$/.test(value)) {
    throw new WireValidationError('access_key_id', 'must be 1 to 40 letters and digits');
  }
  return value;
}

/** v5 pagination: limit 1-200 (default 100), marker 4-400 of `[A-Za-z0-9+/=_-]`. */
export function pagination(query: Record<string, string | undefined>): { limit: number; marker?: string } {
  const rawLimit = query.limit;
  let limit = 100;
  if (rawLimit !== undefined) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 200) {
      throw new WireValidationError('limit', 'must be an integer from 1 to 200');
    }
    limit = Number(rawLimit);
  }
  const marker = query.marker;
  if (marker !== undefined) checkString('marker', marker, { min: 4, max: 400, pattern: /^[A-Za-z0-9+/=_-]+$/, patternText: 'must be 4 to 400 of `A-Za-z0-9+/=_-`' });
  return marker === undefined ? { limit } : { limit, marker };
}

/** v5 policy_id path parameter: "1 to 64 characters, including only letters, digits, and hyphens (-)". */
export function policyIdParam(value: string | undefined): string {
  if (value === undefined || !/^[A-Za-z0-9-]{1,64}$/.test(value)) {
    throw new WireValidationError('policy_id', 'must be 1 to 64 letters, digits and `-`');
  }
  return value;
}

/** v5 version_id path parameter: "a string starting with v followed by digits, for example, v5". */
export function versionIdParam(value: string | undefined): string {
  if (value === undefined || !/^v[1-9][0-9]{0,8}$/.test(value)) {
    throw new WireValidationError('version_id', 'must be `v` followed by digits, e.g. `v5`');
  }
  return value;
}

/** v5 group_id path parameter (a path segment, so checked like the ListUsersV5 `group_id` filter). */
export function groupIdParam(value: string | undefined): string {
  if (value === undefined) throw new WireValidationError('group_id', 'is required', 'missing');
  checkString('group_id', value, GROUP_ID);
  return value.toLowerCase();
}

/** CreatePolicyV5 policy_name: "1 to 128 characters, including only letters, digits, and `_+=.@-`". */
export const POLICY_NAME: StringRule = { min: 1, max: 128, pattern: /^[A-Za-z0-9_+=.@-]+$/, patternText: 'must hold only letters, digits and `_+=.@-`' };

/**
 * CreatePolicyV5 path: "0 to 512 characters"; segments of letters, digits and `.,+@=_-`, each ending
 * with `/`, e.g. `foo/bar/`; empty by default.
 */
export const POLICY_PATH: StringRule = {
  max: 512,
  pattern: /^(?:[A-Za-z0-9.,+@=_-]+\/)*$/,
  patternText: 'must be segments of letters, digits and `.,+@=_-`, each ending with `/`, e.g. `foo/bar/`',
};

/** CreatePolicyV5 description: the docs retrieved give no bound; held to 1000 characters (UNVERIFIED). */
export const POLICY_DESCRIPTION: StringRule = { max: 1000 };

/** policy_document: a JSON text in a string; its own size limit is checked by core (limits.ts). */
export const POLICY_DOCUMENT: StringRule = { min: 1, max: 131_072 };

/**
 * CreateGroupV5 group_name / UpdateGroupV5 new_group_name: the docs retrieved give no pattern; held to
 * the v5 user name's characters and 1-128 characters (UNVERIFIED).
 */
export const GROUP_NAME: StringRule = {
  min: 1,
  max: 128,
  pattern: /^[A-Za-z0-9_\-. ]+$/,
  patternText: 'must hold only letters, digits, spaces, `_`, `-` and `.`',
};

/** STS5 DecodeAuthorizationMessage encoded_message: "1 to 10,240 characters". */
export const ENCODED_MESSAGE: StringRule = { min: 1, max: 10_240 };

/** ListPoliciesV5 policy_type: `custom` or `system` (SDK ListPoliciesV5RequestPolicyTypeEnum). */
export function policyTypeParam(value: string | undefined): 'custom' | 'system' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'custom' && value !== 'system') throw new WireValidationError('policy_type', 'must be `custom` or `system`');
  return value;
}

/** ListEntitiesForPolicyV5 entity_type: `user`, `group` or `agency` (SDK ListEntitiesForPolicyV5RequestEntityTypeEnum). */
export function entityTypeParam(value: string | undefined): 'user' | 'group' | 'agency' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'user' && value !== 'group' && value !== 'agency') throw new WireValidationError('entity_type', 'must be `user`, `group` or `agency`');
  return value;
}

/** A boolean query parameter (`only_attached`): `true` or `false`. */
export function booleanQuery(field: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new WireValidationError(field, 'must be `true` or `false`');
  return value === 'true';
}
