/**
 * Web console cases (issue #12): the sign-in page renders at ≥ 0.5 of the bare Node rate, and a full
 * sign-in (form parse, limits, password check, session record, audit) costs at most 1.05 of one
 * argon2id operation (rate ≥ 0.95 of the raw argon2id case).
 */
import { ARGON2_RAW, BARE_HTTP, type BenchCase, type RequestFactory } from './harness.js';

export const SIGN_IN_PAGE = 'console GET /console/sign-in';
export const FULL_SIGN_IN = 'console POST /console/sign-in (root, right password)';

/** a fixed sign-in form token, sent as its cookie and in the form (the double submit the page sets up) */
const CSRF = 'benchbenchbenchbench00';

export function signInPageRequests(): RequestFactory {
  const spec = { method: 'GET', path: '/console/sign-in', headers: { cookie: `polyiam_signin=${CSRF}` } };
  return () => spec;
}

export function signInRequests(args: { account: string; userName: string; password: string }): RequestFactory {
  const body = new URLSearchParams({ csrf: CSRF, account: args.account, userName: args.userName, password: args.password }).toString();
  const spec = { method: 'POST', path: '/console/sign-in', headers: { cookie: `polyiam_signin=${CSRF}`, 'content-type': 'application/x-www-form-urlencoded' }, body };
  return () => spec;
}

export const cases: BenchCase[] = [
  {
    name: SIGN_IN_PAGE,
    group: 'console',
    compare: [{ to: BARE_HTTP, target: 0.5 }],
    onServer: true,
    async setup(env) {
      const server = await env.polyiam();
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'signInPageRequests', args: null } };
    },
  },
  {
    name: FULL_SIGN_IN,
    group: 'console',
    compare: [{ to: ARGON2_RAW, target: 0.95 }],
    onServer: true,
    async setup(env) {
      const server = await env.polyiam();
      const args = { account: server.root.account.name, userName: server.root.root.user_name, password: server.root.root.password };
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'signInRequests', args }, okStatuses: [303] };
    },
  },
];
