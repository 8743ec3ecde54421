// Runs dist/bundle/polyiam.cjs (scripts/bundle.mjs) the way Node runs a CommonJS file, but compiled
// with a V8 code cache written at build time beside it: Node 20 keeps no compiled code between runs of
// a module, and compiling the 2.6 MB bundle was the largest single cost left in a start (#17 item 5).
// V8 checks the cache against the source and its own version and flags; a cache that does not fit
// (another Node, `--cpu-prof`, a rebuilt bundle) is rejected and the source compiles as it would
// without one: same code, only slower.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/**
 * Compiles and runs the bundle; returns its exports and the script (for `createCachedData`).
 * The bundle was ES modules (strict code) before esbuild made it one CommonJS file, hence 'use strict';
 * its `import.meta.url` is `__polyiamModuleUrl` (esbuild `define`), so the console finds its views and
 * `createRequire(import.meta.url)` finds node_modules as they did from dist/.
 */
function compileAndRun(file, cachedData) {
  // the bundle is ASCII (esbuild `charset: 'ascii'`): latin1 reads it without UTF-8 decoding
  const source = `(function (exports, require, module, __filename, __dirname, __polyiamModuleUrl) {'use strict';${readFileSync(file, 'latin1')}\n})`;
  const script = new vm.Script(source, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // a dynamic import() left in the bundle (a package outside it) resolves as it would in a module
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
  return { exports: module.exports, script };
}

/** The bundle's exports (`main`), compiled from its code cache when one fits. */
export function loadBundle(file) {
  const cacheFile = `${file}.cache`;
  return compileAndRun(file, existsSync(cacheFile) ? readFileSync(cacheFile) : undefined).exports;
}

/** Build time (scripts/bundle.mjs, in a process of its own): compiles and initialises the bundle, then saves V8's code. */
export function writeCodeCache(file) {
  const { script } = compileAndRun(file, undefined);
  writeFileSync(`${file}.cache`, script.createCachedData());
}
