/**
 * Huawei v3 (Keystone) cases: token issue (one real OWASP argon2id verification per request, so bounded
 * by the hash rate), token validation (no database round trip: the token is self-contained and the
 * revocation and holder checks are cached), and a user read authenticated with X-Auth-Token.
 */
import { systemContext } from '../src/core/principal.js';
import { PlainPassword } from '../src/core/secrets.js';
import type { TestServer } from '../test/support/server.js';
import { ARGON2_RAW, BARE_HTTP, type BenchCase, type HttpRequestSpec, type RequestFactory } from './harness.js';

export const TOKEN_ISSUE = 'huawei-v3 POST /v3/auth/tokens (password)';
export const TOKEN_VALIDATE = 'huawei-v3 GET /v3/auth/tokens (validate)';
export const USER_READ = 'huawei-v3 GET /v3/users/{id} with X-Auth-Token';

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

/** A user with a password it need not change, created through the core (setup is not measured). */
async function benchUser(server: TestServer): Promise<{ id: string; name: string }> {
  const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
  const user = await server.polyiam.services.users.create(ctx, { name: runId() });
  await server.polyiam.services.loginProfiles.create(ctx, { id: user.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false });
  return { id: user.id, name: user.name };
}

/** A root token through the real endpoint, so the measured requests carry what a client would. */
async function rootToken(server: TestServer): Promise<string> {
  const { name } = server.root.account;
  const response = await fetch(`${server.url}/v3/auth/tokens?nocatalog=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name, password: server.root.root.password, domain: { name } } } }, scope: { domain: { name } } } }),
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
    async setup(env) {
      const server = await env.polyiam();
      const user = await benchUser(server);
      server.logs.length = 0;
      return { kind: 'http', url: server.url, okStatuses: [201], factory: { module: import.meta.url, export: 'tokenIssues', args: { name: user.name, domain: server.root.account.name } } };
    },
  },
  {
    name: TOKEN_VALIDATE,
    group: 'huawei-v3',
    compare: [{ to: BARE_HTTP, target: 0.7 }],
    async setup(env) {
      const server = await env.polyiam();
      const token = await rootToken(server);
      server.logs.length = 0;
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'tokenValidations', args: { token } } };
    },
  },
  {
    name: USER_READ,
    group: 'huawei-v3',
    compare: [{ to: BARE_HTTP, target: 0.7 }],
    async setup(env) {
      const server = await env.polyiam();
      const user = await benchUser(server);
      const token = await rootToken(server);
      server.logs.length = 0;
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'userReads', args: { token, userId: user.id } } };
    },
  },
];
