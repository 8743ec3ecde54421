import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { COVERAGE_FILE, renderCoverage } from '../../../src/dialects/aws-sts/coverage.js';

it('src/dialects/aws-sts/COVERAGE.md is generated from the operation table (run src/dialects/aws-sts/coverage.ts when this fails)', () => {
  assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
});
