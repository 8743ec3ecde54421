import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, AlreadyExistsError, InvalidInputError, NotFoundError } from '../errors.js';
import type { RoleRepository } from '../projects/ports.js';
import type { CallContext } from '../principal.js';
import { BUILTIN_BY_ID, BUILTIN_IMPLICATIONS, BUILTIN_ROLES, isBuiltinRole, type Role, type RoleImplication } from './role.js';

export interface CreateRoleInput {
  name: string;
  description?: string;
  /** Keystone domain-specific role: made with a `domain_id` */
  isDomainRole?: boolean;
  /** a global role of the server (Keystone `domain_id: null` made by a cloud operator, issue #16) */
  global?: boolean;
}

const accountResource = (accountId: string): ResourceRef => ({ type: 'account', accountId });

/** `accountId` of the implications of a global prior role: seen in every account (store '' too). */
const GLOBAL_IMPLICATIONS = '';

/** Keystone `[assignment] prohibited_implied_role` default: no role may imply `admin`. */
const PROHIBITED_IMPLIED = new Set(['admin']);

/**
 * Keystone roles seen by one account: the built-in ones (role.ts), the server's global roles, the
 * account's custom roles (POST /v3/roles), and implied roles (PUT /v3/roles/{prior}/implies/{implied}).
 * Global roles and their implications are a cloud operator's to make, change and delete (issue #16):
 * the caller's `principal.operator` says so (the dialect sets it when the caller is one); anyone else
 * gets access-denied, as Keystone's policy refuses a domain's admin.
 */
