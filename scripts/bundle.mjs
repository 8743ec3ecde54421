// Part of `npm run build` (scripts/build.mjs, after tsc): bundles the compiled dist/cli/main.js and the
// pure-JavaScript packages it imports into dist/bundle/ with esbuild, which bin/polyiam.js runs when
// present (#17 item 5: a start resolved, read and compiled ~700 modules, 262 of them kysely's one file
// per class, and that was most of its time and a fifth of its memory). What still loads on first use
// (`import()`) stays a chunk of its own, loaded on first use. Packages with native code and those
// loaded through `createRequire` stay in node_modules. Without esbuild (it comes with tsx) there is
// no bundle and bin/polyiam.js runs dist/cli/main.js as before.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Native addons (a .node file found beside their JavaScript) and what is loaded by `createRequire`. */
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'pg', 'pg-native', 'nodemailer'];

/** Files the server reads by path next to its own module (`import.meta.url`), which names the bundle. */
const ASSETS = ['console/console.css', 'console/copy.js', 'console/views'];

function loadEsbuild(root) {
  const require = createRequire(join(root, 'package.json'));
  for (const from of [join(root, 'package.json'), require.resolve('tsx')]) {
    try {
      return createRequire(from)('esbuild');
    } catch {
      // try the next place: esbuild is a dependency of tsx, hoisted or nested under it
    }
  }
  return undefined;
}

/** Writes dist/bundle/ from dist/; returns false (and leaves no bundle) when esbuild is not installed. */
export async function bundle(root) {
  const dist = join(root, 'dist');
  const out = join(dist, 'bundle');
  rmSync(out, { recursive: true, force: true });
  const esbuild = loadEsbuild(root);
  if (!esbuild) {
    process.stderr.write('polyiam build: esbuild is not installed; no bundle (bin/polyiam.js runs dist/cli/main.js)\n');
    return false;
  }
  await esbuild.build({
    entryPoints: { polyiam: join(dist, 'cli', 'main.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: out,
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle call `require` for Node's own modules
    banner: { js: "import { createRequire as __polyiamCreateRequire } from 'node:module'; const require = __polyiamCreateRequire(import.meta.url);" },
    // no comments or indentation: a third less source to read and parse at every start, and one-byte
    // (Latin-1) source strings in V8 rather than two-byte ones (comments quote vendor docs in Chinese);
    // names are kept, so stack traces and Fastify's plugin names read as in the sources
    minifyWhitespace: true,
    legalComments: 'none',
    charset: 'ascii',
    // stack traces map back to src/ under `node --enable-source-maps` (through tsc's maps in dist/)
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  for (const asset of ASSETS) {
    const from = join(dist, asset);
    if (!existsSync(from)) continue;
    const to = join(out, asset.slice(asset.indexOf('/') + 1));
    mkdirSync(join(to, '..'), { recursive: true });
    cpSync(from, to, { recursive: true });
  }
  return true;
}
