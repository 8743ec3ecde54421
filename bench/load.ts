/**
 * The HTTP load generator: a child process of `npm run bench` (bench/processes.ts `LoadProcess`), so
 * the client shares neither the server's process nor the bench's. It receives one plan at a time over
 * IPC, imports the plan's request factory, drives `connections` keep-alive connections through the
 * warm-up and the measured window, and answers with the measured numbers.
 *
 * The server's cost per request is read here too, from /proc/<server pid>/io and /stat at the measured
 * window's start and end (Linux): write syscalls (`syscw`: a response is one, every log line, WAL
 * append or fsync'd audit batch adds its own), bytes sent to the storage layer (`write_bytes`) and CPU
 * time, each divided by the requests completed in the window.
 */
import { Agent, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { measureLoops, type HttpRequestSpec, type LoadPlan, type RequestFactory, type ServerCost } from './harness.js';

interface ProcSample {
  syscw: number;
  writeBytes: number;
  cpuTicks: number;
}

function sample(pid: number): ProcSample | undefined {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? NaN);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { syscw: field('syscw'), writeBytes: field('write_bytes'), cpuTicks: Number(stat[11]) + Number(stat[12]) };
  } catch {
    return undefined;
  }
}

/** clock ticks a second in /proc/<pid>/stat (USER_HZ: 100 on Linux) */
const TICKS = 100;

async function run(plan: LoadPlan): Promise<unknown> {
  const module = (await import(plan.factory.module)) as Record<string, (args: unknown) => RequestFactory | Promise<RequestFactory>>;
  const create = module[plan.factory.export];
  if (typeof create !== 'function') throw new Error(`${plan.factory.module} has no export \`${plan.factory.export}\``);
  const make = await create(plan.factory.args);
  const target = new URL(plan.url);
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections, keepAliveMsecs: 60_000 });
  let i = 0;
  const send = (spec: HttpRequestSpec) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(spec.body);
    });
  const ok = (status: number) => (plan.okStatuses ? plan.okStatuses.includes(status) : status >= 200 && status < 300);
  let first: ProcSample | undefined;
  let last: ProcSample | undefined;
  const measured = await measureLoops(
    plan.connections,
    plan,
    async () => {
      const status = await send(make(i++));
      return ok(status) ? 'ok' : String(status);
    },
    (edge) => {
      if (plan.serverPid === null) return;
      if (edge === 'start') first = sample(plan.serverPid);
      else last = sample(plan.serverPid);
      // --profile: the server's preloaded profiler (bench/server-profiler.mjs) starts and stops on this signal
      if (plan.profile) process.kill(plan.serverPid, 'SIGUSR2');
    },
  );
  agent.destroy();
  const requests = measured.count + measured.failures;
  let server: ServerCost | undefined;
  if (first && last && requests > 0) {
    server = {
      writesPerRequest: (last.syscw - first.syscw) / requests,
      writeBytesPerRequest: (last.writeBytes - first.writeBytes) / requests,
      cpuMsPerRequest: (((last.cpuTicks - first.cpuTicks) / TICKS) * 1000) / requests,
    };
  }
  return { ...measured, ...(server ? { server } : {}) };
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send!({ result }),
    (err: unknown) => process.send!({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// the bench closes the channel when it is done: nothing else keeps this process
process.once('disconnect', () => process.exit(0));
