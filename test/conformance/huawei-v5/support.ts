/**
 * Test support for the Huawei v5 conformance suite: the official SDK client (imported by deep path, its
 * package main fails to load; huawei-iam.md §0) and a raw signed-request helper for what the SDK will
 * not send (malformed JSON, wrong types, huge headers).
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { CreateUserReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserReqBody.js';
import { CreateUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateUserV5Request.js';
import { CreateAccessKeyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateAccessKeyV5Request.js';
import type { TestServer } from '../../support/server.js';

// The SDK logs every failed call, request headers included, to stdout through log4js; node:test
// would print it between results. Silence it: the assertions say what failed.
const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

export interface Keys {
  ak: string;
  sk: string;
}

export const rootKeys = (server: TestServer): Keys => ({ ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });

/** The SDK's v5 client against the test server, endpoint override only. */
export function v5Client(server: TestServer | string, keys: Keys): IamClient {
  const url = typeof server === 'string' ? server : server.url;
  return IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(keys.ak).withSk(keys.sk)).withEndpoint(url).build();
}

/** v5 wire shapes as the docs and the SDK's models name them. */
export interface WireTag {
  tag_key: string;
  tag_value: string;
}
export interface WireUser {
  user_id: string;
  user_name: string;
  description: string;
  enabled: boolean;
  is_root_user: boolean;
  created_at: string;
  urn: string;
  tags?: WireTag[];
}
export interface WireLoginProfile {
  user_id: string;
  password_reset_required: boolean;
  password_expires_at: string | null;
  created_at: string;
}
export interface WireAccessKey {
  user_id: string;
  access_key_id: string;
  created_at: string;
  status: string;
  secret_access_key?: string;
}
export interface WirePageInfo {
  next_marker?: string;
  current_count: number;
}

/** Any v5 response body: the fields each test reads. */
export interface Json {
  httpStatusCode?: number;
  user?: WireUser;
  users?: WireUser[];
  login_profile?: WireLoginProfile;
  access_key?: WireAccessKey;
  access_keys?: WireAccessKey[];
  access_key_last_used?: { last_used_at?: string };
  user_last_login?: { last_login_at: string | null };
  page_info?: WirePageInfo;
  tags?: WireTag[];
  password_policy?: Record<string, number | boolean | string>;
  error_code?: string;
  error_msg?: string;
  request_id?: string;
  encoded_authorization_message?: string;
  policy?: WirePolicy;
  policies?: WirePolicy[];
  policy_version?: WirePolicyVersion;
  versions?: WirePolicyVersion[];
  attached_policies?: Array<{ policy_name: string; policy_id: string; urn: string; attached_at: string }>;
  policy_users?: Array<{ user_id: string; attached_at: string }>;
  policy_groups?: Array<{ group_id: string; attached_at: string }>;
  policy_agencies?: unknown[];
  group?: WireGroup;
  groups?: WireGroup[];
  decoded_message?: string;
}
export interface WirePolicy {
  policy_type: 'custom' | 'system';
  policy_name: string;
  policy_id: string;
  urn: string;
  path: string;
  default_version_id: string;
  attachment_count: number;
  description: string;
  created_at: string;
  updated_at: string;
}
export interface WirePolicyVersion {
  document: string;
  version_id: string;
  is_default: boolean;
  created_at: string;
}
export interface WireGroup {
  group_id: string;
  group_name: string;
  created_at: string;
  urn: string;
  description: string;
}

/** SDK results are the parsed JSON body plus `httpStatusCode`; the model getters are not applied. */
export async function call(promise: Promise<unknown>): Promise<Json> {
  return (await promise) as Json;
}

export interface SdkFailure {
  httpStatusCode: number;
  errorCode: string;
  errorMsg: string;
  requestId: string;
  encodedAuthorizationMessage?: string;
}

/** Awaits an SDK call that must fail and returns what the SDK reported. */
export async function sdkError(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (err) {
    const e = err as SdkFailure;
    assert.equal(typeof e.httpStatusCode, 'number', `an SDK ClientRequestException, got ${String(err)}`);
    return e;
  }
  assert.fail('the call was expected to fail');
}

