/**
 * Test support for the Volcengine conformance suite: the official `@volcengine/openapi` IamService
 * pointed at the test server (endpoint override only, volcengine-captures.md), the three transports its
 * callers use for actions the npm package does not wrap, and a raw request helper for what no SDK sends.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { iam, Signer } from '@volcengine/openapi';
import type { TestServer } from '../../support/server.js';

export interface Keys {
  ak: string;
  sk: string;
}

export const rootKeys = (server: TestServer): Keys => ({ ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });

export function volcClient(server: TestServer, keys: Keys, region = 'cn-north-1'): iam.IamService {
  return new iam.IamService({ host: `127.0.0.1:${server.port}`, protocol: 'http:', region, accessKeyId: keys.ak, secretKey: keys.sk, serviceName: 'iam' });
}

/** How a caller builds an action the npm IamService does not wrap (volcengine-iam.md §1). */
export type Transport = 'get' | 'form' | 'json';
export const TRANSPORTS: Transport[] = ['get', 'form', 'json'];

export interface Metadata {
  RequestId: string;
  Action?: string;
  Version?: string;
  Service: string;
  Region?: string;
  Error?: { Code: string; CodeN: number; Message: string };
}
export interface VolcResponse<T = Record<string, any>> {
  ResponseMetadata: Metadata;
  Result?: T;
}

/**
 * Calls `action` through the SDK: `createAPI` (GET, query), `createUrlEncodeAPI` (POST form) or
 * `createJSONAPI` (POST JSON). The SDK resolves with the body whatever the HTTP status.
 */
export async function volc<T = Record<string, any>>(client: iam.IamService, action: string, data: Record<string, unknown> = {}, transport: Transport = 'get'): Promise<VolcResponse<T>> {
  const api =
    transport === 'get' ? client.createAPI(action) : transport === 'form' ? client.createUrlEncodeAPI(action) : client.createJSONAPI(action);
  return (await api(data)) as VolcResponse<T>;
}

/** The call succeeded: no `Error`, metadata echoed; returns `Result`. */
/** What `ok` and `failed` read: the SDK's own `OpenApiResponse` and this suite's `VolcResponse` alike. */
interface AnyResponse<T> {
  ResponseMetadata: { Error?: unknown; Service?: string };
  Result?: T;
}

export function ok<T>(response: AnyResponse<T>): T {
  assert.equal(response.ResponseMetadata.Error, undefined, `unexpected error ${JSON.stringify(response.ResponseMetadata.Error)}`);
  return response.Result as T;
}

/** The call failed with `code`: `ResponseMetadata.Error`, and no `Result`. */
export function failed(response: AnyResponse<unknown>, code: string, codeN = 0): { Code: string; CodeN: number; Message: string } {
  const error = response.ResponseMetadata.Error as Metadata['Error'];
  assert.ok(error, `expected ${code}, got a result ${JSON.stringify(response.Result)}`);
  assert.equal(error.Code, code, error.Message);
  assert.equal(error.CodeN, codeN);
  assert.equal(response.Result, undefined);
  assert.equal(response.ResponseMetadata.Service, 'iam');
  return error;
}

export interface RawResponse {
  status: number;
  body: VolcResponse<unknown>;
}

/**
 * A request signed with the SDK's own `Signer` (as `fetchOpenAPI` does) but put on the wire as given, for
 * what the SDK never sends: repeated parameters, non-UTF-8 bytes, odd content types.
 */
export async function rawSigned(
  server: TestServer,
  keys: Keys,
  request: { method: 'GET' | 'POST'; query: string; body?: Buffer | string; contentType?: string; region?: string; service?: string; date?: Date },
): Promise<RawResponse> {
  const params = Object.fromEntries(new URLSearchParams(request.query));
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
  const signing = {
    region: request.region ?? 'cn-north-1',
    method: request.method,
    pathname: '/',
    params,
    headers: {} as Record<string, string>,
    ...(body ? { body: body.toString('latin1') } : {}),
  };
  const signer = new Signer(signing, request.service ?? 'iam', body ? { bodySha256: sha256(body) } : undefined);
  signer.addAuthorization({ accessKeyId: keys.ak, secretKey: keys.sk }, request.date);
  return raw(server, request.method, request.query, signing.headers, body, request.contentType);
}

/** An HTTP request with exactly these bytes and headers. */
export function raw(server: TestServer, method: string, query: string, headers: Record<string, string>, body?: Buffer, contentType?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: `/?${query}`,
        headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}), ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as VolcResponse<unknown> });
          } catch {
            reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** A user with a login profile, through the SDK; returns the user's name. */
export async function createUserWithProfile(client: iam.IamService, name: string, password = 'Str0ng#Pass'): Promise<string> {
  ok(await volc(client, 'CreateUser', { UserName: name }));
  ok(await volc(client, 'CreateLoginProfile', { UserName: name, Password: password, LoginAllowed: true }));
  return name;
}

/** A fresh access key of `name`, through the SDK. */
export async function createKeys(client: iam.IamService, name: string): Promise<Keys> {
  const result = ok(await volc<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(client, 'CreateAccessKey', { UserName: name }));
  return { ak: result.AccessKey.AccessKeyId, sk: result.AccessKey.SecretAccessKey };
}
