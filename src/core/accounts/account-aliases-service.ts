import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';

/**
 * AWS account aliases (CreateAccountAlias, DeleteAccountAlias, ListAccountAliases): one per account,
 * unique across the server; creating another replaces the account's alias. The dialect validates the
 * alias's form.
 */
export class AccountAliasesService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | already-exists (another account has it) */
  create(ctx: CallContext, alias: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createAccountAlias, { type: 'account', accountId }, () =>
      this.deps.store.transaction((tx) => tx.accounts.setAlias(accountId, alias)),
    );
  }

  /** @throws access-denied | not-found (the account has no such alias) */
  delete(ctx: CallContext, alias: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteAccountAlias, { type: 'account', accountId }, async () => {
      if (!(await this.deps.store.transaction((tx) => tx.accounts.deleteAlias(accountId, alias)))) throw new NotFoundError('account-alias', alias, 'name');
    });
  }

  /** The account's alias, as a list of at most one. @throws access-denied */
  list(ctx: CallContext): Promise<string[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAccountAliases, { type: 'account', accountId }, async () => {
      const alias = await this.deps.store.accounts.findAlias(accountId);
      return alias === undefined ? [] : [alias];
    });
  }
}
