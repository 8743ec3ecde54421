import type { AccessKeyView } from '../../core/access-keys/access-key.js';
import type { LoginProfileView } from '../../core/login-profiles/login-profile.js';
import type { PasswordPolicySettings } from '../../core/password-policy/password-policy.js';
import type { SecretAccessKey } from '../../core/secrets.js';
import type { AttachedPolicyView } from '../../core/policies/attachments-service.js';
import type { PolicyVersionView, PolicyView } from '../../core/policies/policy-ref.js';
import type { Group } from '../../core/users/group.js';
import type { Tag, User } from '../../core/users/user.js';
import { passwordRequirements } from '../kit/huawei-password-policy.js';

/** Huawei v5 times: ISO-8601 UTC with milliseconds, e.g. `2023-09-13T08:03:10.781Z` (CreateLoginProfileV5 example). */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));

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

/** v5 `AccessKey` (CreateAccessKeyV5 only): the metadata plus the secret, shown this once */
export function renderCreatedAccessKey(key: AccessKeyView, secret: SecretAccessKey) {
  return { ...renderAccessKey(key), secret_access_key: secret.reveal() };
}

/**
 * v5 `PasswordPolicy` (ShowPasswordPolicyV5, UpdatePasswordPolicyV5). `maximum_password_length` and
 * `password_requirements` are response-only; the sentence follows the docs' example.
 */
export function renderPasswordPolicy(policy: PasswordPolicySettings) {
  return {
    maximum_consecutive_identical_chars: policy.maxConsecutiveIdenticalChars,
    maximum_password_length: policy.maximumLength,
    minimum_password_age: policy.minimumAgeMinutes,
    minimum_password_length: policy.minimumLength,
    password_reuse_prevention: policy.reusePrevention,
    password_not_username_or_invert: policy.notUserNameOrReversed,
    password_requirements: passwordRequirements(policy),
    password_validity_period: policy.maxAgeDays,
    password_char_combination: policy.minimumCharClasses,
    allow_user_to_change_password: policy.allowUsersToChangePassword,
  };
}

/** v5 paths have no leading `/` (`foo/bar/`, empty by default); core keeps AWS's (`/foo/bar/`, `/`). */
export const v5Path = (corePath: string): string => corePath.replace(/^\//, '');
export const corePath = (v5: string): string => `/${v5}`;

/** A policy's v5 name: a system policy has a Huawei name of its own (system-policies.ts). */
export const v5PolicyName = (policy: PolicyView): string => (policy.scope === 'system' ? (policy.systemNames?.huaweiV5 ?? policy.name) : policy.name);

/** Policy URN: `iam::<account_id>:policy:<name>`; system policies belong to `system`. */
export function policyUrn(policy: PolicyView): string {
  return `iam::${policy.accountId ?? 'system'}:policy:${v5PolicyName(policy)}`;
}

/**
 * v5 `Policy` (CreatePolicyV5, GetPolicyV5, ListPoliciesV5): policy_type, policy_name, policy_id, urn,
 * path, default_version_id, attachment_count, description, created_at, updated_at
 */
export function renderPolicy(policy: PolicyView) {
  return {
    policy_type: policy.scope,
    policy_name: v5PolicyName(policy),
    policy_id: policy.id,
    urn: policyUrn(policy),
    path: v5Path(policy.path),
    default_version_id: policy.defaultVersionId,
    attachment_count: policy.attachmentCount,
    description: policy.description,
    created_at: isoTime(policy.createdAt),
    updated_at: isoTime(policy.updatedAt),
  };
}

/** v5 `PolicyVersion`: document, version_id, is_default, created_at */
export function renderPolicyVersion(version: PolicyVersionView) {
  return { document: version.document, version_id: version.versionId, is_default: version.isDefault, created_at: isoTime(version.createdAt) };
}

/** v5 `AttachedPolicy` (ListAttached*PoliciesV5): policy_name, policy_id, urn, attached_at */
export function renderAttachedPolicy(attached: AttachedPolicyView) {
  return { policy_name: v5PolicyName(attached.policy), policy_id: attached.policy.id, urn: policyUrn(attached.policy), attached_at: isoTime(attached.attachedAt) };
}

/** v5 `Group`: group_id, group_name, created_at, urn, description */
export function renderGroup(group: Group) {
  return {
    group_id: group.id,
    group_name: group.name,
    created_at: isoTime(group.createdAt),
    urn: `iam::${group.accountId}:group:${group.name}`,
    description: group.description,
  };
}
