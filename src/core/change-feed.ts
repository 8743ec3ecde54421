/** What changed, for in-process caches of derived state (signing keys, principals) to drop. */
export type Change = { kind: 'user'; id: string } | { kind: 'access-key'; id: string } | { kind: 'account'; id: string };

/**
 * In-process notifications after a commit. Caches on other nodes rely on their short time-to-live;
 * this feed makes the node that made a change see it at once.
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
