import type { TokenScope, TokenView } from '../../../auth/tokens/token-service.js';
import type { Account } from '../../../core/accounts/account.js';
import { BUILTIN_ROLES, type Role } from '../../../core/keystone-roles/role.js';
import type { TokenSubject } from '../../../core/tokens/tokens-service.js';
import { authenticateHeader, KeystoneHttpError } from '../errors.js';
import { callerOf, type V3Call } from '../operation.js';
import { requireOwnDomain } from '../rules.js';
import type { IamAction } from '../../../core/authorization/actions.js';
import type { CallContext } from '../../../core/principal.js';

type DomainRef = { id: string } | { name: string };

/** Keystone's `admin` role: what an operator's system-scoped token, or token on another domain, carries */
const ADMIN_ROLE: Role = BUILTIN_ROLES.find((r) => r.name === 'admin')!;

const noAccess = (what: string) => new KeystoneHttpError(401, `the user has no access to ${what}`, authenticateHeader());

/**
 * Keystone `scope.system` `{"all": true}` (issue #16): only a cloud operator (`polyiam operator grant`)
 * gets one; anyone else gets Keystone's 401, "the user has no access to the system".
 */
export async function systemScope(call: V3Call, subject: TokenSubject): Promise<{ scope: TokenScope }> {
  if (!(await call.services.tokens.isOperator(subject))) throw noAccess('the system');
  return { scope: 'system' };
}

/**
 * Keystone `scope.domain` naming a domain other than the user's own: an operator may scope to any
 * enabled domain; anyone else gets the same 401 whether the domain exists or not (an account never
 * learns of another).
 */
export async function otherDomainScope(call: V3Call, ref: DomainRef, subject: TokenSubject): Promise<{ scope: TokenScope; domainId: string }> {
  const named = 'id' in ref ? ref.id : ref.name;
  if (!(await call.services.tokens.isOperator(subject))) throw noAccess(`domain \`${named}\``);
  const domain = 'id' in ref ? await call.services.accounts.findById(ref.id) : await call.services.accounts.findByName(ref.name);
  if (!domain?.enabled) throw noAccess(`domain \`${named}\``);
  return { scope: 'domain', domainId: domain.id };
}

/** What an operator's token body shows besides the holder: the domain it is scoped to, and its role. */
export async function operatorTokenParts(call: V3Call, view: TokenView): Promise<{ scopedDomain?: Account; roles: Role[] } | undefined> {
  const { claims } = view;
  if (claims.scope === 'system') {
    // Keystone: a system-scoped token carries the holder's system role assignments (issue #16); an
    // operator holds `admin` on the system whatever made it one
    const held = await call.services.systemGrants.heldBy(view.subject.account.id, view.subject.user.id);
    return { roles: [ADMIN_ROLE, ...held.filter((r) => r.id !== ADMIN_ROLE.id)] };
  }
  if (claims.domainId === undefined) return undefined;
  const domain = await call.services.accounts.findById(claims.domainId);
  return { ...(domain ? { scopedDomain: domain } : {}), roles: [ADMIN_ROLE] };
}

/**
 * A `domain_id` in a body or filter (issue #16): the caller's own domain as before; for a cloud
 * operator, any existing domain, which the call then acts in with the operator's reach (Keystone's
 * admin creating users, groups or projects in another domain); an unknown one is Keystone's 404. For
 * anyone else another domain is refused as before (rules.ts `requireOwnDomain`, 403).
 * @throws access-denied
 */
export async function reachDomain(call: V3Call, domainId: string | undefined, action: IamAction): Promise<CallContext> {
  const own = callerOf(call);
  const ctx = domainId === undefined || domainId === own.principal.accountId ? undefined : await asOperator(call);
  if (!ctx || domainId === undefined) {
    requireOwnDomain(call, domainId, action);
    return own;
  }
  const domain = await call.services.accounts.findById(domainId);
  if (!domain) throw new KeystoneHttpError(404, `could not find domain \`${domainId}\``);
  const reached: CallContext = { ...ctx, principal: { ...ctx.principal, accountId: domain.id, isRoot: true } };
  call.ctx = reached;
  return reached;
}

/** The caller as a cloud operator (then `call.ctx` carries its operator identity), or undefined. */
export async function asOperator(call: V3Call): Promise<CallContext | undefined> {
  const operator = await call.services.operators.asOperator(callerOf(call));
  if (operator) call.ctx = operator;
  return operator;
}

/** last the roles: a grant path names its actor and target first (issue #16: another domain's domain-specific role) */
const OWNED: ReadonlyArray<['user' | 'group' | 'project' | 'role', string]> = [
  ['group', 'group_id'],
  ['project', 'project_id'],
  ['user', 'user_id'],
  ['role', 'role_id'],
];

/**
 * After a 404: when the caller is a cloud operator and the path names a user, group or project of
 * another domain, the call acting in that domain (issue #16), else undefined. Asked only once a call
 * failed, so no successful call pays for it.
 */
export async function reachOwnerOf(call: V3Call): Promise<CallContext | undefined> {
  return reachOwnerOfIds(
    call,
    OWNED.map(([kind, param]) => [kind, call.params[param]]),
  );
}

/** As `reachOwnerOf`, for ids named elsewhere than the path (a `GET /v3/role_assignments` filter). */
export async function reachOwnerOfIds(call: V3Call, ids: ReadonlyArray<readonly ['user' | 'group' | 'project' | 'role', string | undefined]>): Promise<CallContext | undefined> {
  if (!call.ctx) return undefined;
  for (const [kind, id] of ids) {
    if (id === undefined || !/^[0-9a-f]{32}$/.test(id)) continue;
    const reached = await call.services.operators.reachOwnerOf(call.ctx, kind, id);
    if (reached) return reached;
  }
  return undefined;
}
