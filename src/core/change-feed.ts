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
  /**
   * a role changed: its row (trust policy, revocation time), tags, attached or inline policies, or it
   * was deleted (id: the role id). Its sessions are re-checked against the row on their next call.
   */
  | { kind: 'role'; id: string };

/**
 * In-process notifications after a commit: the node that made a change sees it at once, and on a
 * shared database the change log (store/change-log.ts) replays it on every other node.
 */
export class ChangeFeed {
  private readonly listeners: Array<(change: Change) => void> = [];

  subscribe(listener: (change: Change) => void): void {
    this.listeners.push(listener);
  }

  emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }
}
