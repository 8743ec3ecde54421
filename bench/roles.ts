/**
 * Issue #13 "Performance": a signed read with temporary credentials against the same read with a
 * long-term key of a user holding the same policy (target ≥ 0.95), and AssumeRole's rate (target
 * ≥ 5,000 a second on SQLite), both as @aws-sdk/client-iam / client-sts send them (SigV4 POST forms).
 */
import type { CallContext } from '../src/core/principal.js';
import { SystemPolicyIds } from '../src/core/policies/system-policies.js';
import { form, signRequest, type Keys } from '../test/conformance/aws/sigv4.js';
import type { BenchCase, BenchEnv, PolyiamTarget, RequestFactory, Seeding } from './harness.js';

export const LONG_TERM_READ = 'aws signed POST GetUser, user with IAMReadOnlyAccess (long-term key)';
export const SESSION_READ = 'aws signed POST GetUser, role session with IAMReadOnlyAccess (X-Amz-Security-Token)';
export const ASSUME_ROLE = 'aws sts signed POST AssumeRole';

interface Args {
  url: string;
  keys: Keys;
  body: string;
  service: 'iam' | 'sts';
}

export async function signedPost(args: Args): Promise<RequestFactory> {
  const raw = await signRequest(args.url, args.keys, { body: args.body, service: args.service });
  const spec = { method: raw.method, path: raw.path, headers: raw.headers, body: raw.body!.toString('utf8') };
  return () => spec;
}

interface World {
  server: PolyiamTarget;
  userName: string;
  userKeys: Keys;
  roleArn: string;
  sessionKeys: Keys;
}

/** per env (on disk, and on tmpfs with --memory): each server has its own fixtures */
const worlds = new WeakMap<BenchEnv, Promise<Omit<World, 'server'>>>();

/** the fixtures, seeded once per env; the server asked for anew (a later seed restarts it on another port) */
async function prepare(env: BenchEnv): Promise<World> {
  const world = worlds.get(env) ?? env.seed(seed);
  worlds.set(env, world);
  return { ...(await world), server: await env.polyiam() };
}

/** one user with a key and IAMReadOnlyAccess, one role it may assume holding the same policy, one session */
async function seed({ polyiam, rootContext: root }: Seeding): Promise<Omit<World, 'server'>> {
  const s = polyiam.services;
  const account = (await s.accounts.findById(root.principal.accountId))!;
  const suffix = Date.now().toString(36);
  const user = await s.users.create(root, { name: `bench-assumer-${suffix}` });
  await s.policyAttachments.attachToUser(root, { id: user.id }, { id: SystemPolicyIds.iamReadOnlyAccess });
  const { key, secret } = await s.accessKeys.create(root, { id: user.id });
  const trustPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.awsAccountId}:user/${user.name}` }, Action: 'sts:AssumeRole' }] });
  const { role } = await s.roles.create(root, { name: `bench-reader-${suffix}`, trustPolicy, syntax: 'aws', maxSessionDuration: 43_200 });
  await s.roles.attachPolicy(root, { id: role.id }, { id: SystemPolicyIds.iamReadOnlyAccess });
  const caller: CallContext = {
    principal: { accountId: account.id, userId: user.id, userName: user.name, isRoot: false, authMethod: 'access-key', accessKeyId: key.id, mfaAuthenticated: false },
    requestId: 'bench',
    dialect: 'bench',
    sourceIp: null,
    secureTransport: false,
  };
  const assumed = await s.assumeRole.assume(caller, { role: { account: account.awsAccountId, name: role.name }, sessionName: 'bench', durationSeconds: 43_200, policySyntax: 'aws' });
  return {
    userName: user.name,
    userKeys: { ak: key.id, sk: secret.reveal() },
    roleArn: `arn:aws:iam::${account.awsAccountId}:role/${role.name}`,
    sessionKeys: { ak: assumed.accessKeyId, sk: assumed.secret.reveal(), token: assumed.sessionToken.reveal() },
  };
}

const getUser = (name: string) => form({ Action: 'GetUser', Version: '2010-05-08', UserName: name });

export const cases: BenchCase[] = [
  {
    name: LONG_TERM_READ,
    group: 'roles',
    onServer: true,
    async setup(env) {
      const w = await prepare(env);
      return { kind: 'http', url: w.server.url, factory: { module: import.meta.url, export: 'signedPost', args: { url: w.server.url, keys: w.userKeys, body: getUser(w.userName), service: 'iam' } satisfies Args } };
    },
  },
  {
    name: SESSION_READ,
    group: 'roles',
    compare: [{ to: LONG_TERM_READ, target: 0.95 }],
    onServer: true,
    async setup(env) {
      const w = await prepare(env);
      return { kind: 'http', url: w.server.url, factory: { module: import.meta.url, export: 'signedPost', args: { url: w.server.url, keys: w.sessionKeys, body: getUser(w.userName), service: 'iam' } satisfies Args } };
    },
  },
  {
    // target: ≥ 5,000 a second on SQLite (issue #13); each request mints a session of its own
    name: ASSUME_ROLE,
    group: 'roles',
    target: { atLeast: 5_000 },
    onServer: true,
    async setup(env) {
      const w = await prepare(env);
      const body = form({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: w.roleArn, RoleSessionName: 'bench' });
      return { kind: 'http', url: w.server.url, factory: { module: import.meta.url, export: 'signedPost', args: { url: w.server.url, keys: w.userKeys, body, service: 'sts' } satisfies Args } };
    },
  },
];
