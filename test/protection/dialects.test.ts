/** Every query dialect the server mounts has a protection matrix (test/protection/<name>.test.ts). */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { it } from 'node:test';
import { queryDialects } from '../../src/http/query-dialects.js';

it('every query dialect has a protection matrix', () => {
  const uncovered = queryDialects.map((d) => d.name).filter((name) => !existsSync(new URL(`./${name}.test.ts`, import.meta.url)));
  assert.deepEqual(uncovered, []);
});
