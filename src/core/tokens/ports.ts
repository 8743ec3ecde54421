/**
 * What token issuing and validation need from storage, kept apart from `Repositories` because no core
 * command writes them inside its transaction. `store/repositories/tokens.ts` implements them.
 */
import type { TokenRevocation } from './token.js';

export interface TokenRevocationRepository {
  /** idempotent: revoking a revoked token changes nothing */
  add(revocation: TokenRevocation): Promise<void>;
  /** revocations recorded at or after `since` whose tokens have not expired at `now`, oldest first */
  listSince(since: number, now: number): Promise<TokenRevocation[]>;
  /** forgets revocations of tokens that expired before `now`; returns how many */
  purgeExpired(now: number): Promise<number>;
}

/** One token encryption key, sealed with the `SecretBox` so every node sharing the database shares it. */
export interface TokenKeyRecord {
  /** 8 lowercase hex, carried in each token to find its key again */
  id: string;
  sealedKey: string;
  createdAt: number;
  /** when a newer key became primary; tokens it encrypted die at most one lifetime later */
  supersededAt: number | null;
}

export interface TokenKeyRepository {
  /** oldest first */
  list(): Promise<TokenKeyRecord[]>;
  /** ids are random 32-bit values and a handful of keys live at once, so a collision is not handled */
  add(key: TokenKeyRecord): Promise<void>;
  /** sets `supersededAt` on keys that do not have it yet */
  supersede(ids: string[], at: number): Promise<void>;
  delete(ids: string[]): Promise<void>;
}

/** Users looked up by id alone (Keystone password auth by `user.id`, without a domain). */
export interface UserAccountLookup {
  accountIdOfUser(userId: string): Promise<string | undefined>;
}
