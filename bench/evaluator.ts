// Decisions per second of the policy evaluator for one principal with 10 policies x 10 statements
// with conditions, beside @cedar-policy/cedar-wasm deciding an equivalent Cedar policy set in the same
// run (issue #5: "Target: at least Cedar's rate"). Run: node --import tsx bench/evaluator.ts
import { pathToFileURL } from 'node:url';
import type { StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import { Actions, type IamAction } from '../src/core/authorization/actions.js';
import { actionNameIn } from '../src/core/evaluation/action-names.js';
import { compilePolicySet } from '../src/core/evaluation/compile.js';
import { evaluate } from '../src/core/evaluation/evaluate.js';
import type { AccountIdentity, EvaluationRequest } from '../src/core/evaluation/request.js';
import { requirePolicyDocument } from '../src/core/policies/parse.js';
import type { BenchCase, OpLoad } from './harness.js';

export interface EngineRate {
  decisionsPerSecond: number;
  allowed: number;
}

export interface EvaluatorBenchResult {
  policies: number;
  statementsPerPolicy: number;
  distinctRequests: number;
  compileMs: number;
  polyiam: EngineRate;
  polyiamWithoutTrace: EngineRate;
  cedar: (EngineRate & { version: string; agreesWithPolyiam: boolean }) | { unavailable: string };
}

const ACCOUNT: AccountIdentity = { id: 'abcdef0123456789abcdef0123456789', awsAccountId: '123456789012', numericId: 2000000001 };
const USER_ACTIONS: IamAction[] = [
  Actions.getUser, Actions.createLoginProfile, Actions.updateLoginProfile, Actions.deleteUser, Actions.createAccessKey,
  Actions.listAccessKeys, Actions.tagUser, Actions.getLoginProfile, Actions.updateUser, Actions.deleteLoginProfile,
];
const TEAMS = ['dev', 'ops', 'sec', 'data'];
const PREFIXES = ['ua', 'ub', 'uc', 'ud', 'u'];

interface StatementShape {
  effect: 'Allow' | 'Deny';
  actions: string[];
  prefix: string;
  team: string;
  cidr: string;
}

function shapes(policies: number, perPolicy: number): StatementShape[][] {
  return Array.from({ length: policies }, (_, i) =>
    Array.from({ length: perPolicy }, (_, j) => {
      const k = i * perPolicy + j;
      return {
        effect: k % 10 === 9 ? 'Deny' : 'Allow',
        actions: [actionNameIn('aws', USER_ACTIONS[k % 10]), actionNameIn('aws', USER_ACTIONS[(k + 3) % 10])],
        prefix: PREFIXES[k % 5],
        team: TEAMS[k % 4],
        cidr: `10.${k % 8}.0.0/16`,
      };
    }),
  );
}

function awsDocument(statements: StatementShape[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s, j) => ({
      Sid: `S${j}`,
      Effect: s.effect,
      Action: s.actions,
      Resource: `arn:aws:iam::123456789012:user/${s.prefix}*`,
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': s.team },
        IpAddress: { 'aws:SourceIp': s.cidr },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    })),
  });
}

function cedarPolicies(all: StatementShape[][]): string {
  return all
    .flat()
    .map((s) => {
      const actions = s.actions.map((a) => `Action::${JSON.stringify(a)}`).join(', ');
      return `${s.effect === 'Allow' ? 'permit' : 'forbid'} (principal, action in [${actions}], resource)
when { resource.name like "${s.prefix}*" && principal has team && principal.team == "${s.team}"
  && context.sourceIp.isInRange(ip("${s.cidr}")) && context.secureTransport == true };`;
    })
    .join('\n');
}

function requests(count: number): EvaluationRequest[] {
  return Array.from({ length: count }, (_, n) => ({
    action: USER_ACTIONS[n % 10],
    resource: { type: 'user', account: ACCOUNT, name: `${PREFIXES[(n * 7) % 4]}${n}` },
    principal: { account: ACCOUNT, userId: 'u'.repeat(32), userName: 'alice', isRoot: false, tags: [{ key: 'team', value: TEAMS[(n * 3) % 4] }] },
    environment: { currentTime: Date.UTC(2024, 5, 1), sourceIp: `10.${(n * 5) % 8}.${n % 200}.7`, secureTransport: n % 11 !== 0, mfaPresent: null },
  }));
}

function measure(durationMs: number, decide: (i: number) => boolean): EngineRate {
  for (let i = 0; i < 2000; i++) decide(i);
  let decisions = 0;
  let allowed = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 1000; i++, decisions++) if (decide(decisions)) allowed++;
    elapsed = performance.now() - start;
  }
  return { decisionsPerSecond: Math.round((decisions / elapsed) * 1000), allowed };
}

