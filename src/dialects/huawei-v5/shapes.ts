import type { AccessKeyView } from '../../core/access-keys/access-key.js';
import type { LoginProfileView } from '../../core/login-profiles/login-profile.js';
import type { Tag, User } from '../../core/users/user.js';

/** Huawei v5 times: ISO-8601 UTC with milliseconds, e.g. `2023-09-13T08:03:10.781Z` (CreateLoginProfileV5 example). */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));

/** v5 `User`: user_id, user_name, description, enabled, is_root_user, created_at, urn */
export function renderUser(user: User) {
  return {
    user_id: user.id,
    user_name: user.name,
    description: user.description,
    enabled: user.enabled,
    is_root_user: user.isRoot,
    created_at: isoTime(user.createdAt),
    urn: `iam::${user.accountId}:user:${user.name}`,
  };
}

/** v5 `UserEx` (ShowUserV5): User plus tags */
export function renderUserEx(user: User & { tags: Tag[] }) {
  return { ...renderUser(user), tags: user.tags.map(renderTag) };
}

export const renderTag = (tag: Tag) => ({ tag_key: tag.key, tag_value: tag.value });

/** v5 `LoginProfile`: user_id, password_reset_required, password_expires_at, created_at */
export function renderLoginProfile(profile: LoginProfileView) {
  return {
    user_id: profile.userId,
    password_reset_required: profile.passwordResetRequired,
    password_expires_at: isoOrNull(profile.passwordExpiresAt),
    created_at: isoTime(profile.createdAt),
  };
}

/** v5 `AccessKeyMetadata` (list, update): the create response adds secret_access_key */
export function renderAccessKey(key: AccessKeyView) {
  return { user_id: key.userId, access_key_id: key.id, status: key.status, created_at: isoTime(key.createdAt) };
}
