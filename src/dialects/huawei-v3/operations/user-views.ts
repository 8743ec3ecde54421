import type { LoginProfileView } from '../../../core/login-profiles/login-profile.js';
import { isIamError } from '../../../core/errors.js';
import type { User } from '../../../core/users/user.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call } from '../operation.js';
import { renderUser } from '../shapes.js';

/**
 * A user's password state for `password_expires_at` and `pwd_status`; null when it has no password,
 * or when the caller may read the user but not its password state (a user reading itself).
 */
export async function profileOf(call: V3Call, userId: string): Promise<LoginProfileView | null> {
  try {
    return await call.services.loginProfiles.get(callerOf(call), { id: userId });
  } catch (err) {
    if (isIamError(err) && (err.kind === 'not-found' || err.kind === 'access-denied')) return null;
    throw err;
  }
}

/** Users as Keystone lists them; `keep` filters on the password state (GET /v3/users `password_expires_at`). */
export async function renderUsers(call: V3Call, users: User[], keep: (profile: LoginProfileView | null) => boolean = () => true): Promise<Array<ReturnType<typeof renderUser>>> {
  const rendered: Array<ReturnType<typeof renderUser>> = [];
  for (const user of users) {
    const profile = await profileOf(call, user.id);
    if (!keep(profile)) continue;
    // Keystone's extra attributes, when set (email, default_project_id)
    const defaultProject = await call.services.projects.defaultProjectOf(user.accountId, user.id);
    rendered.push({ ...renderUser(user, profile, call.origin), ...(user.email !== '' ? { email: user.email } : {}), ...(defaultProject !== undefined ? { default_project_id: defaultProject } : {}) });
  }
  return rendered;
}

const OPERATORS = {
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  eq: (a: number, b: number) => a === b,
  neq: (a: number, b: number) => a !== b,
} as const;

/**
 * Keystone GET /v3/users `password_expires_at={operator}:{timestamp}` (operators lt, lte, gt, gte,
 * eq, neq; `eq` when none is given). A password that never expires matches no comparison, as a NULL
 * column does in Keystone's query.
 */
export function expiryFilter(raw: string | undefined): (profile: LoginProfileView | null) => boolean {
  if (raw === undefined) return () => true;
  const match = /^(?:(lt|lte|gt|gte|eq|neq):)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)$/.exec(raw);
  const at = match ? Date.parse(match[2]!.endsWith('Z') ? match[2]! : `${match[2]}Z`) : NaN;
  if (!match || Number.isNaN(at)) {
    throw new WireValidationError('password_expires_at', 'must be `{operator}:{timestamp}`, e.g. `lt:2024-01-02T03:04:05Z`, with operator lt, lte, gt, gte, eq or neq');
  }
  const compare = OPERATORS[(match[1] ?? 'eq') as keyof typeof OPERATORS];
  return (profile) => profile?.passwordExpiresAt != null && compare(profile.passwordExpiresAt, at);
}
