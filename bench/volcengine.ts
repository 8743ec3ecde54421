/**
 * Volcengine cases: signed GetUser and GetLoginProfile (issue #4: at least 50% of the bare node:http
 * server's req/s). Requests are built as `@volcengine/openapi` `createAPI` sends them: GET `/` with the
 * parameters in the query (`querystring.stringify` of the signer-sorted params), `X-Date` and an
 * `HMAC-SHA256` Authorization from the SDK's own `Signer`, scope `<date>/cn-north-1/iam/request`.
 */
import { stringify } from 'node:querystring';
import { Signer } from '@volcengine/openapi';
import { PlainPassword } from '../src/core/secrets.js';
import { BARE_HTTP, type BenchCase, type BenchEnv, type HttpRequestSpec, type RequestFactory } from './harness.js';

export const SIGNED_GET_USER = 'volcengine signed GET GetUser';
export const SIGNED_GET_LOGIN_PROFILE = 'volcengine signed GET GetLoginProfile';

export interface VolcSigningArgs {
  ak: string;
  sk: string;
  /** the action's parameters besides Action and Version */
  params: Record<string, string>;
  action: string;
  region?: string;
}

/**
 * One signed `createAPI`-style GET. Signed once: the server verifies the signature on every request all
 * the same, and `X-Date` stays inside the 15-minute window for any bench run.
 */
export function signedVolcRequest(args: VolcSigningArgs): HttpRequestSpec {
  const request = {
    region: args.region ?? 'cn-north-1',
    method: 'GET',
    pathname: '/',
    params: { ...args.params, Action: args.action, Version: '2018-01-01' } as Record<string, string>,
    headers: {} as Record<string, string>,
  };
  const signer = new Signer(request, 'iam');
  signer.addAuthorization({ accessKeyId: args.ak, secretKey: args.sk });
  return {
    method: 'GET',
    path: `/?${stringify(signer.request.params as Record<string, string>)}`,
    // base/fetch.js sends this Content-Type on GET too
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...request.headers },
  };
}

/** The harness's factory export: the same signed request every time. */
export function signedVolcReads(args: VolcSigningArgs): RequestFactory {
  const spec = signedVolcRequest(args);
  return () => spec;
}

const PASSWORD = 'Bench#Passw0rd';
const runId = () => `vb${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** A fresh user with a login profile, seeded through the core as the root. */
function reader(env: BenchEnv): Promise<string> {
  const name = `${runId()}-reader`;
  return env.seed(async ({ polyiam, rootContext }) => {
    const user = await polyiam.services.users.create(rootContext, { name });
    await polyiam.services.loginProfiles.create(rootContext, { id: user.id }, { password: new PlainPassword(PASSWORD), passwordResetRequired: false, loginAllowed: true });
    return name;
  });
}

function readCase(name: string, action: string): BenchCase {
  return {
    name,
    group: 'volcengine',
    compare: [{ to: BARE_HTTP, target: 0.6 }],
    onServer: true,
    async setup(env) {
      const userName = await reader(env);
      const server = await env.polyiam();
      const args: VolcSigningArgs = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key, action, params: { UserName: userName } };
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: 'signedVolcReads', args } };
    },
  };
}

export const cases: BenchCase[] = [readCase(SIGNED_GET_USER, 'GetUser'), readCase(SIGNED_GET_LOGIN_PROFILE, 'GetLoginProfile')];
