/** @see #12 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdjustableClock } from './clock.js';

describe('AdjustableClock', () => {
  it('frozen, stands still until advanced; unfrozen, runs on from where it stood', async () => {
    const clock = new AdjustableClock();
    clock.freeze();
    const at = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(clock.now(), at, 'no real time passes on a frozen clock');
    clock.advance(30_000);
    assert.equal(clock.now(), at + 30_000);
    assert.equal(clock.isFrozen, true);
    clock.unfreeze();
    const after = clock.now();
    assert.ok(after >= at + 30_000 && after < at + 30_000 + 1_000, 'no jump back to the real time');
    assert.equal(clock.isFrozen, false);
    clock.reset();
    assert.ok(Math.abs(clock.now() - Date.now()) < 1_000);
  });
});
