#!/usr/bin/env node
// `npm start` / `npx polyiam`: runs the plain JavaScript compiled into dist/ at install (`prepare`, see
// scripts/build.mjs), so a start pays no TypeScript loader (#17: ~0.8 s and ~50 MB with tsx). The
// sources run through tsx instead when POLYIAM_FROM_SOURCE=1 (what `npm test` sets), when dist/ is
// missing (no typescript at install), or when any file under src/ is newer than the build: compiled
// code older than its sources never runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  if (process.env.POLYIAM_FROM_SOURCE === '1') return false;
  const stamp = `${root}dist/.built`;
  if (!existsSync(stamp)) return false;
  if (!existsSync(`${root}src`)) return true;
  if (newestSource(`${root}src`) <= statSync(stamp).mtimeMs) return true;
  process.stderr.write('polyiam: src/ is newer than dist/ (run `npm run build`); running the sources through tsx\n');
  return false;
}

let entry;
if (compiledIsCurrent()) {
  // Node 22.1+: V8 code cache on disk for the compiled modules (a no-op on Node 20)
  module.enableCompileCache?.();
  // the build's one-file bundle of dist/ when esbuild made one (scripts/bundle.mjs), else dist/ itself
  const bundled = `${root}dist/bundle/polyiam.cjs`;
  entry = existsSync(bundled) ? (await import('./load-bundle.js')).loadBundle(bundled) : await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import('../src/cli/main.ts');
}
process.exitCode = await entry.main(process.argv.slice(2));
