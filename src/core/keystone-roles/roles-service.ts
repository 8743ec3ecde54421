import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AlreadyExistsError, InvalidInputError, NotFoundError } from '../errors.js';
import type { RoleRepository } from '../projects/ports.js';
import type { CallContext } from '../principal.js';
import { BUILTIN_BY_ID, BUILTIN_IMPLICATIONS, BUILTIN_ROLES, type Role, type RoleImplication } from './role.js';

export interface CreateRoleInput {
  name: string;
  description?: string;
  isDomainRole?: boolean;
}

const accountResource = (accountId: string): ResourceRef => ({ type: 'account', accountId });

/**
 * Keystone roles of one account: the built-in ones (role.ts) and the account's custom roles
 * (POST /v3/roles), and implied roles (PUT /v3/roles/{prior}/implies/{implied}).
 */
export class KeystoneRolesService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly roles: RoleRepository,
  ) {}

  /** @throws access-denied | already-exists (a built-in's name, or a custom role's) */
  create(ctx: CallContext, input: CreateRoleInput): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createKeystoneRole, accountResource(accountId), async () => {
      if (BUILTIN_ROLES.some((r) => r.name.toLowerCase() === input.name.toLowerCase())) throw new AlreadyExistsError('role', input.name);
      const role: Role = {
        id: this.deps.ids.hexId(),
        accountId,
        name: input.name,
        description: input.description ?? '',
        isDomainRole: input.isDomainRole ?? false,
        createdAt: this.deps.clock.now(),
      };
      await this.roles.create(role);
      this.changed(accountId);
      return role;
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getKeystoneRole, accountResource(accountId), () => this.require(accountId, id));
  }

  /** Built-in roles first, then the account's own. @throws access-denied */
  list(ctx: CallContext): Promise<Role[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listKeystoneRoles, accountResource(accountId), () => this.all(accountId));
  }

  /** @throws access-denied | not-found | invalid-input (a built-in role) | already-exists */
  update(ctx: CallContext, id: string, input: { name?: string; description?: string }): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateKeystoneRole, accountResource(accountId), async () => {
      const current = await this.requireCustom(accountId, id);
      if (input.name !== undefined && BUILTIN_ROLES.some((r) => r.name.toLowerCase() === input.name!.toLowerCase())) throw new AlreadyExistsError('role', input.name);
      const next: Role = { ...current, ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}) };
      await this.roles.update(next);
      this.changed(accountId);
      return next;
    });
  }

  /** Removes the role with its grants and implications. @throws access-denied | not-found | invalid-input (built-in) */
  delete(ctx: CallContext, id: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteKeystoneRole, accountResource(accountId), async () => {
      await this.requireCustom(accountId, id);
      if (!(await this.roles.delete(accountId, id))) throw new NotFoundError('role', id);
      this.changed(accountId);
    });
  }

  /** Keystone PUT /v3/roles/{prior}/implies/{implied}. @throws access-denied | not-found | invalid-input (a cycle) */
  imply(ctx: CallContext, priorId: string, impliedId: string): Promise<{ prior: Role; implied: Role }> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateKeystoneRole, accountResource(accountId), async () => {
      const [prior, implied] = [await this.require(accountId, priorId), await this.require(accountId, impliedId)];
      // Keystone: an implication that would make a cycle is refused
      const closure = expand([impliedId], await this.implications(accountId));
      if (closure.has(priorId)) throw new InvalidInputError('implied_role', `role \`${implied.name}\` already implies \`${prior.name}\``);
      await this.roles.addImplication({ accountId, priorId, impliedId });
      this.changed(accountId);
      return { prior, implied };
    });
  }

  /** @throws access-denied | not-found */
  unimply(ctx: CallContext, priorId: string, impliedId: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateKeystoneRole, accountResource(accountId), async () => {
      if (!(await this.roles.removeImplication(accountId, priorId, impliedId))) throw new NotFoundError('role', `${priorId} implies ${impliedId}`);
      this.changed(accountId);
    });
  }

  /** Keystone GET /v3/roles/{prior}/implies/{implied} (and HEAD). @throws access-denied | not-found */
  getImplication(ctx: CallContext, priorId: string, impliedId: string): Promise<{ prior: Role; implied: Role }> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getKeystoneRole, accountResource(accountId), async () => {
      const found = (await this.implications(accountId)).some((i) => i.priorId === priorId && i.impliedId === impliedId);
      if (!found) throw new NotFoundError('role', `${priorId} implies ${impliedId}`);
      return { prior: await this.require(accountId, priorId), implied: await this.require(accountId, impliedId) };
    });
  }

  /** Every implication visible in the account: the built-in ones and the account's. @throws access-denied */
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

  /** Built-in and custom roles without authorization (grant checks, token rendering). */
  async all(accountId: string): Promise<Role[]> {
    return [...BUILTIN_ROLES, ...(await this.roles.list(accountId))];
  }

  /** Built-in and custom implications without authorization. */
  async implications(accountId: string): Promise<RoleImplication[]> {
    return [...BUILTIN_IMPLICATIONS.map((i) => ({ accountId, ...i })), ...(await this.roles.listImplications(accountId))];
  }

  /** A built-in or custom role without authorization. @throws not-found */
  async require(accountId: string, id: string): Promise<Role> {
    const role = BUILTIN_BY_ID.get(id) ?? (await this.roles.findById(accountId, id));
    if (!role) throw new NotFoundError('role', id);
    return role;
  }

  private async requireCustom(accountId: string, id: string): Promise<Role> {
    const role = await this.require(accountId, id);
    if (role.accountId === null) throw new InvalidInputError('role', `the built-in role \`${role.name}\` cannot be changed`);
    return role;
  }

  private changed(accountId: string): void {
    this.deps.changes.emit({ kind: 'keystone', id: accountId });
  }
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
