/**
 * Issue #15: a user read with a permissions boundary at least 0.95 of one without. Two pairs, each
 * an AWS GetUser signed as the SDK signs it:
 * - the same IAM caller (iam:* attached) reading the same target, without and then with a boundary
 *   on the caller (the evaluator weighs the boundary; its compiled principal stays cached);
 * - the root reading a user without and a user with a boundary (GetUser shows its ARN).
 */
import { awsSignedReads } from './query-dialects.js';
import type { BenchCase, BenchEnv, PolyiamTarget, Seeding } from './harness.js';

export { awsSignedReads };

const CALLER_PLAIN = 'aws GetUser by an IAM user without a permissions boundary';
const CALLER_BOUNDED = 'aws GetUser by an IAM user with a permissions boundary';
const TARGET_PLAIN = 'aws GetUser of a user without a permissions boundary (root)';
const TARGET_BOUNDED = 'aws GetUser of a user with a permissions boundary (root)';

interface Setup {
  server: PolyiamTarget;
  plain: { ak: string; sk: string };
  bounded: { ak: string; sk: string };
  targetPlain: string;
  targetBounded: string;
}

/** per env (on disk, and on tmpfs with --memory): each server has its own fixtures */
const prepared = new WeakMap<BenchEnv, Promise<Omit<Setup, 'server'>>>();

/** the fixtures, seeded once per env; the server asked for anew (a later seed restarts it on another port) */
async function prepare(env: BenchEnv): Promise<Setup> {
  const fixtures = prepared.get(env) ?? env.seed(seed);
  prepared.set(env, fixtures);
  return { ...(await fixtures), server: await env.polyiam() };
}

async function seed({ polyiam, rootContext: root }: Seeding): Promise<Omit<Setup, 'server'>> {
  const s = polyiam.services;
  const run = `pb${Date.now().toString(36)}`;
  const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] });
  const { policy: everything } = await s.policies.create(root, { name: `${run}-all`, syntax: 'aws', document: allowAll });
  const { policy: bound } = await s.policies.create(root, {
    name: `${run}-bound`,
    syntax: 'aws',
    document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }] }),
  });
  const keyed = async (name: string, boundary: boolean) => {
    const user = await s.users.create(root, { name, ...(boundary ? { permissionsBoundary: { id: bound.id } } : {}) });
    await s.policyAttachments.attachToUser(root, { id: user.id }, { id: everything.id });
    const { key, secret } = await s.accessKeys.create(root, { id: user.id });
    return { ak: key.id, sk: secret.reveal() };
  };
  const plain = await keyed(`${run}-plain`, false);
  const bounded = await keyed(`${run}-bounded`, true);
  await s.users.create(root, { name: `${run}-target` });
  await s.users.create(root, { name: `${run}-target-b`, permissionsBoundary: { id: bound.id } });
  return { plain, bounded, targetPlain: `${run}-target`, targetBounded: `${run}-target-b` };
}

function readCase(name: string, compareTo: string | undefined, pick: (s: Setup) => { keys: { ak: string; sk: string }; userName: string }): BenchCase {
  return {
    name,
    group: 'permissions-boundaries',
    ...(compareTo ? { compare: [{ to: compareTo, target: 0.95 }] } : {}),
    onServer: true,
    async setup(env) {
      const setup = await prepare(env);
      const { keys, userName } = pick(setup);
      const args = { url: setup.server.url, ak: keys.ak, sk: keys.sk, action: 'GetUser', userName };
      return { kind: 'http', url: setup.server.url, factory: { module: import.meta.url, export: 'awsSignedReads', args } };
    },
  };
}

const rootKeys = (s: Setup) => ({ ak: s.server.root.root.access_key_id, sk: s.server.root.root.secret_access_key });

export const cases: BenchCase[] = [
  readCase(CALLER_PLAIN, undefined, (s) => ({ keys: s.plain, userName: s.targetPlain })),
  readCase(CALLER_BOUNDED, CALLER_PLAIN, (s) => ({ keys: s.bounded, userName: s.targetPlain })),
  readCase(TARGET_PLAIN, undefined, (s) => ({ keys: rootKeys(s), userName: s.targetPlain })),
  readCase(TARGET_BOUNDED, TARGET_PLAIN, (s) => ({ keys: rootKeys(s), userName: s.targetBounded })),
];
