/** One account's credential report as stored: its generation state and, once complete, its rows. */
export interface CredentialReportRecord {
  state: 'started' | 'complete';
  /** when the generation in progress (or the one that made this report) began */
  startedAt: number;
  generatedAt: number | null;
  /** the rows as JSON; null until complete */
  content: string | null;
}

/**
 * Where credential reports live: in the database, so that every node serves the report any node
 * generated (AWS reuses one for four hours) and sees a generation another node has begun.
 */
export interface CredentialReportStore {
  find(accountId: string): Promise<CredentialReportRecord | undefined>;
  /**
   * Begins a generation at `now` unless another is running or a report generated after
   * `reusableAfter` exists; a generation begun before `staleBefore` and never completed is taken over.
   * INVARIANT: decided by one statement, so of two nodes asking at once one gets true.
   */
  claim(accountId: string, now: number, reusableAfter: number, staleBefore: number): Promise<boolean>;
  /** stores the report of the generation begun at `startedAt`, unless another node has taken it over */
  complete(accountId: string, startedAt: number, generatedAt: number, content: string): Promise<void>;
  /** forgets the generation begun at `startedAt` (it failed), so the next request begins another */
  abandon(accountId: string, startedAt: number): Promise<void>;
}
