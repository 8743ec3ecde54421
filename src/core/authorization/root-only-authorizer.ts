import { AccessDeniedError } from '../errors.js';
import type { GroupRepository, UserRepository } from '../ports.js';
import type { CallContext } from '../principal.js';
import { ADMIN_GROUP_NAME } from '../users/group.js';
import { Actions, type IamAction } from './actions.js';
import { describeResource, type Authorizer, type ResourceRef } from './authorizer.js';

/** Who holds Security Administrator rights besides the root: the members of the account's `admin` group. */
export interface AdminDirectory {
  isAdmin(accountId: string, userId: string): Promise<boolean>;
  /** whether a user resource (by id or name) is the account's root */
  isRootUser(accountId: string, user: { id?: string; name?: string }): Promise<boolean>;
}

/** Nobody but the root: the foundation's rule. */
export const NO_ADMINS: AdminDirectory = { isAdmin: async () => false, isRootUser: async () => false };

/** The `admin` group of the account, read through the group and user repositories (indexed reads). */
export function groupAdminDirectory(groups: Pick<GroupRepository, 'findByName' | 'isMember'>, users: Pick<UserRepository, 'findById' | 'findByName'>): AdminDirectory {
  return {
    async isAdmin(accountId, userId) {
      const admins = await groups.findByName(accountId, ADMIN_GROUP_NAME);
      return admins !== undefined && (await groups.isMember(admins.id, userId));
    },
    async isRootUser(accountId, user) {
      const found = user.id !== undefined ? await users.findById(accountId, user.id) : user.name !== undefined ? await users.findByName(accountId, user.name) : undefined;
      return found?.isRoot ?? false;
    },
  };
}

/** What an administrator may still do to the root user: look at it (and name a new user, which only conflicts). */
const HARMLESS_TO_ROOT: ReadonlySet<IamAction> = new Set<IamAction>([
  Actions.createUser,
  Actions.listUsers,
  Actions.getUser,
  Actions.getUserLastLogin,
  Actions.getLoginProfile,
  Actions.listAccessKeys,
  Actions.getAccessKeyLastUsed,
  Actions.listUserTags,
  Actions.listGroups,
]);

/**
 * What any user may do to itself, whatever its rights (Keystone's `admin_or_owner` rules): read its own
 * user. (Its own tokens it may always validate and revoke: core/tokens. Its own password change is
 * granted by the password policy's AllowUsersToChangePassword, in CredentialsService, not here.)
 */
const SELF_SERVICE: ReadonlySet<IamAction> = new Set<IamAction>([Actions.getUser]);

/**
 * The authorization until the policy engine lands: the account root and the members of the account's
 * `admin` group (Huawei IAM v3: "Security Administrator" permissions) may do everything in their own
 * account, except that administrators may not change the root user; any other user may do only the
 * self-service actions on itself. The policy engine replaces it behind the same `Authorizer` seam.
 */
export class AccountAdminAuthorizer implements Authorizer {
  constructor(private readonly admins: AdminDirectory) {}

  async authorize(ctx: CallContext, action: IamAction, resource: ResourceRef): Promise<void> {
    const { principal } = ctx;
    // INVARIANT: nothing crosses accounts, whoever asks.
    if (resource.accountId !== principal.accountId) {
      throw new AccessDeniedError(action, describeResource(resource), 'not-allowed');
    }
    if (principal.isRoot) return;
    if (SELF_SERVICE.has(action) && resource.type === 'user' && resource.id === principal.userId) return;
    if (!(await this.admins.isAdmin(principal.accountId, principal.userId))) {
      throw new AccessDeniedError(action, describeResource(resource), 'implicit-deny');
    }
    // SECURITY: an administrator is still not the root: it may not reset the root's password, make
    // keys for it or otherwise change it, which would let it become the root.
    if (resource.type === 'user' && !HARMLESS_TO_ROOT.has(action) && (resource.isRootUser ?? (await this.admins.isRootUser(resource.accountId, resource)))) {
      throw new AccessDeniedError(action, describeResource(resource), 'root-only');
    }
  }
}

/** The foundation's authorization: the account root may do everything in its own account, a user only self-service. */
export class RootOnlyAuthorizer extends AccountAdminAuthorizer {
  constructor() {
    super(NO_ADMINS);
  }
}
