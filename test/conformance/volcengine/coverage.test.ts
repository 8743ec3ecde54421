import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COVERAGE_FILE, renderCoverage } from '../../../src/dialects/volcengine/coverage.js';
import { volcengineDialect, volcengineOperations } from '../../../src/dialects/volcengine/dialect.js';
import { VOLC_ERROR_CODES } from '../../../src/dialects/volcengine/errors.js';

describe('volcengine COVERAGE.md', () => {
  it('is generated from the operation table (run src/dialects/volcengine/coverage.ts when this fails)', () => {
    assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
  });

  it('names only codes of the error catalogue, and every action once', () => {
    for (const op of volcengineOperations) {
      for (const code of op.errors) assert.ok(code in VOLC_ERROR_CODES, `${op.action}: ${code} is not in VOLC_ERROR_CODES`);
    }
    assert.equal(volcengineDialect.operations.size, volcengineOperations.length, 'no action is listed twice');
  });
});
