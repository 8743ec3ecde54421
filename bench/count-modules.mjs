// Preloaded by the start-up case (bench/startup.ts) into one extra polyiam start: counts the ES modules
// and CommonJS files the process loaded and writes them, as JSON, to POLYIAM_BENCH_MODULES_FILE at exit.
// (Node's own built-in modules are not counted; the bundle, dist/bundle/polyiam.cjs, is read by
// bin/load-bundle.js rather than loaded as a module and is not counted either.)
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const out = process.env.POLYIAM_BENCH_MODULES_FILE;
if (out) {
  const esm = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => esm.add(url));
  port1.unref();
  register(new URL('./count-modules-hooks.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const files = [...esm].filter((url) => url.startsWith('file:'));
    writeFileSync(out, JSON.stringify({ esModules: files.length, commonJs: Object.keys(cache).length }));
  });
}
