/**
 * Authorization cost (issue #5 item 8): the same signed Huawei v5 read (GET /v5/users/{id}/login-profile)
 * by the account root, which no policy is read for, and by an IAM user allowed through 10 attached
 * policies x 10 statements with conditions (target: the user's rate at least 0.9 of the root's).
 * The evaluator's own decision rate, beside Cedar, is in bench/evaluator.ts (`cases`).
 */
import { PlainPassword } from '../src/core/secrets.js';
import type { BenchCase, BenchEnv, PolyiamTarget, Seeding } from './harness.js';

// the worker imports the request factory from this module
export { signedReads } from './huawei-v5.js';

export const ROOT_READ = 'authorization: root signed GET /v5/users/{id}/login-profile';
export const USER_READ = 'authorization: IAM user (10 policies x 10 conditional statements) signed GET /v5/users/{id}/login-profile';

const POLICIES = 10;
const STATEMENTS = 10;
const TEAMS = ['dev', 'ops', 'sec', 'data'];
const ACTIONS = ['iam:GetLoginProfile', 'iam:GetUser', 'iam:ListAccessKeys', 'iam:UpdateUser', 'iam:CreateAccessKey', 'iam:TagUser'];

/**
 * Statement k of policy i: two actions, a user-name prefix, and conditions on the principal's tag, the
 * source address and the transport. Exactly one Allow (the last) matches the read by the `dev` caller
 * from 127.0.0.1; every tenth statement is a Deny whose conditions never hold, so each request still
 * weighs the denies.
 */
function document(i: number, awsAccountId: string, prefix: string): string {
  const statements = Array.from({ length: STATEMENTS }, (_, j) => {
    const k = i * STATEMENTS + j;
    const matching = k === POLICIES * STATEMENTS - 1;
    return {
      Sid: `S${j}`,
      Effect: k % 10 === 8 ? 'Deny' : 'Allow',
      Action: [ACTIONS[k % ACTIONS.length], ACTIONS[(k + 3) % ACTIONS.length], ...(matching ? ['iam:GetLoginProfile'] : [])],
      Resource: `arn:aws:iam::${awsAccountId}:user/${matching ? prefix : `${prefix}${k % 7}`}*`,
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': matching ? 'dev' : TEAMS[(k % 3) + 1] },
        IpAddress: { 'aws:SourceIp': matching ? '127.0.0.0/8' : `10.${k % 8}.0.0/16` },
        Bool: { 'aws:SecureTransport': 'false' },
      },
    };
  });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

interface Setup {
  server: PolyiamTarget;
  path: string;
  user: { ak: string; sk: string };
}

/** per env (on disk, and on tmpfs with --memory): each server has its own fixtures */
const prepared = new WeakMap<BenchEnv, Promise<Omit<Setup, 'server'>>>();

/**
 * One target user and one IAM user holding the 10 policies, seeded once for both cases; the server
 * is asked for anew each time (a later seed restarts it on another port).
 */
async function prepare(env: BenchEnv): Promise<Setup> {
  const fixtures = prepared.get(env) ?? env.seed(seed);
  prepared.set(env, fixtures);
  return { ...(await fixtures), server: await env.polyiam() };
}

async function seed({ polyiam, rootContext: root }: Seeding): Promise<Omit<Setup, 'server'>> {
  const s = polyiam.services;
  const account = (await s.accounts.findById(root.principal.accountId))!;
  const run = `az${Date.now().toString(36)}`;
  const target = await s.users.create(root, { name: `${run}-target` });
  await s.loginProfiles.create(root, { id: target.id }, { password: new PlainPassword('Bench#Passw0rd'), passwordResetRequired: false });
  const caller = await s.users.create(root, { name: `${run}-caller`, tags: [{ key: 'team', value: 'dev' }] });
  for (let i = 0; i < POLICIES; i++) {
    const { policy } = await s.policies.create(root, { name: `${run}-p${i}`, syntax: 'aws', document: document(i, account.awsAccountId, `${run}-t`) });
    await s.policyAttachments.attachToUser(root, { id: caller.id }, { id: policy.id });
  }
  const { key, secret } = await s.accessKeys.create(root, { id: caller.id });
  return { path: `/v5/users/${target.id}/login-profile`, user: { ak: key.id, sk: secret.reveal() } };
}

export const cases: BenchCase[] = [
  {
    name: ROOT_READ,
    group: 'authorization',
    onServer: true,
    async setup(env) {
      const { server, path } = await prepare(env);
      const args = { url: server.url, ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key, path };
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'signedReads', args } };
    },
  },
  {
    name: USER_READ,
    group: 'authorization',
    compare: [{ to: ROOT_READ, target: 0.9 }],
    onServer: true,
    async setup(env) {
      const { server, path, user } = await prepare(env);
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'signedReads', args: { url: server.url, ...user, path } } };
    },
  },
];
