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
