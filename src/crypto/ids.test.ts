import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RandomIdGenerator } from './ids.js';

describe('RandomIdGenerator.hexId', () => {
  // ids come from a pool of random bytes refilled every 256 ids: cross several refills
  const generator = new RandomIdGenerator();
  const ids = Array.from({ length: 2_000 }, () => generator.hexId());

  it('is 32 lowercase hex and never repeats, across pool refills', () => {
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('is random in all 128 bits: no fixed version or variant digits as a UUID has', () => {
    for (let position = 0; position < 32; position++) {
      const digits = new Set(ids.map((id) => id[position]));
      assert.equal(digits.size, 16, `hex digit ${position} takes only ${digits.size} values`);
    }
  });

  it('two generators draw different ids', () => {
    const a = new RandomIdGenerator();
    const b = new RandomIdGenerator();
    assert.notEqual(a.hexId(), b.hexId());
  });
});

describe('RandomIdGenerator.timeOrderedId', () => {
  const generator = new RandomIdGenerator();

  it('is 32 lowercase hex that sorts by time, then random', () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0, 5);
    const early = generator.timeOrderedId(at);
    const late = generator.timeOrderedId(at + 1);
    assert.match(early, /^[0-9a-f]{32}$/);
    assert.equal(early.slice(0, 12), at.toString(16).padStart(12, '0'));
    assert.ok(early < late);
    const sameMs = Array.from({ length: 500 }, () => generator.timeOrderedId(at));
    assert.equal(new Set(sameMs).size, sameMs.length, 'ids of one millisecond differ in their random part');
  });
});

/** @see #13 */
describe('RandomIdGenerator alphabet ids (temporary access keys, secrets)', () => {
  const generator = new RandomIdGenerator();

  it('draws every character of the alphabet at about the same rate, across pool refills', () => {
    // 2,000 secrets of 40 characters: 80,000 draws, about 1,290 per character of the 62
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const secret = generator.secretAccessKey();
      assert.match(secret, /^[A-Za-z0-9]{40}$/);
      for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    assert.equal(counts.size, 62);
    // a modulo bias (256 % 62 = 8 characters favoured) would put those at 5/4 of the others: ~1,560
    for (const [c, n] of counts) assert.ok(n > 1_100 && n < 1_480, `\`${c}\` drawn ${n} times`);
  });

  it('temporary access key ids are ASIA and 16 upper-case alphanumerics, never repeated', () => {
    const ids = Array.from({ length: 1_000 }, () => generator.temporaryAccessKeyId());
    for (const id of ids) assert.match(id, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(new Set(ids).size, ids.length);
  });
});
