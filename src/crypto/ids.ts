import { randomFillSync, randomInt } from 'node:crypto';
import type { IdGenerator } from '../core/ports.js';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Bytes drawn per CSPRNG call for `pick`: an AssumeRole draws 56 characters (key id and secret), and a
 * `randomInt` call per character was most of its id generation. Each byte is used once.
 */
const PICK_POOL_BYTES = 4096;
const pickPool = Buffer.alloc(PICK_POOL_BYTES);
let pickOffset = PICK_POOL_BYTES;

/**
 * Uniform choice from an alphabet of at most 256 characters. A byte at or above the largest multiple of
 * the alphabet's length is drawn again (rejection, as `randomInt` does), so no character is favoured.
 */
function pick(alphabet: string, length: number): string {
  const size = alphabet.length;
  const limit = 256 - (256 % size);
  let out = '';
  while (out.length < length) {
    if (pickOffset === PICK_POOL_BYTES) {
      randomFillSync(pickPool);
      pickOffset = 0;
    }
    const byte = pickPool[pickOffset++]!;
    if (byte < limit) out += alphabet[byte % size];
  }
  return out;
}

/** Bytes per hex id: 128 random bits. */
const HEX_ID_BYTES = 16;
/** Ids drawn per CSPRNG call: one call per 256 ids instead of one per id. */
const POOL_BYTES = HEX_ID_BYTES * 256;

/** All ids come from the OS CSPRNG. Formats follow the vendors so SDKs and humans recognise them. */
export class RandomIdGenerator implements IdGenerator {
  // Every API call records an audit event with a fresh hex id, so ids come from a pool filled in bulk:
  // ≈ 0.2 µs an id where randomUUID + replace took ≈ 1 µs. Each byte is used once.
  private readonly pool = Buffer.alloc(POOL_BYTES);
  private offset = POOL_BYTES;

  hexId(): string {
    if (this.offset === POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    // toString copies into a new flat string: the id keeps no reference to the pool
    const id = this.pool.toString('hex', this.offset, this.offset + HEX_ID_BYTES);
    this.offset += HEX_ID_BYTES;
    return id;
  }

  timeOrderedId(at: number): string {
    // 12 hex digits hold 48 bits of milliseconds (until the year 10889); the rest of a hex id is random
    return Math.max(0, Math.floor(at)).toString(16).padStart(12, '0').slice(-12) + this.hexId().slice(12);
  }

  awsUserId(): string {
    return `AIDA${pick(BASE32, 17)}`;
  }

  awsRoleId(): string {
    return `AROA${pick(BASE32, 17)}`;
  }

  temporaryAccessKeyId(): string {
    // AWS "Unique identifier prefixes": ASIA for temporary (AWS STS) access keys
    return `ASIA${pick(UPPER_ALNUM, 16)}`;
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
