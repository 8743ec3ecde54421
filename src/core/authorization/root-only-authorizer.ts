import { AccessDeniedError } from '../errors.js';
import type { GroupRepository, UserRepository } from '../ports.js';
import type { CallContext } from '../principal.js';
import { ADMIN_GROUP_NAME } from '../users/group.js';
import type { IamAction } from './actions.js';
import { describeResource, type Authorizer, type ResourceRef } from './authorizer.js';
import { HARMLESS_TO_ROOT, SELF_SERVICE } from './decide.js';

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

/**
 * The foundation's authorization, before the policy engine: the account root and the members of the
 * account's `admin` group may do everything in their own account, except that administrators may not
 * change the root user; any other user may do only the self-service actions on itself. The app now
 * wires `PolicyAuthorizer` (issue #5); this stays for unit tests that want no policies.
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
