/**
 * What console sessions need from storage and crypto, kept apart from `Repositories` like the token
 * ports: no other core command writes them inside its transaction. `store/repositories/console-sessions.ts`
 * and `crypto/session-tokens.ts` implement them.
 */
import type { ConsoleSession, SignInAttempt } from './console-session.js';

export interface ConsoleSessionRepository {
  create(session: ConsoleSession): Promise<void>;
  find(idHash: string): Promise<ConsoleSession | undefined>;
  /** records activity; a no-op for a session that is gone */
  touch(idHash: string, at: number): Promise<void>;
  /**
   * INVARIANT: deletes `oldIdHash` and creates `next` in one transaction, and only if the old one still
   * existed (false otherwise): a pending session moves on once, and under a new id.
   */
  replace(oldIdHash: string, next: ConsoleSession): Promise<boolean>;
  delete(idHash: string): Promise<void>;
  /** every session of a user (sign-out everywhere, an admin's revocation) */
  deleteForUser(userId: string): Promise<number>;
  /** forgets sessions past their absolute end; returns how many */
  purgeExpired(now: number): Promise<number>;
}

export interface SignInAttemptRepository {
  add(attempt: SignInAttempt): Promise<void>;
  /** failed attempts since `since` from `sourceIp` and for `userKey` */
  countFailures(since: number, sourceIp: string | null, userKey: string): Promise<{ bySourceIp: number; byUser: number }>;
  purgeBefore(before: number): Promise<number>;
}

/** Session cookie values: random, and hashed before they are looked up or stored. */
export interface SessionTokens {
  /** a new unguessable token (256 random bits) */
  issue(): string;
  /** SHA-256, hex: what the store keeps */
  hash(token: string): string;
  /** a CSRF token (128 random bits) */
  csrf(): string;
}
