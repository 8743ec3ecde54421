/**
 * AWS and Kingsoft cases: signed GetUser and GetLoginProfile in each dialect (issue #4, 7: at least 50%
 * of the bare node:http server's req/s). AWS requests are built as @aws-sdk/client-iam sends them (POST
 * form body, SigV4 header from the SDK's own `@smithy/signature-v4`); Kingsoft requests as its Go SDK
 * sends them (GET with `Accesskey`/`Signature` parameters, `Accept: application/json`). Volcengine's
 * cases are in bench/volcengine.ts.
 */
import { PlainPassword } from '../src/core/secrets.js';
import { form, signRequest } from '../test/conformance/aws/sigv4.js';
import { buildRequest } from '../test/conformance/kingsoft/support.js';
import { BARE_HTTP, type BenchCase, type BenchEnv, type HttpRequestSpec, type RequestFactory } from './harness.js';

export const AWS_GET_USER = 'aws signed POST GetUser';
export const AWS_GET_LOGIN_PROFILE = 'aws signed POST GetLoginProfile';
export const KINGSOFT_GET_USER = 'kingsoft signed GET GetUser (Accesskey/Signature)';
export const KINGSOFT_GET_LOGIN_PROFILE = 'kingsoft signed GET GetLoginProfile (Accesskey/Signature)';

export interface QuerySigningArgs {
  url: string;
  ak: string;
  sk: string;
  action: string;
  userName: string;
}

const toSpec = (raw: { method: string; path: string; headers: Record<string, string>; body?: Buffer }): HttpRequestSpec => ({
  method: raw.method,
  path: raw.path,
  headers: raw.headers,
  ...(raw.body !== undefined ? { body: raw.body.toString('utf8') } : {}),
});

/**
 * The harness's factory exports. Each request is signed once: the server verifies the signature on
 * every request all the same, and the signing time stays inside the 15-minute window for any run.
 */
export async function awsSignedReads(args: QuerySigningArgs): Promise<RequestFactory> {
  const body = form({ Action: args.action, Version: '2010-05-08', UserName: args.userName });
  const spec = toSpec(await signRequest(args.url, { ak: args.ak, sk: args.sk }, { body }));
  return () => spec;
}

export async function kingsoftSignedReads(args: QuerySigningArgs): Promise<RequestFactory> {
  const spec = toSpec(await buildRequest(args.url, { ak: args.ak, sk: args.sk }, { Action: args.action, UserName: args.userName }, { signing: 'simple', method: 'GET', json: true }));
  return () => spec;
}

/** A fresh IAM user with a login profile, seeded through the core as the root. */
function reader(env: BenchEnv, prefix: string): Promise<string> {
  const name = `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return env.seed(async ({ polyiam, rootContext }) => {
    const user = await polyiam.services.users.create(rootContext, { name });
    await polyiam.services.loginProfiles.create(rootContext, { id: user.id }, { password: new PlainPassword('Bench#Passw0rd'), passwordResetRequired: false });
    return name;
  });
}

function readCase(name: string, group: 'aws' | 'kingsoft', action: string, factoryExport: 'awsSignedReads' | 'kingsoftSignedReads'): BenchCase {
  return {
    name,
    group,
    compare: [{ to: BARE_HTTP, target: 0.6 }],
    onServer: true,
    async setup(env) {
      const userName = await reader(env, `${group}-bench-`);
      const server = await env.polyiam();
      const args: QuerySigningArgs = { url: server.url, ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key, action, userName };
      return { kind: 'http', url: server.url, factory: { module: import.meta.url, export: factoryExport, args } };
    },
  };
}

/** The AWS and Kingsoft cases; bench/run.ts loads `cases` from this file. */
export function queryDialectCases(): BenchCase[] {
  return [
    readCase(AWS_GET_USER, 'aws', 'GetUser', 'awsSignedReads'),
    readCase(AWS_GET_LOGIN_PROFILE, 'aws', 'GetLoginProfile', 'awsSignedReads'),
    readCase(KINGSOFT_GET_USER, 'kingsoft', 'GetUser', 'kingsoftSignedReads'),
    readCase(KINGSOFT_GET_LOGIN_PROFILE, 'kingsoft', 'GetLoginProfile', 'kingsoftSignedReads'),
  ];
}

export const cases: BenchCase[] = queryDialectCases();
