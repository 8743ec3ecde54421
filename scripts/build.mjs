#!/usr/bin/env node
// `npm run build`, and `prepare` (which `npm install` and `npm ci` run): compiles src/ to plain
// JavaScript in dist/ with tsc, so `npm start` (bin/polyiam.js) starts without a TypeScript loader,
// copies what the server reads by path at run time (console views and stylesheet), and bundles the
// result into dist/bundle/ (scripts/bundle.mjs). Type errors
// do not stop the install: `npm run typecheck` is where they are judged (the emit is the same either
// way). Tests and development run the sources through tsx and never read dist/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // `npm install --omit=dev` has no typescript: bin/polyiam.js then runs the sources through tsx
  process.stderr.write('polyiam build: typescript is not installed; skipping (bin/polyiam.js will run src/ through tsx)\n');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', cwd: root });
if (result.status !== 0 || !existsSync(join(dist, 'cli', 'main.js'))) {
  process.stderr.write(`polyiam build: tsc failed (exit ${result.status})\n`);
  process.exit(result.status || 1);
}

/** Files read by path at run time: everything under src/ that is neither TypeScript nor a generated doc. */
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (!name.endsWith('.ts') && !name.endsWith('.md')) {
      const target = join(dist, relative(src, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}
copyAssets(src);
// one file instead of hundreds for `npm start` (see scripts/bundle.mjs)
await bundle(root);
// bin/polyiam.js compares this stamp with the sources' modification times (see there)
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`);
process.stderr.write(`polyiam build: dist/ ready\n`);