export class KeystoneRolesService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly roles: RoleRepository,
  ) {}

  /** @throws access-denied (a global role by a non-operator) | already-exists (a built-in's name, or a taken one) */
  create(ctx: CallContext, input: CreateRoleInput): Promise<Role> {
    const accountId = ctx.principal.accountId;
    const global = input.global === true && !input.isDomainRole;
    return this.command(ctx, Actions.createKeystoneRole, global, `role/${input.name}`, async () => {
      if (BUILTIN_ROLES.some((r) => sameName(r.name, input.name))) throw new AlreadyExistsError('role', input.name);
      // an account's own role may not shadow a global one in its listing (a domain role may: Keystone)
      if (!global && !input.isDomainRole && (await this.roles.list(accountId)).some((r) => r.isGlobal && sameName(r.name, input.name))) throw new AlreadyExistsError('role', input.name);
      const role: Role = {
        id: this.deps.ids.hexId(),
        accountId: global ? null : accountId,
        isGlobal: global,
        name: input.name,
        description: input.description ?? '',
        isDomainRole: global ? false : (input.isDomainRole ?? false),
        createdAt: this.deps.clock.now(),
      };
      await this.roles.create(role);
      this.changed(role);
      return role;
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getKeystoneRole, accountResource(accountId), () => this.require(accountId, id));
  }

  /** Built-in roles first, then the global ones and the account's own. @throws access-denied */
  list(ctx: CallContext): Promise<Role[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listKeystoneRoles, accountResource(accountId), () => this.all(accountId));
  }

  /** @throws access-denied (a global role by a non-operator) | not-found | invalid-input (a built-in role) | already-exists */
  async update(ctx: CallContext, id: string, input: { name?: string; description?: string }): Promise<Role> {
    const accountId = ctx.principal.accountId;
    const global = (await this.roles.findById(accountId, id))?.isGlobal === true;
    return this.command(ctx, Actions.updateKeystoneRole, global, `role/${id}`, async () => {
      const current = await this.requireCustom(accountId, id);
      if (input.name !== undefined && BUILTIN_ROLES.some((r) => sameName(r.name, input.name!))) throw new AlreadyExistsError('role', input.name);
      const next: Role = { ...current, ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}) };
      await this.roles.update(next);
      this.changed(next);
      return next;
    });
  }

  /**
   * Removes the role with its grants and implications, in every account for a global role (one
   * transaction in the store). @throws access-denied | not-found | invalid-input (built-in)
   */
  async delete(ctx: CallContext, id: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    const global = (await this.roles.findById(accountId, id))?.isGlobal === true;
    return this.command(ctx, Actions.deleteKeystoneRole, global, `role/${id}`, async () => {
      const role = await this.requireCustom(accountId, id);
      if (!(await this.roles.delete(role.accountId ?? GLOBAL_IMPLICATIONS, id))) throw new NotFoundError('role', id);
      this.changed(role);
    });
  }

  /**
   * Keystone PUT /v3/roles/{prior}/implies/{implied}, with Keystone's rules (assignment/core.py
   * `create_implied_role`): `admin` is never implied, a global role implies only global or built-in
   * ones (403), and a cycle is refused. A global prior's implication is global: an operator's.
   * An operator may name an implied role of another domain (Keystone's cross-domain implication).
   * @throws access-denied | not-found | invalid-input (a cycle)
   */
  async imply(ctx: CallContext, priorId: string, impliedId: string): Promise<{ prior: Role; implied: Role }> {
    const accountId = ctx.principal.accountId;
    const global = (await this.roles.findById(accountId, priorId))?.isGlobal === true;
    return this.command(ctx, Actions.updateKeystoneRole, global, `role/${priorId}`, async () => {
      const [prior, implied] = [await this.require(accountId, priorId), await this.reachable(ctx, impliedId)];
      if (isBuiltinRole(implied) && PROHIBITED_IMPLIED.has(implied.name)) throw new AccessDeniedError(Actions.updateKeystoneRole, `role/${impliedId}`, 'not-allowed', { rule: `\`${implied.id}\` cannot be an implied role` });
      if (prior.isGlobal && !(implied.isGlobal || isBuiltinRole(implied))) throw new AccessDeniedError(Actions.updateKeystoneRole, `role/${impliedId}`, 'not-allowed', { rule: 'a global role cannot imply a domain-specific role' });
      // Keystone: an implication that would make a cycle is refused
      const closure = expand([impliedId], await this.implications(accountId));
      if (closure.has(priorId)) throw new InvalidInputError('implied_role', `role \`${implied.name}\` already implies \`${prior.name}\``);
      await this.roles.addImplication({ accountId: prior.isGlobal ? GLOBAL_IMPLICATIONS : accountId, priorId, impliedId });
      this.changed(prior);
      return { prior, implied };
    });
  }

  /** @throws access-denied | not-found */
  async unimply(ctx: CallContext, priorId: string, impliedId: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    const prior = await this.roles.findById(accountId, priorId);
    const global = prior?.isGlobal === true;
    return this.command(ctx, Actions.updateKeystoneRole, global, `role/${priorId}`, async () => {
      if (!(await this.roles.removeImplication(global ? GLOBAL_IMPLICATIONS : accountId, priorId, impliedId))) throw new NotFoundError('role', `${priorId} implies ${impliedId}`);
      this.changed(prior ?? { isGlobal: false, accountId });
    });
  }

  /** Keystone GET /v3/roles/{prior}/implies/{implied} (and HEAD). @throws access-denied | not-found */
  getImplication(ctx: CallContext, priorId: string, impliedId: string): Promise<{ prior: Role; implied: Role }> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getKeystoneRole, accountResource(accountId), async () => {
      const found = (await this.implications(accountId)).some((i) => i.priorId === priorId && i.impliedId === impliedId);
      if (!found) throw new NotFoundError('role', `${priorId} implies ${impliedId}`);
      return { prior: await this.require(accountId, priorId), implied: await this.reachable(ctx, impliedId) };
    });
  }

  /** Every implication visible in the account: the built-in ones, the global ones and the account's. @throws access-denied */
  listImplications(ctx: CallContext): Promise<Array<{ prior: Role; implied: Role }>> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listKeystoneRoles, accountResource(accountId), async () => {
      const byId = new Map((await this.all(accountId)).map((r) => [r.id, r]));
      return (await this.implications(accountId)).flatMap((i) => {
        const prior = byId.get(i.priorId);
        const implied = byId.get(i.impliedId);
        return prior && implied ? [{ prior, implied }] : [];
      });
    });
  }

  /** Built-in, global and custom roles without authorization (grant checks, token rendering). */
  async all(accountId: string): Promise<Role[]> {
    return [...BUILTIN_ROLES, ...(await this.roles.list(accountId))];
  }

  /** Built-in, global and custom implications without authorization. */
  async implications(accountId: string): Promise<RoleImplication[]> {
    return [...BUILTIN_IMPLICATIONS.map((i) => ({ accountId, ...i })), ...(await this.roles.listImplications(accountId))];
  }

  /** A built-in, global or custom role without authorization. @throws not-found */
  async require(accountId: string, id: string): Promise<Role> {
    const role = BUILTIN_BY_ID.get(id) ?? (await this.roles.findById(accountId, id));
    if (!role) throw new NotFoundError('role', id);
    return role;
  }

  /**
   * A role the caller may name: one it sees, or for a cloud operator any domain's (Keystone's admin
   * sees every domain's roles). @throws not-found
   */
  async reachable(ctx: CallContext, id: string): Promise<Role> {
    const seen = BUILTIN_BY_ID.get(id) ?? (await this.roles.findById(ctx.principal.accountId, id));
    const role = seen ?? (ctx.principal.operator ? await this.roles.findAnywhere(id) : undefined);
    if (!role) throw new NotFoundError('role', id);
    return role;
  }

  /**
   * A command on the account's roles, or on the server's global roles: those only a cloud operator
   * makes, and the operator grant (read at the use of the caller's token) decides, as for domains.
   */
  private async command<T>(ctx: CallContext, action: IamAction, global: boolean, resource: string, work: () => Promise<T>): Promise<T> {
    if (!global) return runCommand(this.deps, ctx, action, accountResource(ctx.principal.accountId), work);
    if (!ctx.principal.operator) {
      const refused = new AccessDeniedError(action, resource, 'not-allowed', { rule: 'only a cloud operator may create, change or delete a global role' });
      this.deps.audit.failure(ctx, action, resource, refused);
      throw refused;
    }
    return runCommand(this.deps, ctx, action, accountResource(ctx.principal.accountId), work, undefined, { grantedBy: 'operator' });
  }

  private async requireCustom(accountId: string, id: string): Promise<Role> {
    const role = await this.require(accountId, id);
    if (isBuiltinRole(role)) throw new InvalidInputError('role', `the built-in role \`${role.name}\` cannot be changed`);
    return role;
  }

  /** A global role's change concerns every account: it is announced by the role's id, which every listener of `keystone` treats as "drop all". */
  private changed(role: Pick<Role, 'isGlobal' | 'accountId'> & { id?: string }): void {
    const id = role.isGlobal ? role.id : role.accountId;
    if (id) this.deps.changes.emit({ kind: 'keystone', id });
  }
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `ids` and every role they imply, transitively. */
export function expand(ids: Iterable<string>, implications: RoleImplication[]): Set<string> {
  const result = new Set(ids);
  const queue = [...result];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const i of implications) {
      if (i.priorId === id && !result.has(i.impliedId)) {
        result.add(i.impliedId);
        queue.push(i.impliedId);
      }
    }
  }
  return result;
}
