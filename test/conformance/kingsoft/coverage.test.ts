import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { COVERAGE_FILE, renderCoverage } from '../../../src/dialects/kingsoft/coverage.js';

it('src/dialects/kingsoft/COVERAGE.md is generated from the operation table (run src/dialects/kingsoft/coverage.ts when this fails)', () => {
  assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
});