/** Asserts an SDK failure: status, code, and a message naming what it must name. */
export async function expectSdkError(promise: Promise<unknown>, status: number, code: string, msg?: RegExp): Promise<SdkFailure> {
  const e = await sdkError(promise);
  assert.equal(e.httpStatusCode, status, `status (${e.errorCode}: ${e.errorMsg})`);
  assert.equal(e.errorCode, code, `error code (${e.errorMsg})`);
  if (msg) assert.match(e.errorMsg, msg);
  assert.match(e.requestId, /^[0-9a-f]{32}$/, 'the SDK read the request id from X-Request-Id');
  return e;
}

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export async function createUser(client: IamClient, name: string): Promise<string> {
  const created = await call(client.createUserV5(new CreateUserV5Request().withBody(new CreateUserReqBody().withName(name).withEnabled(true))));
  return created.user!.user_id;
}

/** A user with an access key of its own, for calls made as an IAM user. */
export async function createUserWithKey(client: IamClient, name: string): Promise<{ userId: string; keys: Keys }> {
  const userId = await createUser(client, name);
  const created = await call(client.createAccessKeyV5(new CreateAccessKeyV5Request().withUserId(userId)));
  return { userId, keys: { ak: created.access_key!.access_key_id, sk: created.access_key!.secret_access_key! } };
}

export interface RawRequest {
  method: string;
  path: string;
  /** raw bytes as sent; a string is sent as UTF-8 */
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** sign with these keys; omit for an unsigned request */
  keys?: Keys;
  /** X-Sdk-Date to sign with, `YYYYMMDDTHHmmssZ`; now by default */
  date?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Json | undefined;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const strict = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * SDK-HMAC-SHA256 written out from huawei-iam.md §2, independent of the server's verifier: canonical
 * URI with a trailing `/`, sorted strictly encoded query, `content-type;host;x-sdk-date` signed, sha256
 * of the exact body bytes, HMAC keyed with the raw SK.
 */
export function signRaw(url: URL, req: RawRequest, keys: Keys): Record<string, string> {
  const date = req.date ?? new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json', host: url.host, 'x-sdk-date': date, ...lowerKeys(req.headers ?? {}) };
  const signed = ['content-type', 'host', 'x-sdk-date'];
  const path = url.pathname.split('/').map((seg) => strict(decodeURIComponent(seg))).join('/');
  const query = [...url.searchParams.entries()].map(([k, v]) => `${strict(k)}=${strict(v)}`).sort().join('&');
  const canonical = [
    req.method,
    path.endsWith('/') ? path : `${path}/`,
    query,
    signed.map((h) => `${h}:${headers[h]}\n`).join(''),
    signed.join(';'),
    sha256(req.body ?? ''),
  ].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`;
  const signature = createHmac('sha256', keys.sk).update(stringToSign).digest('hex');
  return { ...headers, authorization: `SDK-HMAC-SHA256 Access=${keys.ak}, SignedHeaders=${signed.join(';')}, Signature=${signature}` };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Sends exactly the given bytes over node:http (no SDK), signed when keys are given. */
export function rawRequest(server: TestServer | string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path, typeof server === 'string' ? server : server.url);
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
  const headers = req.keys ? signRaw(url, { ...req, body }, req.keys) : { 'content-type': 'application/json', ...lowerKeys(req.headers ?? {}) };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: req.method, headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Json | undefined;
        try {
          json = text ? (JSON.parse(text) as Json) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Asserts the v5 envelope: exactly error_code, error_msg, request_id (the X-Request-Id header), and on a
 * policy denial (403) `encoded_authorization_message` as well.
 */
export function assertV5Error(res: RawResponse, status: number, code: string, msg?: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.ok(res.json, `a JSON body, got ${res.text}`);
  const fields = Object.keys(res.json).filter((k) => !(status === 403 && k === 'encoded_authorization_message'));
  assert.deepEqual(fields.sort(), ['error_code', 'error_msg', 'request_id']);
  assert.equal(res.json.error_code, code, res.text);
  assert.match(res.json.request_id ?? '', /^[0-9a-f]{32}$/);
  assert.equal(res.headers['x-request-id'], res.json.request_id);
  if (msg) assert.match(res.json.error_msg ?? '', msg);
}
