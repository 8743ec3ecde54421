/**
 * Huawei v3 (Keystone) cases: token issue (one real OWASP argon2id verification per request, so bounded
 * by the hash rate), token validation (no database round trip: the token is self-contained and the
 * revocation and holder checks are cached), and a user read authenticated with X-Auth-Token.
 */
import { PlainPassword } from '../src/core/secrets.js';
import { ARGON2_RAW, BARE_HTTP, type BenchCase, type BenchEnv, type HttpRequestSpec, type PolyiamTarget, type RequestFactory } from './harness.js';

export const TOKEN_ISSUE = 'huawei-v3 POST /v3/auth/tokens (password)';
export const TOKEN_VALIDATE = 'huawei-v3 GET /v3/auth/tokens (validate)';
export const USER_READ = 'huawei-v3 GET /v3/users/{id} with X-Auth-Token';
export const PROJECT_TOKEN_VALIDATE = 'huawei-v3 GET /v3/auth/tokens (validate, project-scoped)';

const PASSWORD = 'Bench#Passw0rd';

/** Password sign-ins of one user, scoped to its domain, without the catalog (as the Huawei SDK asks). */
export function tokenIssues(args: { name: string; domain: string }): RequestFactory {
  const body = JSON.stringify({
    auth: { identity: { methods: ['password'], password: { user: { name: args.name, password: PASSWORD, domain: { name: args.domain } } } }, scope: { domain: { name: args.domain } } },
  });
  const spec: HttpRequestSpec = { method: 'POST', path: '/v3/auth/tokens?nocatalog=true', headers: { 'content-type': 'application/json' }, body };
  return () => spec;
}

/** GET /v3/auth/tokens: a token validating itself (X-Auth-Token = X-Subject-Token). */
export function tokenValidations(args: { token: string }): RequestFactory {
  const spec: HttpRequestSpec = { method: 'GET', path: '/v3/auth/tokens?nocatalog=true', headers: { 'x-auth-token': args.token, 'x-subject-token': args.token } };
  return () => spec;
}

export function userReads(args: { token: string; userId: string }): RequestFactory {
  const spec: HttpRequestSpec = { method: 'GET', path: `/v3/users/${args.userId}`, headers: { 'x-auth-token': args.token } };
  return () => spec;
}

const runId = () => `b${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** A user with a password it need not change, seeded through the core (setup is not measured). */
function benchUser(env: BenchEnv): Promise<{ id: string; name: string }> {
  return env.seed(async ({ polyiam, rootContext }) => {
    const user = await polyiam.services.users.create(rootContext, { name: runId() });
    await polyiam.services.loginProfiles.create(rootContext, { id: user.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false });
    return { id: user.id, name: user.name };
  });
}

/** A root token through the real endpoint, so the measured requests carry what a client would. */
export async function rootToken(server: PolyiamTarget, project?: string): Promise<string> {
  const { name } = server.root.account;
  const scope = project === undefined ? { domain: { name } } : { project: { name: project, domain: { name } } };
  const response = await fetch(`${server.url}/v3/auth/tokens?nocatalog=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: server.root.root.password, domain: { name } } } }, scope } }),
  });
  const token = response.headers.get('x-subject-token');
  if (response.status !== 201 || !token) throw new Error(`bench setup: token issue answered ${response.status}`);
  return token;
}

export const cases: BenchCase[] = [
  {
    name: TOKEN_ISSUE,
    group: 'huawei-v3',
    compare: [{ to: ARGON2_RAW, target: 0.95 }, { to: BARE_HTTP }],
    onServer: true,
    async setup(env) {
      const user = await benchUser(env);
      const server = await env.polyiam();
      return { kind: 'http', url: server.url, okStatuses: [201], factory: { module: import.meta.url, export: 'tokenIssues', args: { name: user.name, domain: server.root.account.name } } };
    },
  },
  {
    name: TOKEN_VALIDATE,
    group: 'huawei-v3',
    compare: [{ to: BARE_HTTP, target: 0.7 }],
    onServer: true,
    async setup(env) {
      const server = await env.polyiam();
      const token = await rootToken(server);
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'tokenValidations', args: { token } } };
    },
  },
  {
    // issue #16: a project-scoped token validates at ≥ 0.9 of a domain-scoped one (the project is read
    // once per validation: it must still exist and be enabled)
    name: PROJECT_TOKEN_VALIDATE,
    group: 'huawei-v3',
    compare: [{ to: TOKEN_VALIDATE, target: 0.9 }],
    onServer: true,
    async setup(env) {
      const project = runId();
      await env.seed(({ polyiam, rootContext }) => polyiam.services.projects.create(rootContext, { name: project }));
      const server = await env.polyiam();
      const token = await rootToken(server, project);
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'tokenValidations', args: { token } } };
    },
  },
  {
    name: USER_READ,
    group: 'huawei-v3',
    compare: [{ to: BARE_HTTP, target: 0.7 }],
    onServer: true,
    async setup(env) {
      const user = await benchUser(env);
      const server = await env.polyiam();
      const token = await rootToken(server);
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'userReads', args: { token, userId: user.id } } };
    },
  },
];
