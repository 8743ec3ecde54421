import { createHash, randomBytes } from 'node:crypto';
import type { SessionTokens } from '../core/sessions/ports.js';

/** Console session tokens: base64url of 32 random bytes, stored as their SHA-256. */
export class RandomSessionTokens implements SessionTokens {
  issue(): string {
    return randomBytes(32).toString('base64url');
  }

  // SECURITY: a plain hash suffices (no salt, no argon2): the token has 256 bits of entropy, so the
  // hash cannot be reversed by guessing, and a fast hash keeps the per-request lookup cheap.
  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  csrf(): string {
    return randomBytes(16).toString('base64url');
  }
}
