import type { ChangeFeed } from '../change-feed.js';
import type { AccountRepository } from '../ports.js';

/**
 * Whether each account (Keystone domain) is enabled, kept in memory and dropped by the account's
 * change (issue #16): asked by the authorizer on every call, so a disabled domain's every credential
 * (token, key, temporary credential, console session) is refused from its next call on this node. On
 * a database shared by several nodes the per-use revocation check (auth/revocation-check.ts) reads the
 * same flag, so another node refuses them at once too.
 */
export class AccountStanding {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly accounts: AccountRepository,
    changes: ChangeFeed,
  ) {
    changes.subscribe(
      (change) => {
        if (change.kind === 'account') this.known.delete(change.id);
      },
      () => this.known.clear(),
    );
  }

  /** what is known without asking the store: undefined when it must be asked */
  peek(accountId: string): boolean | undefined {
    return this.known.get(accountId);
  }

  /** false for a disabled or deleted account */
  async isEnabled(accountId: string): Promise<boolean> {
    const known = this.known.get(accountId);
    if (known !== undefined) return known;
    const enabled = (await this.accounts.findById(accountId))?.enabled === true;
    if (this.known.size >= 100_000) this.known.clear();
    this.known.set(accountId, enabled);
    return enabled;
  }
}
