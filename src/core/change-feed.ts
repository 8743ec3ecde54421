/** What changed, for in-process caches of derived state (signing keys, principals, compiled policies) to drop. */
export type Change =
  | { kind: 'user'; id: string }
  | { kind: 'access-key'; id: string }
  | { kind: 'account'; id: string }
  /** a managed policy's default version changed, or the policy was deleted (id: the policy id) */
  | { kind: 'policy'; id: string }
  /** the policies attached to, or inline in, a user or group changed (id: the user or group id) */
  | { kind: 'policy-attachment'; id: string }
  /** a user joined or left a group (id: the user), or a group and its memberships went (id: the group) */
  | { kind: 'group-membership'; id: string }
  /** a user's login profile row changed: password, flags, sign-in record, lock (id: the user id) */
  | { kind: 'login-profile'; id: string }
  /** an account's password policy was set or reset (id: the account id) */
  | { kind: 'password-policy'; id: string }
  /** a project was changed or deleted, or a role, grant or implication of an account changed (issue #16; id: the account id) */
  | { kind: 'keystone'; id: string }
  /**
   * a role changed: its row (trust policy, revocation time), tags, attached or inline policies, or it
   * was deleted (id: the role id). Its sessions are re-checked against the row on their next call.
   */
  | { kind: 'role'; id: string };

/**
 * In-process notifications after a commit: the node that made a change sees it at once, and on a
 * shared database every other node hears it by notification (store/change-notify.ts) and replays it.
 */
export class ChangeFeed {
  private readonly listeners: Array<(change: Change) => void> = [];
  private readonly resets = new Map<(change: Change) => void, () => void>();
  private replaying = 0;

  /** `onReset`, when given, drops everything the listener keeps (see `reset`) */
  subscribe(listener: (change: Change) => void, onReset?: () => void): void {
    this.listeners.push(listener);
    if (onReset) this.resets.set(listener, onReset);
  }

  emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }

  /** true while `replay` delivers: a listener called now hears another node's change, not a write made here */
  get isReplaying(): boolean {
    return this.replaying > 0;
  }

  /** Delivers changes another node made (they arrive through the database); listeners that carry changes onward skip them. */
  replay(changes: Iterable<Change>): void {
    this.replaying++;
    try {
      for (const change of changes) this.emit(change);
    } finally {
      this.replaying--;
    }
  }

  /**
   * Another node's changes may have been missed (the connection that hears them was lost): every
   * listener drops everything it keeps, through its `onReset`, or else by hearing an `account` change
   * for every account (which every cache treats as "drop all of this account").
   */
  reset(accountIds: readonly string[]): void {
    this.replaying++;
    try {
      for (const listener of this.listeners) {
        const onReset = this.resets.get(listener);
        if (onReset) onReset();
        else for (const id of accountIds) listener({ kind: 'account', id });
      }
    } finally {
      this.replaying--;
    }
  }
}

/**
 * Every `Change` kind, at run time: what a node accepts from another node's notification (anything else
 * is ignored and counted). A kind added to `Change` but not here fails to compile, so a new kind cannot
 * be silently dropped between nodes: add one line `'<kind>': true`.
 */
export const CHANGE_KINDS: ReadonlySet<string> = new Set(
  Object.keys({
    user: true,
    'access-key': true,
    account: true,
    policy: true,
    'policy-attachment': true,
    'group-membership': true,
    'login-profile': true,
    'password-policy': true,
    keystone: true,
    role: true,
  } satisfies Record<Change['kind'], true>),
);

/**
 * Carries changes to the other nodes of a shared database (store/change-notify.ts on PostgreSQL). The
 * changes a transaction's writes made travel inside it (`TransactionOptions.announce` in ports.ts);
 * this is for the rest: changes emitted on the feed that no tracked write covered, sent on their own
 * once the transactions that may have made them have ended.
 */
export interface ChangeAnnouncer {
  /** queued and sent soon, many in one statement; never throws */
  announce(changes: readonly Change[]): void;
}
