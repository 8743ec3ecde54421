/**
 * Test support: the real `polyiam serve` command in a child process, on a data directory and port of
 * the test's choosing, with its stdout and stderr kept for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RootCredentials } from '../support/server.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** the credentials JSON of the first stdout line, when the start created the first account */
  credentials: RootCredentials | undefined;
  /** sends the signal and resolves with the exit code (null if killed by a signal) */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node bin/polyiam.js serve --data-dir D --port 0` and waits until it listens. */
export async function serve(dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000, extraArgs: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['bin/polyiam.js', 'serve', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: REPO,
    env: { ...process.env, POLYIAM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not listen in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
    const check = () => {
      // pino's "Server listening at http://127.0.0.1:PORT" on stderr
      const match = /"msg":"Server listening at (https?:\/\/127\.0\.0\.1:\d+)"/.exec(err);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening; stderr: ${err}`));
    });
  });

  const firstLine = out.split('\n')[0] ?? '';
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    credentials: firstLine.startsWith('{') ? (JSON.parse(firstLine) as RootCredentials) : undefined,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
