/**
 * Keystone GET /v3/role_assignments with 10,000 assignments (issue #16: "role assignment listing with
 * 10,000 assignments answers in under 20 ms"): 1,000 users each granted a role on 10 of 100 projects,
 * seeded through the core. Measured from one client, one request at a time, as the time to the last
 * byte (median of the window; the first answer after the start, which reads and renders the list, is
 * timed apart) and as the server's CPU per request from /proc (the number that means something on a
 * shared machine). `--filter role_assignments`.
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_ROLES } from '../src/core/keystone-roles/role.js';
import type { BenchCase, Measurement } from './harness.js';
import { rootToken } from './huawei-v3.js';

export const ROLE_ASSIGNMENTS = 'huawei-v3 GET /v3/role_assignments (10,000 assignments)';

const USERS = 1_000;
const PROJECTS = 100;
const PER_USER = 10;
const ROUNDS = 40;

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

async function timed(url: string, token: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'x-auth-token': token } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`role_assignments answered ${response.status}`);
  return { ms, rows: (text.match(/"role":/g) ?? []).length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const cases: BenchCase[] = [
  {
    name: ROLE_ASSIGNMENTS,
    group: 'huawei-v3',
    async setup(env) {
      await env.seed(async ({ polyiam, rootContext }) => {
        const { users, projects, grants } = polyiam.services;
        const roles = BUILTIN_ROLES.filter((r) => r.name === 'member' || r.name === 'reader').map((r) => r.id);
        const made = [];
        for (let p = 0; p < PROJECTS; p++) made.push(await projects.create(rootContext, { name: `bench-project-${p}` }));
        for (let u = 0; u < USERS; u++) {
          const user = await users.create(rootContext, { name: `bench-assignee-${u}` });
          for (let k = 0; k < PER_USER; k++) {
            await grants.grant(rootContext, { actorType: 'user', actorId: user.id, targetType: 'project', targetId: made[(u + k * 7) % PROJECTS]!.id, roleId: roles[k % 2]!, inherited: false });
          }
        }
      });
      const server = await env.polyiam();
      const token = await rootToken(server);
      return {
        kind: 'measure',
        async measure(): Promise<Measurement[]> {
          const out: Measurement[] = [];
          for (const [label, query, target] of [
            ['plain', '', { atMost: 20 }],
            ['include_names', '?include_names=true', undefined],
            ['effective', '?effective=true', undefined],
          ] as const) {
            const url = `${server.url}/v3/role_assignments${query}`;
            const first = await timed(url, token);
            if (first.rows < USERS * PER_USER) throw new Error(`role_assignments listed ${first.rows} rows, expected ${USERS * PER_USER}`);
            const times: number[] = [];
            const cpuBefore = cpuMs(server.pid);
            for (let i = 0; i < ROUNDS; i++) times.push((await timed(url, token)).ms);
            const cpu = (cpuMs(server.pid) - cpuBefore) / ROUNDS;
            const note = `${first.rows} rows`;
            out.push({ name: `${label}: first answer (reads, renders)`, value: first.ms, unit: 'ms', note });
            out.push({ name: `${label}: median answer`, value: median(times), unit: 'ms', note, ...(target ? { target } : {}) });
            out.push({ name: `${label}: server cpu per answer`, value: cpu, unit: 'ms', note });
          }
          return out;
        },
      };
    },
  },
];
