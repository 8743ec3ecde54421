import type { Account } from '../accounts/account.js';
import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { RoleRepository as KeystoneRoleRepository } from '../projects/ports.js';
import type { CallContext } from '../principal.js';
import type { Repositories } from '../ports.js';
import { ROLE_LIMITS, type Role } from './role.js';
import { requireRole, roleResource } from './role-ref.js';
import { insertRole } from './roles-service.js';
import { agencyTrust, readAgencyTrust, type AgencyTrust } from './agency-trust.js';

/** A Huawei v3.0 account (domain) named by id or by name. */
export type DomainRef = { id: string } | { name: string };

/** Huawei CreateAgency / UpdateAgency `duration`: a number of days, or null for FOREVER. */
export type AgencyDuration = number | null;

export interface CreateAgencyInput {
  name: string;
  trust: DomainRef;
  description?: string;
  /** absent: FOREVER (Huawei's default) */
  durationDays?: AgencyDuration;
}

export interface UpdateAgencyInput {
  trust?: DomainRef;
  description?: string;
  durationDays?: AgencyDuration;
}

/** A role seen as a Huawei v3.0 agency: the account its trust policy names, and its validity window. */
export interface AgencyView {
  role: Role;
  /** null when the trust policy names no account (written by another dialect) or names one that is gone */
  trustAccount: Pick<Account, 'id' | 'name'> | null;
  /** epoch ms; both null for a FOREVER agency */
  validFrom: number | null;
  expiresAt: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Huawei IAM v3.0 OS-AGENCY (issue #13): an agency is a core role whose trust policy, written here in
 * the v5 syntax, names the trusted account (`iam::<domain_id>:root`, action `sts:agencies:assume`) and,
 * for an agency with a `duration`, a `g:CurrentTime` window: the one evaluator that decides every
 * AssumeRole decides agencies too, expiry included. Authorized and audited as the role actions.
 */
export class AgenciesService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly grants: KeystoneRoleRepository,
  ) {}

