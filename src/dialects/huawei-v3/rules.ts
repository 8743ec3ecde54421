import { AccessDeniedError } from '../../core/errors.js';
import type { IamAction } from '../../core/authorization/actions.js';
import type { StringRule } from '../kit/json-fields.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { callerOf, type V3Call } from './operation.js';

/**
 * Huawei IAM v3 "Creating an IAM User" `name`: 1 to 32 characters, letters, digits, spaces, `-`, `_`
 * and `.`, not starting with a digit.
 */
export const USER_NAME: StringRule = {
  min: 1,
  max: 32,
  pattern: /^[A-Za-z_\-. ][A-Za-z0-9_\-. ]*$/,
  patternText: 'must hold only letters, digits, spaces, `-`, `_` and `.`, and not start with a digit',
};

/** Huawei IAM v3 "Creating a User Group" `name`: at most 64 characters (no control characters). */
export const GROUP_NAME: StringRule = {
  min: 1,
  max: 64,
  pattern: /^[^\x00-\x1f\x7f]+$/,
  patternText: 'must not contain control characters',
};

/** Users' and groups' `description`: at most 255 characters (Huawei v3 user and group docs). */
export const DESCRIPTION: StringRule = { max: 255 };

/** The wire bounds of a password; the account's password policy decides the rest. */
export const PASSWORD: StringRule = { min: 1, max: 128 };

/** Path ids are passed to core as they are; this only bounds them (core answers 404 for no such id). */
export function pathId(call: V3Call, name: string): string {
  const value = call.params[name];
  if (value === undefined || value.length === 0 || value.length > 64) throw new WireValidationError(name, 'must be 1 to 64 characters');
  return value;
}

/**
 * Huawei v3 `domain_id` in a body or filter: the account the caller belongs to. Any other domain is
 * refused as an authorization failure (Keystone: 403 for a domain the token has no rights on), and
 * audited like one.
 * @throws access-denied
 */
export function requireOwnDomain(call: V3Call, domainId: string | undefined, action: IamAction): void {
  const ctx = callerOf(call);
  if (domainId === undefined || domainId === ctx.principal.accountId) return;
  const err = new AccessDeniedError(action, `domain/${domainId}`, 'not-allowed');
  call.services.audit.failure(ctx, action, `domain/${domainId}`, err);
  throw err;
}

/** The one value of a query parameter; given twice is refused rather than guessed at. */
export function queryValue(call: V3Call, name: string): string | undefined {
  const values = call.query.filter(([key]) => key === name);
  if (values.length > 1) throw new WireValidationError(name, 'is given more than once');
  return values[0]?.[1];
}

/** Only these query parameters are understood; anything else is a 400 rather than silently ignored. */
export function onlyKnownQuery(call: V3Call, names: string[]): void {
  for (const [key] of call.query) if (!names.includes(key)) throw new WireValidationError(key, 'is not a known query parameter');
}

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** Keystone's boolean query values (`utils.attr_as_boolean`): true/false, 1/0, yes/no, on/off. */
export function booleanQuery(call: V3Call, name: string): boolean | undefined {
  const value = queryValue(call, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new WireValidationError(name, 'must be `true` or `false`');
}

/** Keystone `nocatalog`: present without a value, or true-ish, leaves the catalog out. */
export function noCatalog(call: V3Call): boolean {
  const value = queryValue(call, 'nocatalog');
  return value !== undefined && (value === '' || TRUE.has(value.toLowerCase()));
}

/** Keystone flag queries (`?effective`, `?include_names`): present without a value means true. */
export function flagQuery(call: V3Call, name: string): boolean {
  const value = queryValue(call, name);
  if (value === undefined) return false;
  return value === '' || booleanQuery(call, name) === true;
}
