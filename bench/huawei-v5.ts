/**
 * Huawei v5 cases: a signed read, a signed user create, and login-profile creation (one real OWASP
 * argon2id hash per request) against the raw hash rate. Requests are signed by the SDK's own
 * AKSKSigner, as `@huaweicloud/huaweicloud-sdk-iam` clients sign them.
 */
import { createRequire } from 'node:module';
import { PlainPassword } from '../src/core/secrets.js';
import { ARGON2_RAW, BARE_HTTP, type BenchCase, type HttpRequestSpec, type PolyiamTarget, type RequestFactory } from './harness.js';

export const SIGNED_READ = 'huawei-v5 signed GET /v5/users/{id}/login-profile';
export const SIGNED_CREATE_USER = 'huawei-v5 signed POST /v5/users';
export const CREATE_LOGIN_PROFILE = 'huawei-v5 signed POST /v5/users/{id}/login-profile';

const PASSWORD = 'Bench#Passw0rd';
/** login-profile creation runs near the hash rate (~100/s here); enough fresh users for any window */
const LOGIN_PROFILE_USERS = 3_000;
/** user creation runs at a few thousand per second here */
const USER_CREATES_PRESIGNED = 20_000;

interface Signer {
  sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string>;
}

export interface SigningArgs {
  url: string;
  ak: string;
  sk: string;
}

export function signer(args: SigningArgs): (method: string, path: string, body?: object) => HttpRequestSpec {
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: Signer };
  const credential = { getAk: () => args.ak, getSk: () => args.sk };
  return (method, path, body) => {
    const headers = { 'content-type': 'application/json' };
    const auth = AKSKSigner.sign({ method, endpoint: `${args.url}${path}`, headers, queryParams: {}, data: body }, credential);
    return { method, path, headers: { ...headers, ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  };
}

/** One signed GET, signed once: the server verifies the signature on every request all the same. */
export function signedReads(args: SigningArgs & { path: string }): RequestFactory {
  const spec = signer(args)('GET', args.path);
  return () => spec;
}

/**
 * Signs `count` requests before the run starts, then signs on demand past them. Signing costs the
 * client CPU the server shares on this small machine; signed ahead, it stays out of the measured window.
 */
function presigned(count: number, make: (i: number) => HttpRequestSpec): RequestFactory {
  const ready = Array.from({ length: count }, (_, i) => make(i));
  return (i) => ready[i] ?? make(i);
}

/** A new user per request, each body signed. */
export function userCreates(args: SigningArgs & { prefix: string }): RequestFactory {
  const sign = signer(args);
  return presigned(USER_CREATES_PRESIGNED, (i) => sign('POST', '/v5/users', { name: `${args.prefix}${i}`, enabled: true }));
}

/** A login profile for the next fresh user, each body signed. */
export function loginProfileCreates(args: SigningArgs & { userIds: string[] }): RequestFactory {
  const sign = signer(args);
  return presigned(args.userIds.length, (i) =>
    sign('POST', `/v5/users/${args.userIds[i % args.userIds.length]}/login-profile`, { password: PASSWORD, password_reset_required: false }),
  );
}

const rootArgs = (server: PolyiamTarget): SigningArgs => ({ url: server.url, ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });
const runId = () => `b${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}-`;

export const cases: BenchCase[] = [
  {
    name: SIGNED_READ,
    group: 'huawei-v5',
    compare: [{ to: BARE_HTTP, target: 0.7 }],
    onServer: true,
    async setup(env) {
      const user = await env.seed(async ({ polyiam, rootContext }) => {
        const made = await polyiam.services.users.create(rootContext, { name: `${runId()}reader` });
        await polyiam.services.loginProfiles.create(rootContext, { id: made.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false });
        return made;
      });
      const server = await env.polyiam();
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'signedReads', args: { ...rootArgs(server), path: `/v5/users/${user.id}/login-profile` } } };
    },
  },
  {
    name: SIGNED_CREATE_USER,
    group: 'huawei-v5',
    compare: [{ to: BARE_HTTP }],
    onServer: true,
    async setup(env) {
      const server = await env.polyiam();
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'userCreates', args: { ...rootArgs(server), prefix: runId() } } };
    },
  },
  {
    name: CREATE_LOGIN_PROFILE,
    group: 'huawei-v5',
    compare: [{ to: ARGON2_RAW, target: 0.95 }, { to: BARE_HTTP }],
    onServer: true,
    async setup(env) {
      const prefix = runId();
      const userIds = await env.seed(async ({ polyiam, rootContext }) => {
        const ids: string[] = [];
        for (let i = 0; i < LOGIN_PROFILE_USERS; i++) ids.push((await polyiam.services.users.create(rootContext, { name: `${prefix}${i}` })).id);
        return ids;
      });
      const server = await env.polyiam();
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'loginProfileCreates', args: { ...rootArgs(server), userIds } } };
    },
  },
];
