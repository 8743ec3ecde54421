import { randomInt, randomUUID } from 'node:crypto';
import type { IdGenerator } from '../core/ports.js';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform choice from an alphabet; `randomInt` avoids modulo bias. */
function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** All ids come from the OS CSPRNG. Formats follow the vendors so SDKs and humans recognise them. */
export class RandomIdGenerator implements IdGenerator {
  hexId(): string {
    // randomUUID draws from a batched CSPRNG cache: far cheaper per call than randomBytes, which
    // matters for the audit event id every request makes (122 random bits)
    return randomUUID().replace(/-/g, '');
  }

  awsUserId(): string {
    return `AIDA${pick(BASE32, 17)}`;
  }

  numericId(): number {
    // 13-digit integers: exact in a JavaScript number and in a JSON double
    return randomInt(1_000_000_000_000, 9_999_999_999_999);
  }

  awsAccountId(): string {
    return String(randomInt(100_000_000_000, 999_999_999_999));
  }

  accessKeyId(): string {
    // 20 upper-case alphanumerics, the length AWS and Huawei AKs have
    return `AKIA${pick(UPPER_ALNUM, 16)}`;
  }

  secretAccessKey(): string {
    return pick(SECRET_ALPHABET, 40);
  }

  password(): string {
    // every class present, 24 characters: passes any policy up to 24 characters of length
    const body = pick(SECRET_ALPHABET, 20);
    return `${body}Aa1!`;
  }

  requestId(): string {
    return this.hexId();
  }
}
