import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { AdjustableClock } from '../../core/clock.js';
import type { TokenKeyRecord, TokenKeyRepository } from '../../core/tokens/ports.js';
import { AesGcmSecretBox } from '../../crypto/secret-box.js';
import { TokenKeyRing } from './token-key-ring.js';
import { decodeToken, encodeToken } from './token-codec.js';

const DAY = 86_400_000;

/** The repository contract as the ring uses it, over an array (two rings sharing one = two nodes). */
class MemoryKeys implements TokenKeyRepository {
  rows: TokenKeyRecord[] = [];
  async list() {
    return [...this.rows].sort((a, b) => a.createdAt - b.createdAt);
  }
  async add(key: TokenKeyRecord) {
    this.rows.push({ ...key });
  }
  async supersede(ids: string[], at: number) {
    for (const row of this.rows) if (ids.includes(row.id) && row.supersededAt === null) row.supersededAt = at;
  }
  async delete(ids: string[]) {
    this.rows = this.rows.filter((row) => !ids.includes(row.id));
  }
}

const claims = (userId: string) => ({
  tokenId: randomBytes(16).toString('hex'),
  accountId: 'a'.repeat(32),
  userId,
  methods: ['password' as const],
  scope: 'domain' as const,
  issuedAt: 1,
  expiresAt: 2,
  passwordChangeOnly: false,
});

describe('token key ring', () => {
  const box = new AesGcmSecretBox([randomBytes(32)]);

  it('creates one key on an empty database and stores it sealed', async () => {
    const repo = new MemoryKeys();
    const ring = new TokenKeyRing(repo, box, new AdjustableClock());
    await ring.load();
    assert.equal(repo.rows.length, 1);
    const primary = ring.primary();
    assert.match(primary.id, /^[0-9a-f]{8}$/);
    assert.ok(!repo.rows[0]!.sealedKey.includes(primary.key.toString('base64')), 'the key is stored sealed');
    await ring.load();
    assert.equal(repo.rows.length, 1, 'a second load keeps the key');
  });

  it('rotates: new tokens use the new key, old tokens still open until the old key is retired', async () => {
    const repo = new MemoryKeys();
    const clock = new AdjustableClock();
    const ring = new TokenKeyRing(repo, box, clock);
    await ring.load();
    const oldKey = ring.primary();
    const oldToken = encodeToken(claims('b'.repeat(32)), oldKey);

    clock.advance(1000);
    const first = await ring.rotate(DAY);
    assert.notEqual(first.primary, oldKey.id);
    assert.equal(ring.primary().id, first.primary);
    assert.deepEqual(first.retired, []);
    assert.equal(first.active.length, 2);
    assert.ok(decodeToken(oldToken, (await ring.find(oldKey.id))!), 'the superseded key still opens its tokens');

    clock.advance(DAY);
    const second = await ring.rotate(DAY);
    assert.deepEqual(second.retired, [oldKey.id], 'retired one lifetime after it was superseded');
    assert.equal(await ring.find(oldKey.id), undefined);
    assert.deepEqual(second.active.map((k) => k.id), [second.primary, first.primary]);
  });

  it('a node learns a key another node rotated in when a token names it', async () => {
    const repo = new MemoryKeys();
    const clock = new AdjustableClock();
    const nodeA = new TokenKeyRing(repo, box, clock);
    const nodeB = new TokenKeyRing(repo, box, clock);
    await nodeA.load();
    await nodeB.load();
    clock.advance(5_000);
    const { primary } = await nodeA.rotate(DAY);
    const token = encodeToken(claims('c'.repeat(32)), nodeA.primary());
    const key = await nodeB.find(primary);
    assert.ok(key && decodeToken(token, key));
  });
});
