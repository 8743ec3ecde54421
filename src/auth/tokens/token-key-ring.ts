import { randomBytes } from 'node:crypto';
import type { Clock, SecretBox } from '../../core/ports.js';
import type { TokenKeyRecord, TokenKeyRepository } from '../../core/tokens/ports.js';
import type { TokenKey } from './token-codec.js';

export interface RotationResult {
  primary: string;
  /** keys that still open tokens, newest first */
  active: Array<{ id: string; createdAt: number; supersededAt: number | null }>;
  /** keys deleted because every token they sealed has expired */
  retired: string[];
}

/**
 * The token keys every node shares: stored sealed with the `SecretBox` in the database, so a
 * PostgreSQL deployment needs no key files. The newest key seals new tokens; older keys keep opening
 * the tokens they sealed until `rotate` retires them, one token lifetime after they were superseded.
 * Other nodes learn a new key when a token names one they do not know, and every `reloadMs` anyway.
 */
export class TokenKeyRing {
  private keys = new Map<string, TokenKey>();
  private primaryKey: TokenKey | undefined;
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly repo: TokenKeyRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly reloadMs = 60_000,
    /** a token naming an unknown key triggers at most one reload per this interval */
    private readonly missReloadMs = 1_000,
  ) {}

  /** Loads the keys, creating the first one on an empty database. */
  async load(): Promise<void> {
    let records = await this.repo.list();
    if (records.length === 0) {
      await this.repo.add(this.newRecord());
      records = await this.repo.list();
    }
    this.install(records);
  }

  /** The key new tokens are sealed with; refreshes from the database in the background when stale. */
  primary(): TokenKey {
    if (!this.primaryKey) throw new Error('token keys are not loaded');
    if (this.clock.now() - this.loadedAt > this.reloadMs) void this.reload().catch(() => undefined);
    return this.primaryKey;
  }

  /** The key with this id, reloading once when it is unknown here (another node may have rotated). */
  async find(id: string): Promise<TokenKey | undefined> {
    const hit = this.keys.get(id);
    if (hit || this.clock.now() - this.loadedAt < this.missReloadMs) return hit;
    await this.reload();
    return this.keys.get(id);
  }

  /**
   * Adds a new primary key, marks the others superseded, and retires keys superseded more than one
   * token lifetime ago (no token they sealed can still be alive).
   */
  async rotate(tokenLifetimeMs: number): Promise<RotationResult> {
    const now = this.clock.now();
    const before = await this.repo.list();
    const fresh = this.newRecord();
    await this.repo.add(fresh);
    await this.repo.supersede(before.map((k) => k.id), now);
    const retired = before.filter((k) => k.supersededAt !== null && k.supersededAt + tokenLifetimeMs <= now).map((k) => k.id);
    await this.repo.delete(retired);
    const records = await this.repo.list();
    this.install(records);
    return {
      primary: fresh.id,
      active: [...records].reverse().map((k) => ({ id: k.id, createdAt: k.createdAt, supersededAt: k.supersededAt })),
      retired,
    };
  }

  private reload(): Promise<void> {
    this.loading ??= this.repo
      .list()
      .then((records) => this.install(records))
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private install(records: TokenKeyRecord[]): void {
    const keys = new Map<string, TokenKey>();
    let newest: TokenKeyRecord | undefined;
    for (const record of records) {
      keys.set(record.id, { id: record.id, key: Buffer.from(this.box.open(record.sealedKey), 'base64') });
      if (!newest || record.createdAt > newest.createdAt || (record.createdAt === newest.createdAt && record.id > newest.id)) newest = record;
    }
    this.keys = keys;
    this.primaryKey = newest ? keys.get(newest.id) : this.primaryKey;
    this.loadedAt = this.clock.now();
  }

  private newRecord(): TokenKeyRecord {
    return { id: randomBytes(4).toString('hex'), sealedKey: this.box.seal(randomBytes(32).toString('base64')), createdAt: this.clock.now(), supersededAt: null };
  }
}
