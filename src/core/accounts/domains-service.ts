import { DomainActions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js';
import type { CallContext } from '../principal.js';
import { ACCOUNT_NAME_PATTERN, type Account, type AccountChanges } from './account.js';
import type { AccountsService } from './accounts-service.js';
import type { OperatorsService } from './operators.js';

/** Keystone domain `description`: polyiam keeps up to this many characters */
export const MAX_DOMAIN_DESCRIPTION = 1024;

export interface NewDomain {
  name: string;
  description?: string;
  enabled?: boolean;
}

export interface DomainFilter {
  name?: string;
  enabled?: boolean;
}

/**
 * Keystone domains, which are polyiam accounts, for cloud operators (issue #16). Only a caller whose
 * principal carries an operator identity (set by the token service after reading the operator grant
 * from the database) gets past `requireOperator`; everyone else is refused as Keystone refuses a
 * non-admin (403), whatever its own account allows. Disabling a domain stops every credential of the
 * account on its next use; deleting one (only once disabled, as Keystone asks) takes all its content.
 */
export class DomainsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly accounts: AccountsService,
    private readonly operators: OperatorsService,
  ) {}

  /** @throws access-denied | already-exists | invalid-input */
  create(ctx: CallContext, input: NewDomain): Promise<Account> {
    return this.command(ctx, DomainActions.createDomain, input.name, async () => {
      checkName(input.name);
      checkDescription(input.description);
      // the account's root gets a random password nobody is told: the operator manages the domain
      const { account } = await this.accounts.create(input.name, undefined, input.description ?? '');
      if (input.enabled === false) {
        await this.deps.store.transaction((tx) => tx.accounts.update(account.id, { enabled: false }));
        return { ...account, enabled: false };
      }
      return account;
    });
  }

  /** Keystone GET /v3/domains with its `name` and `enabled` filters. @throws access-denied */
  list(ctx: CallContext, filter: DomainFilter = {}): Promise<Account[]> {
    return this.command(ctx, DomainActions.listDomains, '*', async () => {
      const all = await this.deps.store.fresh.accounts.list();
      return all.filter((a) => (filter.name === undefined || a.name === filter.name) && (filter.enabled === undefined || a.enabled === filter.enabled));
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<Account> {
    return this.command(ctx, DomainActions.getDomain, id, () => this.require(id));
  }

  /**
   * Keystone PATCH /v3/domains/{domain_id}. Disabling stops the account's tokens, keys, sessions and
   * sign-ins on every node at their next use. An operator cannot disable its own home domain (it would
   * lock itself out of every domain).
   * @throws access-denied | not-found | already-exists | invalid-input
   */
  update(ctx: CallContext, id: string, changes: AccountChanges): Promise<Account> {
    return this.command(ctx, DomainActions.updateDomain, id, async (operator) => {
      if (changes.name !== undefined) checkName(changes.name);
      checkDescription(changes.description);
      await this.require(id);
      if (changes.enabled === false && id === operator.principal.operator?.accountId) {
        throw new AccessDeniedError(DomainActions.updateDomain, `domain/${id}`, 'not-allowed');
      }
      const updated = await this.deps.store.transaction((tx) => tx.accounts.update(id, changes));
      if (!updated) throw new NotFoundError('account', id);
      // every cache of the account (signing keys, token holders, principals, standing) drops it
      this.deps.changes.emit({ kind: 'account', id });
      return this.require(id);
    });
  }

  /**
   * Keystone DELETE /v3/domains/{domain_id}: only a disabled domain ("cannot delete a domain that is
   * enabled, please disable it first", 403), with all its users, groups, keys, policies, roles, projects
   * and grants in one transaction. Its audit trail stays.
   * @throws access-denied | not-found | precondition-failed
   */
  delete(ctx: CallContext, id: string): Promise<void> {
    return this.command(ctx, DomainActions.deleteDomain, id, async () => {
      const account = await this.require(id);
      if (account.enabled) throw new PreconditionFailedError(`domain \`${account.name}\` is enabled: disable it first`);
      const deleted = await this.deps.store.transaction(async (tx) => {
        // re-read in the transaction: enabled again since, it stays
        const now = await tx.accounts.findById(id);
        if (!now) return false;
        if (now.enabled) throw new PreconditionFailedError(`domain \`${account.name}\` is enabled: disable it first`);
        return tx.accounts.deleteWithContent(id);
      });
      if (!deleted) throw new NotFoundError('account', id);
      this.deps.changes.emit({ kind: 'account', id });
    });
  }

  private async require(id: string): Promise<Account> {
    const account = /^[0-9a-f]{32}$/.test(id) ? await this.deps.store.fresh.accounts.findById(id) : undefined;
    if (!account) throw new NotFoundError('account', id);
    return account;
  }

  /** an operator's call: refused (and audited) for anyone else, then run and audited like every command */
  private async command<T>(ctx: CallContext, action: (typeof DomainActions)[keyof typeof DomainActions], id: string, work: (operator: CallContext) => Promise<T>): Promise<T> {
    const operator = await this.operators.asOperator(ctx);
    if (!operator) {
      const refused = new AccessDeniedError(action, `domain/${id}`, 'not-allowed');
      this.deps.audit.failure(ctx, action, `domain/${id}`, refused);
      throw refused;
    }
    const resource = { type: 'account' as const, accountId: operator.principal.accountId, id };
    return runCommand(this.deps, operator, action, resource, () => work(operator), undefined, { grantedBy: 'operator' });
  }
}

function checkName(name: string): void {
  // Keystone resource/schema.py `_domain_properties.name`: 1 to 64 characters
  if (name.length === 0 || name.length > 64) throw new InvalidInputError('name', 'must hold 1 to 64 characters');
  if (!ACCOUNT_NAME_PATTERN.test(name)) throw new InvalidInputError('name', 'must start with a letter and hold only letters, digits, `_`, `.` or `-`');
}

function checkDescription(description: string | undefined): void {
  if (description !== undefined && description.length > MAX_DOMAIN_DESCRIPTION) throw new InvalidInputError('description', `must hold at most ${MAX_DOMAIN_DESCRIPTION} characters`);
}
