import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key-encryption key. `POLYIAM_MASTER_KEY` (base64 or hex of 32 bytes, comma-separated newest
 * first for rotation) wins; otherwise the embedded default keeps one in `<data dir>/master.key`,
 * created with mode 0600.
 */
export function loadMasterKeys(configured: string | undefined, dataDir: string | undefined): Buffer[] {
  if (configured) return configured.split(',').map((text) => parseKey(text.trim()));
  if (!dataDir) return [randomBytes(32)];
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // SECURITY: written with 0600 from the first byte (flag wx refuses to follow a planted file)
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(parseKey);
}

function parseKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('POLYIAM_MASTER_KEY must be 32 bytes, base64 or hex');
  return key;
}