  /** @throws access-denied | already-exists | not-found (trusted account) | invalid-input | limit-exceeded */
  create(ctx: CallContext, input: CreateAgencyInput): Promise<AgencyView> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createRole, { type: 'role', accountId, name: input.name }, async () => {
      const trusted = await this.trustedAccount(accountId, input.trust);
      const trust = agencyTrust(trusted.id, this.window(input.durationDays ?? null));
      const { role } = await insertRole(this.deps, accountId, {
        name: input.name,
        description: input.description ?? '',
        trustPolicy: trust.document,
        syntax: 'huawei-v5',
        // Huawei securitytokens `duration_seconds` reach 24 h; a role holds at most AWS's 12 h
        maxSessionDuration: ROLE_LIMITS.maxSessionDuration,
      });
      return { role, trustAccount: { id: trusted.id, name: trusted.name }, validFrom: trust.validFrom, expiresAt: trust.expiresAt };
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<AgencyView> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getRole, roleResource(accountId, { id }), async () => this.view(await requireRole(this.deps.store, accountId, { id }), new Map()));
  }

  /** Huawei ListAgencies `trust_domain_id` and `name` filters; ordered by lowercased name. @throws access-denied */
  list(ctx: CallContext, filter: { trustDomainId?: string; name?: string }): Promise<AgencyView[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listRoles, { type: 'role', accountId }, async () => {
      const names = new Map<string, Account | undefined>();
      const roles = (await this.deps.store.roles.listAll(accountId)).filter((r) => filter.name === undefined || r.name === filter.name);
      const views = await Promise.all(roles.map((r) => this.view(r, names)));
      return views.filter((v) => filter.trustDomainId === undefined || v.trustAccount?.id === filter.trustDomainId);
    });
  }

  /**
   * Huawei UpdateAgency: the trusted account, the description and the duration (a new duration counts
   * from now). The trust policy is rewritten only when the trust or the duration changes.
   * @throws access-denied | not-found | invalid-input
   */
  update(ctx: CallContext, id: string, input: UpdateAgencyInput): Promise<AgencyView> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateRole, roleResource(accountId, { id }), async () => {
      const trusted = input.trust ? await this.trustedAccount(accountId, input.trust) : undefined;
      const updated = await store.transaction(async (tx: Repositories) => {
        const role = await requireRole(tx, accountId, { id });
        let next: Role = { ...role, updatedAt: clock.now(), ...(input.description !== undefined ? { description: input.description } : {}) };
        if (trusted || input.durationDays !== undefined) {
          const current = readAgencyTrust(role);
          const trustId = trusted?.id ?? current?.accountId;
          if (trustId === undefined) throw new InvalidInputError('trust_domain_id', 'the agency trusts no account: give `trust_domain_id` or `trust_domain_name`');
          const window = input.durationDays !== undefined ? this.window(input.durationDays) : current ? { validFrom: current.validFrom, expiresAt: current.expiresAt } : { validFrom: null, expiresAt: null };
          const trust = agencyTrust(trustId, window);
          next = { ...next, trustPolicy: trust.document, trustSyntax: 'huawei-v5' };
        }
        await tx.roles.update(next);
        return next;
      });
      this.deps.changes.emit({ kind: 'role', id: updated.id });
      return this.view(updated, new Map());
    });
  }

  /**
   * Huawei DeleteAgency: the agency goes with its permissions (grants, attached and inline policies);
   * its temporary credentials stop working at once (the `role` change).
   * @throws access-denied | not-found
   */
  delete(ctx: CallContext, id: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteRole, roleResource(accountId, { id }), async () => {
      const role = await this.deps.store.transaction(async (tx) => {
        const found = await requireRole(tx, accountId, { id });
        await tx.roles.delete(accountId, found.id);
        return found;
      });
      // TODO(#16): the grants live beside `Repositories` (one statement each), so after the role's commit
      await this.grants.removeActor(accountId, role.id);
      this.deps.changes.emit({ kind: 'role', id: role.id });
      this.deps.changes.emit({ kind: 'keystone', id: accountId });
    });
  }

  /** The agency view of a role; `names` memoizes account lookups within one call. */
  private async view(role: Role, names: Map<string, Account | undefined>): Promise<AgencyView> {
    const trust: AgencyTrust | null = readAgencyTrust(role);
    let account: Account | undefined;
    if (trust) {
      if (!names.has(trust.accountId)) names.set(trust.accountId, await this.findAccount(trust.accountId));
      account = names.get(trust.accountId);
    }
    return { role, trustAccount: account ? { id: account.id, name: account.name } : null, validFrom: trust?.validFrom ?? null, expiresAt: trust?.expiresAt ?? null };
  }

  private async findAccount(written: string): Promise<Account | undefined> {
    const { accounts } = this.deps.store;
    return (await accounts.findById(written)) ?? (/^\d+$/.test(written) ? await accounts.findByNumber(written) : undefined);
  }

  /** @throws not-found | invalid-input (the caller's own account) */
  private async trustedAccount(accountId: string, ref: DomainRef): Promise<Account> {
    const { accounts } = this.deps.store;
    const account = 'id' in ref ? await accounts.findById(ref.id) : await accounts.findByName(ref.name);
    if (!account) throw 'id' in ref ? new NotFoundError('account', ref.id) : new NotFoundError('account', ref.name, 'name');
    // Huawei CreateAgency: an agency delegates to another account (the console refuses the own one)
    if (account.id === accountId) throw new InvalidInputError('trust_domain', 'an agency cannot trust the account it belongs to');
    return account;
  }

  private window(days: AgencyDuration): { validFrom: number | null; expiresAt: number | null } {
    if (days === null) return { validFrom: null, expiresAt: null };
    const now = this.deps.clock.now();
    return { validFrom: now, expiresAt: now + days * DAY_MS };
  }
}
