import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { awsDialect } from '../../../src/dialects/aws/dialect.js';

it('src/dialects/aws/COVERAGE.md lists every operation of the AWS table, and no other', () => {
  const text = readFileSync(new URL('../../../src/dialects/aws/COVERAGE.md', import.meta.url), 'utf8');
  const documented = [...text.matchAll(/^\| ([A-Z][A-Za-z]+) \|/gm)].map((m) => m[1]!).filter((name) => name !== 'Operation' && name !== 'Situation');
  assert.deepEqual(documented.sort(), [...awsDialect().operations.keys()].sort());
});
