import { createCipheriv, createDecipheriv, createHash, randomFillSync } from 'node:crypto';
import type { SecretBox } from '../core/ports.js';

const VERSION = 'v1';
/** GCM's 96-bit nonce */
const IV_BYTES = 12;
/** IVs drawn per CSPRNG call: every AssumeRole seals a token, and one `getrandom` per seal was a tenth of its CPU */
const IV_POOL_BYTES = IV_BYTES * 256;

/**
 * AES-256-GCM under a key-encryption key. Sealed form: `v1.<key id>.<iv>.<tag>.<ciphertext>`
 * (base64url). The key id lets `keys rotate` add a new key while older secrets still open.
 */
export class AesGcmSecretBox implements SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;
  /** the additional data every seal authenticates: the format version and the key id */
  private readonly currentAad: Buffer;
  // SECURITY: each IV is 12 bytes of the OS CSPRNG used once, as `randomBytes(12)` gave: random nonces,
  // never a counter, so no state must survive a restart or be shared between nodes
  private readonly ivPool = Buffer.alloc(IV_POOL_BYTES);
  private ivOffset = IV_POOL_BYTES;

  /** @param keys newest first; each 32 bytes */
  constructor(keys: Buffer[]) {
    if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error('secret box needs 32-byte keys');
    const entries = keys.map((key) => ({ id: keyId(key), key }));
    this.current = entries[0]!;
    this.byId = new Map(entries.map((e) => [e.id, e.key]));
    this.currentAad = Buffer.from(`${VERSION}.${this.current.id}`);
  }

  /** a copy (the pool is refilled in place): the cipher keeps no reference to bytes used again */
  private nextIv(): Buffer {
    if (this.ivOffset === IV_POOL_BYTES) {
      randomFillSync(this.ivPool);
      this.ivOffset = 0;
    }
    const iv = Buffer.from(this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES));
    this.ivOffset += IV_BYTES;
    return iv;
  }

  seal(plaintext: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(this.currentAad);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, id, iv, tag, body] = sealed.split('.');
    const key = id ? this.byId.get(id) : undefined;
    if (version !== VERSION || !key || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('sealed secret has an unknown format or key');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${VERSION}.${id}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A short, non-secret fingerprint of a key, to find it again after rotation. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}
