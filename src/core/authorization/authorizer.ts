import type { CallContext } from '../principal.js';
import type { Tag } from '../users/user.js';
import type { IamAction } from './actions.js';
import type { Decision } from '../evaluation/evaluate.js';
import type { ResourceIdentity } from '../evaluation/request.js';

/** What an action is performed on, with what a policy condition may ask about it. */
export interface ResourceRef {
  type: 'user' | 'group' | 'account' | 'policy' | 'role' | 'mfa';
  accountId: string;
  id?: string;
  name?: string;
  /** loaded only when a condition needs `g:ResourceTag/<k>` */
  tags?: () => Promise<Tag[]>;
  isRootUser?: boolean;
  /** AWS path of an `mfa` target (a device has one, like users) */
  path?: string;
}

/** Extra request facts a condition may test (request tags, tag keys). */
export interface RequestFacts {
  requestTags?: Tag[];
}

/**
 * The seam every core command goes through before it touches state.
 * @throws access-denied
 */
export interface Authorizer {
  authorize(ctx: CallContext, action: IamAction, resource: ResourceRef, facts?: RequestFacts): Promise<void>;
  /**
   * Checks only that the caller may act at all (its user exists and is enabled), for calls that
   * something other than an identity policy grants (AWS AllowUsersToChangePassword).
   * @throws authentication-failed
   */
  admit?(ctx: CallContext): Promise<void>;
  /**
   * The caller's own identity policies' decision on a target that may be in another account (the caller
   * side of AssumeRole). Absent from authorizers that do not evaluate policies.
   */
  decideOwn?(ctx: CallContext, action: IamAction, target: ResourceIdentity, facts?: RequestFacts): Promise<Decision>;
}

export function describeResource(resource: ResourceRef): string {
  const ident = resource.name ?? resource.id ?? '*';
  return `${resource.type}/${ident}`;
}
