// `npm run bench -- --profile DIR`: preloaded into each polyiam server process (`node --import` this
// file bin/polyiam.js serve) with POLYIAM_BENCH_PROFILE_DIR set. The load process sends SIGUSR2 when a
// case's measured window opens and again when it closes: the first starts a CPU profile of the server's
// main thread, the second stops it and writes it where DIR/.target says (bench/harness.ts runCase), so
// the profile holds the load window only, not the start, the seeding or the warm-up.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const dir = process.env.POLYIAM_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let profiling = false;
  const toggle = async () => {
    if (!profiling) {
      profiling = true;
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      return;
    }
    profiling = false;
    const { profile } = await session.post('Profiler.stop');
    const target = readFileSync(join(dir, '.target'), 'utf8').trim();
    writeFileSync(`${target}.part`, JSON.stringify(profile));
    renameSync(`${target}.part`, target);
  };
  let chain = Promise.resolve();
  process.on('SIGUSR2', () => {
    chain = chain.then(toggle).catch((err) => process.stderr.write(`bench profiler: ${err}\n`));
  });
}
