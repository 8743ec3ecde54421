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

/** @see #15: every action of the Go SDK's IAM client is served or has its reason in VOLC_UNSERVED */
describe('volcengine COVERAGE.md against volcengine-go-sdk', () => {
  it('names every action of service/iam, served or not, and nothing twice', async () => {
    const { VOLC_UNSERVED } = await import('../../../src/dialects/volcengine/unserved.js');
    const sdk = readFileSync(new URL('../../fixtures/volcengine/go-sdk-iam-actions.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    const served = new Set(volcengineOperations.map((op) => op.action));
    const missing = sdk.filter((action) => !served.has(action) && !(action in VOLC_UNSERVED));
    assert.deepEqual(missing, [], 'actions neither served nor listed as unserved');
    assert.deepEqual(Object.keys(VOLC_UNSERVED).filter((action) => served.has(action)), [], 'served actions listed as unserved');
    assert.deepEqual(Object.keys(VOLC_UNSERVED).filter((action) => !sdk.includes(action)), [], 'unserved actions the SDK does not have');
  });
});
