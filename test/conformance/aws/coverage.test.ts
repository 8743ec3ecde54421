import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { COVERAGE_FILE, renderCoverage } from '../../../src/dialects/aws/coverage.js';
import { awsDialect } from '../../../src/dialects/aws/dialect.js';
import { UNSERVED } from '../../../src/dialects/aws/unserved.js';

it('src/dialects/aws/COVERAGE.md is generated from the operation table (run src/dialects/aws/coverage.ts when this fails)', () => {
  assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
});

/** @see #15 COVERAGE.md names every AWS IAM action: each command of @aws-sdk/client-iam is served or has a reason. */
it('every command of @aws-sdk/client-iam is served or listed as not served with its reason, and none is both', async () => {
  const sdk = await import('@aws-sdk/client-iam');
  const commands = Object.keys(sdk).filter((k) => /^[A-Z]\w*Command$/.test(k)).map((k) => k.slice(0, -'Command'.length));
  const served = new Set(awsDialect().operations.keys());
  assert.deepEqual(commands.filter((c) => !served.has(c) && !(c in UNSERVED)), [], 'AWS IAM actions with neither an operation nor a reason');
  assert.deepEqual(Object.keys(UNSERVED).filter((c) => served.has(c)), [], 'served actions still listed as not served');
  assert.deepEqual(Object.keys(UNSERVED).filter((c) => !commands.includes(c)), [], 'reasons for actions the SDK does not have');
});
