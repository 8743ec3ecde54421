import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { kingsoftDialect } from '../../../src/dialects/kingsoft/dialect.js';

it('src/dialects/kingsoft/COVERAGE.md lists every operation of the Kingsoft table, and no other', () => {
  const text = readFileSync(new URL('../../../src/dialects/kingsoft/COVERAGE.md', import.meta.url), 'utf8');
  const documented = [...text.matchAll(/^\| ([A-Z][A-Za-z]+) \|/gm)].map((m) => m[1]!).filter((name) => name !== 'Operation' && name !== 'Situation');
  assert.deepEqual(documented.sort(), [...kingsoftDialect().operations.keys()].sort());
});
