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
