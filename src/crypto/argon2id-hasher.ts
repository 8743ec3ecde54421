import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../core/ports.js';
import type { PlainPassword } from '../core/secrets.js';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. @node-rs/argon2 runs each hash on
 * the libuv thread pool, so the event loop keeps serving while a password is hashed.
 */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class Argon2idHasher implements PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(private readonly params: { memoryCost: number; timeCost: number; parallelism: number } = OWASP_ARGON2ID) {
    // SECURITY: a real hash with the same parameters, so verifying against it costs what a real
    // verification costs and an unknown user cannot be told apart by timing.
    this.dummyHash = hash('polyiam-dummy-password', { ...params, algorithm: Algorithm.Argon2id });
  }

  hash(password: PlainPassword): Promise<string> {
    return hash(password.reveal(), { ...this.params, algorithm: Algorithm.Argon2id });
  }

  async verify(stored: string, password: PlainPassword): Promise<boolean> {
    try {
      return await verify(stored, password.reveal());
    } catch {
      return false;
    }
  }

  async verifyDummy(password: PlainPassword): Promise<false> {
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
