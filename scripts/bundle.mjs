// Part of `npm run build` (scripts/build.mjs, after tsc): bundles the compiled dist/cli/main.js and the
// pure-JavaScript packages it imports into one file, dist/bundle/polyiam.cjs, with esbuild, plus a V8
// code cache of it; bin/polyiam.js runs it when present (bin/load-bundle.js). #17 item 5: a start
// resolved, read and compiled ~700 modules (262 of them kysely's, one file per class), most of its CPU
// and a fifth of its memory. Packages with native code and those loaded through `createRequire` stay
// in node_modules. Without esbuild (it comes with tsx) there is no bundle and bin/polyiam.js runs
// dist/cli/main.js as before.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Native addons (a .node file found beside their JavaScript) and what is loaded by `createRequire`. */
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'pg', 'pg-native', 'nodemailer'];

/** Files the server reads by path next to its own module (`import.meta.url`), which names the bundle. */
const ASSETS = ['console/console.css', 'console/copy.js', 'console/views'];

/** esbuild's options: dist/cli/main.js and what it imports, into `out`. */
const OPTIONS = (dist, out) => ({
  entryPoints: { polyiam: join(dist, 'cli', 'main.js') },
  bundle: true,
  // one CommonJS file, which bin/load-bundle.js compiles with a V8 code cache (ES modules get none on
  // Node 20); what the sources load on first use (`import()`) is in it, compiled only when first called
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: out,
  outExtension: { '.js': '.cjs' },
  external: EXTERNAL,
  define: { 'import.meta.url': '__polyiamModuleUrl' },
  // no comments or indentation: a third less source to read and parse at every start, and one-byte
  // (Latin-1) source strings in V8 rather than two-byte ones (comments quote vendor docs in Chinese);
  // identifiers are not minified, so stack traces and Fastify's plugin names read as in the sources
  minifyWhitespace: true,
  legalComments: 'none',
  charset: 'ascii',
  // stack traces map back to src/ under `node --enable-source-maps` (through tsc's maps in dist/), and
  // bench/profile-summary.ts names a profile's frames after their sources
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});

function loadEsbuild(root) {
  const require = createRequire(join(root, 'package.json'));
  // esbuild is a dependency of tsx: hoisted beside it, or nested under it
  for (const from of [() => join(root, 'package.json'), () => require.resolve('tsx')]) {
    try {
      return createRequire(from())('esbuild');
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
}

/** Writes dist/bundle/ from dist/; returns false (and leaves no bundle) when esbuild is missing or fails. */
export async function bundle(root) {
  const dist = join(root, 'dist');
  const out = join(dist, 'bundle');
  rmSync(out, { recursive: true, force: true });
  const esbuild = loadEsbuild(root);
  if (!esbuild) {
    process.stderr.write('polyiam build: esbuild is not installed; no bundle (bin/polyiam.js runs dist/cli/main.js)\n');
    return false;
  }
  try {
    await esbuild.build(OPTIONS(dist, out));
  } catch (err) {
    // the install must not fail for the bundle: bin/polyiam.js runs dist/cli/main.js without it
    rmSync(out, { recursive: true, force: true });
    process.stderr.write(`polyiam build: bundling failed, no bundle (${err.message})\n`);
    return false;
  }
  for (const asset of ASSETS) {
    const from = join(dist, asset);
    if (!existsSync(from)) continue;
    const to = join(out, asset.slice(asset.indexOf('/') + 1));
    mkdirSync(join(to, '..'), { recursive: true });
    cpSync(from, to, { recursive: true });
  }
  // The code cache is made by loading the bundle as bin/polyiam.js does, in a plain `node` (V8 rejects a
  // cache made under other flags); a bundle that cannot even load there is not kept.
  const file = join(out, 'polyiam.cjs');
  const loader = pathToFileURL(join(root, 'bin', 'load-bundle.js')).href;
  const cached = spawnSync(process.execPath, ['--input-type=module', '-e', `import { writeCodeCache } from ${JSON.stringify(loader)}; writeCodeCache(${JSON.stringify(file)});`], {
    stdio: 'inherit',
    env: withoutNodeOptions(process.env),
  });
  if (cached.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    process.stderr.write('polyiam build: the bundle did not load, no bundle (bin/polyiam.js runs dist/cli/main.js)\n');
    return false;
  }
  return true;
}

function withoutNodeOptions(env) {
  const { NODE_OPTIONS: _options, ...rest } = env;
  return rest;
}
