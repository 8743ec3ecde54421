import type { Account } from '../../core/accounts/account.js';
import type { LoginProfileView } from '../../core/login-profiles/login-profile.js';
import type { Group } from '../../core/users/group.js';
import type { Tag, User } from '../../core/users/user.js';
import { isoDate } from '../kit/aws-family/flavor.js';

/** `arn:aws:iam::<account>:user<path><name>` (AWS IAM identifiers: "IAM ARNs") */
export const userArn = (account: Account, user: Pick<User, 'path' | 'name'>): string => `arn:aws:iam::${account.awsAccountId}:user${user.path}${user.name}`;
export const groupArn = (account: Account, group: Pick<Group, 'path' | 'name'>): string => `arn:aws:iam::${account.awsAccountId}:group${group.path}${group.name}`;
export const rootArn = (account: Account): string => `arn:aws:iam::${account.awsAccountId}:root`;

/**
 * AWS `User`: Path, UserName, UserId, Arn, CreateDate, PasswordLastUsed (only once used),
 * PermissionsBoundary (GetUser, CreateUser: `PermissionsBoundaryType` `PermissionsBoundaryPolicy` and
 * the policy's ARN), Tags (only where asked)
 */
export function renderUser(account: Account, user: User, tags?: Tag[], boundaryArn?: string) {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.awsId,
    Arn: userArn(account, user),
    CreateDate: isoDate(user.createdAt),
    PasswordLastUsed: user.passwordLastUsedAt === null ? undefined : isoDate(user.passwordLastUsedAt),
    PermissionsBoundary: boundaryArn === undefined ? undefined : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundaryArn },
    Tags: tags && tags.length > 0 ? tags.map((tag) => ({ Key: tag.key, Value: tag.value })) : undefined,
  };
}

/**
 * GetUser signed by the root without UserName: AWS answers with the account itself, `UserId` the
 * account number and `Arn` `arn:aws:iam::<account>:root`, and no UserName or Path (the root is not an
 * IAM user).
 */
export function renderRootIdentity(account: Account, root: User) {
  return {
    UserId: account.awsAccountId,
    Arn: rootArn(account),
    CreateDate: isoDate(account.createdAt),
    PasswordLastUsed: root.passwordLastUsedAt === null ? undefined : isoDate(root.passwordLastUsedAt),
  };
}

/** AWS `LoginProfile`: UserName, CreateDate, PasswordResetRequired */
export function renderLoginProfile(profile: LoginProfileView) {
  return { UserName: profile.owner.name, CreateDate: isoDate(profile.createdAt), PasswordResetRequired: profile.passwordResetRequired };
}
