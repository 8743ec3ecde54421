import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COVERAGE_FILE, renderCoverage } from '../../../src/dialects/huawei-v3/coverage.js';
import { v3Operations } from '../../../src/dialects/huawei-v3/plugin.js';

describe('huawei-v3 COVERAGE.md', () => {
  it('is generated from the operation table (run src/dialects/huawei-v3/coverage.ts when this fails)', () => {
    assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
  });

  /** @see #11 */
  it('describes every /v3.0 operation', () => {
    assert.doesNotMatch(renderCoverage(), /\| \? \|/);
  });

  it('lists each method and path once', () => {
    const routes = v3Operations.map((op) => `${op.method} ${op.url}`);
    assert.equal(new Set(routes).size, routes.length);
  });
});
