/**
 * The processes and fixtures of a bench run (see bench/harness.ts's header): one polyiam server process
 * per env (on disk, or on tmpfs with --memory), started on demand and restarted after a seed; the bare
 * baseline's server and the load generator, shared by every env of the run.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { BenchEnv, BenchOptions, Seeding } from './harness.js';
import { LoadProcess, PolyiamProcess, startBareProcess, type ServerHandle, type Storage } from './processes.js';

/** The processes every env of a run shares: the bare baseline's server and the load generator. */
export class SharedProcesses {
  readonly load = new LoadProcess();
  private bare: Promise<ServerHandle> | undefined;
  /** URL → pid of every server process started for this run, for the write counts */
  readonly pids = new Map<string, { pid: number; profiled: boolean }>();

  bareUrl(): Promise<string> {
    this.bare ??= startBareProcess().then((handle) => {
      this.pids.set(handle.url, { pid: handle.pid, profiled: false });
      return handle;
    });
    return this.bare.then((handle) => handle.url);
  }

  async close(): Promise<void> {
    await this.load.close();
    if (this.bare) await (await this.bare).close();
  }
}

export interface EnvSettings {
  storage?: Storage;
  /** --profile DIR: server processes preload bench/server-profiler.mjs, which writes there */
  profileDir?: string;
}

/** One polyiam server process (started lazily) and the shared processes; `close()` stops what it started. */
export function createEnv(options: BenchOptions, shared: SharedProcesses, settings: EnvSettings = {}): BenchEnv & { close(): Promise<void> } {
  const storage = settings.storage ?? 'disk';
  const profiling = settings.profileDir ? { profileHook: new URL('./server-profiler.mjs', import.meta.url).href, profileDir: settings.profileDir } : {};
  let server: PolyiamProcess | undefined;
  let starting: Promise<void> | undefined;
  const started = async (): Promise<PolyiamProcess> => {
    server ??= new PolyiamProcess(storage, profiling);
    const on = server;
    // a start under way: `running` is already true (the child exists) before it listens
    if (starting) await starting;
    if (!on.running) {
      starting ??= on.start().finally(() => (starting = undefined));
      await starting;
      shared.pids.set(on.url, { pid: on.pid, profiled: settings.profileDir !== undefined });
    }
    return on;
  };
  return {
    options,
    storage,
    async polyiam() {
      const on = await started();
      return { url: on.url, pid: on.pid, root: on.root!, storage };
    },
    async seed(fn) {
      // the first start creates the account whose root credentials the cases use
      return seedStopped(await started(), fn);
    },
    bareUrl: () => shared.bareUrl(),
    async close() {
      await server?.close();
    },
  };
}

/**
 * Fixtures for a server process (see the header): stops it, opens its data dir through the app in this
 * process, runs `fn`, closes the app. The caller starts the server again (`env.polyiam()` does).
 */
export async function seedStopped<T>(on: PolyiamProcess, fn: (seeding: Seeding) => Promise<T>): Promise<T> {
  if (!on.root) throw new Error('bench: seed a server after its first start (which creates the account)');
  await on.stop();
  const [{ createPolyiam }, { loadConfig }, { createLogger }, { systemContext }] = await Promise.all([
    import('../src/app/polyiam.js'),
    import('../src/config/config.js'),
    import('../src/http/logger.js'),
    import('../src/core/principal.js'),
  ]);
  const log = createWriteStream(join(on.dir, 'seed.log'), { flags: 'a' });
  const polyiam = await createPolyiam({ ...loadConfig({}), dataDir: on.dataDir }, { logger: createLogger('warn', log) });
  const root = on.root;
  // the seed is setup, not measured: with group commit (store/group-commit.ts) the fixtures of one turn
  // share a commit and nothing waits for a flush here; closing commits the rest, and the server reopens
  // the file and reads what the page cache holds.
  try {
    return await fn({ polyiam, root, rootContext: systemContext(root.account.id, root.root.user_id, root.root.user_name) });
  } finally {
    await polyiam.close();
    log.end();
  }
}
