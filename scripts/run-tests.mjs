#!/usr/bin/env node
// `npm test`: every *.test.ts under src/ and test/, on node:test through tsx. Extra arguments are
// passed on, so `npm test -- --test-name-pattern=lockout` works.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = [...collect('src', []), ...collect('test', [])].sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...process.argv.slice(2), ...files],
  // a test that spawns bin/polyiam.js runs the sources it is testing, never a compiled dist/
  { stdio: 'inherit', env: { ...process.env, POLYIAM_FROM_SOURCE: '1' } },
);
process.exit(result.status ?? 1);
