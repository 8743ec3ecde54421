import { MAX_USER_EXTRAS, MAX_USER_EXTRAS_BYTES, type UserExtras } from '../../../core/keystone-users/user-extras.js';
import { parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import type { V3Call } from '../operation.js';

/** what Keystone or the user view computes itself: never taken as an extra attribute, so none hides a field */
const RESERVED = new Set(['id', 'links', 'password_expires_at', 'pwd_status', 'extra', 'domain', 'federated']);

/**
 * Keystone's extra user attributes in a POST or PATCH /v3/users body (identity/schema.py
 * `additionalProperties: True`): every property outside `known`, under POLYIAM_V3_RULES=keystone only
 * (Huawei's KeystoneCreateUser refuses them, and so does the `huawei` rule set).
 */
export function userExtrasIn(call: V3Call, known: string[]): UserExtras {
  if (call.rules !== 'keystone') return {};
  const user = (parseJsonBody(call.body) as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return {};
  const extras: UserExtras = {};
  for (const [key, value] of Object.entries(user as Record<string, unknown>)) {
    if (known.includes(key)) continue;
    if (RESERVED.has(key) || key.length > 64 || key.startsWith('__')) throw new WireValidationError(`user.${key}`, 'is not a field a user can be given');
    extras[key] = value;
  }
  if (Object.keys(extras).length > MAX_USER_EXTRAS) throw new WireValidationError('user', `a user has at most ${MAX_USER_EXTRAS} extra attributes`);
  if (Buffer.byteLength(JSON.stringify(extras)) > MAX_USER_EXTRAS_BYTES) throw new WireValidationError('user', `extra attributes take at most ${MAX_USER_EXTRAS_BYTES} bytes of JSON`);
  return extras;
}