/** Measures both engines on the same requests; Cedar is skipped (with the reason) if it cannot load. */
export async function benchEvaluator(options: { durationMs?: number; policies?: number; statementsPerPolicy?: number } = {}): Promise<EvaluatorBenchResult> {
  const durationMs = options.durationMs ?? 1500;
  const policies = options.policies ?? 10;
  const perPolicy = options.statementsPerPolicy ?? 10;
  const all = shapes(policies, perPolicy);
  const reqs = requests(256);
  const compileStart = performance.now();
  const set = compilePolicySet(all.map((s, i) => ({ id: `p${i}`, document: requirePolicyDocument(awsDocument(s), 'aws') })));
  for (const action of USER_ACTIONS) set.forAction(action);
  const compileMs = performance.now() - compileStart;
  const polyiamDecisions = reqs.map((r) => evaluate(set, r).isAllowed);
  const polyiam = measure(durationMs, (i) => evaluate(set, reqs[i & 255]).isAllowed);
  const polyiamWithoutTrace = measure(durationMs, (i) => evaluate(set, reqs[i & 255], { trace: false }).isAllowed);

  let cedar: EvaluatorBenchResult['cedar'];
  try {
    const wasm = await import('@cedar-policy/cedar-wasm/nodejs');
    const parsed = wasm.preparsePolicySet('bench', { staticPolicies: cedarPolicies(all) });
    if (parsed.type !== 'success') throw new Error(JSON.stringify(parsed.errors));
    const calls = reqs.map((r): StatefulAuthorizationCall => ({
      principal: { type: 'User', id: r.principal.userName },
      action: { type: 'Action', id: actionNameIn('aws', r.action) },
      resource: { type: 'User', id: r.resource.name ?? '' },
      context: { sourceIp: { __extn: { fn: 'ip', arg: r.environment.sourceIp ?? '' } }, secureTransport: r.environment.secureTransport },
      entities: [
        { uid: { type: 'User', id: r.principal.userName }, attrs: { team: r.principal.tags[0].value }, parents: [] },
        { uid: { type: 'User', id: r.resource.name ?? '' }, attrs: { name: r.resource.name ?? '' }, parents: [] },
      ],
      preparsedPolicySetId: 'bench',
    }));
    const decide = (i: number) => {
      const answer = wasm.statefulIsAuthorized(calls[i & 255]);
      if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
      return answer.response.decision === 'allow';
    };
    const agreesWithPolyiam = reqs.every((_, i) => decide(i) === polyiamDecisions[i]);
    cedar = { version: wasm.getCedarVersion(), agreesWithPolyiam, ...measure(durationMs, decide) };
  } catch (err) {
    cedar = { unavailable: err instanceof Error ? err.message : String(err) };
  }
  return { policies, statementsPerPolicy: perPolicy, distinctRequests: reqs.length, compileMs, polyiam, polyiamWithoutTrace, cedar };
}

/** decisions per op of the `cases` below: one decision is too short to time on its own, and each op yields to the event loop once */
const BATCH = 1000;

/**
 * The same measurement for `npm run bench` (bench/run.ts): polyiam and Cedar each deciding batches of
 * BATCH decisions (rate x BATCH = decisions per second), polyiam compared with Cedar (target: at least
 * Cedar's rate). Cedar's case fails to set up if @cedar-policy/cedar-wasm cannot load.
 */
export const EVALUATOR_POLYIAM = `authorization evaluator: polyiam, 10 policies x 10 conditional statements (${BATCH} decisions per op)`;
export const EVALUATOR_CEDAR = `authorization evaluator: cedar-wasm, the same policies (${BATCH} decisions per op)`;

function batched(decide: (i: number) => boolean): OpLoad {
  let n = 0;
  return {
    kind: 'op',
    concurrency: 1,
    op: async () => {
      for (let k = 0; k < BATCH; k++) decide(n++ & 255);
      // a resolved promise yields only to microtasks: without a macrotask turn the harness's stop timer never fires
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export const cases: BenchCase[] = [
  {
    name: EVALUATOR_CEDAR,
    group: 'authorization',
    unit: 'k dec/s',
    async setup() {
      const all = shapes(10, 10);
      const reqs = requests(256);
      const wasm = await import('@cedar-policy/cedar-wasm/nodejs');
      const parsed = wasm.preparsePolicySet('bench-cases', { staticPolicies: cedarPolicies(all) });
      if (parsed.type !== 'success') throw new Error(JSON.stringify(parsed.errors));
      const calls = reqs.map((r): StatefulAuthorizationCall => ({
        principal: { type: 'User', id: r.principal.userName },
        action: { type: 'Action', id: actionNameIn('aws', r.action) },
        resource: { type: 'User', id: r.resource.name ?? '' },
        context: { sourceIp: { __extn: { fn: 'ip', arg: r.environment.sourceIp ?? '' } }, secureTransport: r.environment.secureTransport },
        entities: [
          { uid: { type: 'User', id: r.principal.userName }, attrs: { team: r.principal.tags[0].value }, parents: [] },
          { uid: { type: 'User', id: r.resource.name ?? '' }, attrs: { name: r.resource.name ?? '' }, parents: [] },
        ],
        preparsedPolicySetId: 'bench-cases',
      }));
      return batched((i) => {
        const answer = wasm.statefulIsAuthorized(calls[i]);
        if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
        return answer.response.decision === 'allow';
      });
    },
  },
  {
    name: EVALUATOR_POLYIAM,
    group: 'authorization',
    unit: 'k dec/s',
    compare: [{ to: EVALUATOR_CEDAR, target: 1 }],
    async setup() {
      const all = shapes(10, 10);
      const reqs = requests(256);
      const set = compilePolicySet(all.map((s, i) => ({ id: `p${i}`, document: requirePolicyDocument(awsDocument(s), 'aws') })));
      // as the authorizer decides: without the trace, which only a denial's explanation needs
      return batched((i) => evaluate(set, reqs[i], { trace: false }).isAllowed);
    },
  },
];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchEvaluator();
  console.log(JSON.stringify(result, null, 2));
}
