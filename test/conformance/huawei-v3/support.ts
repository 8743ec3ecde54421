/**
 * Test support for the Huawei v3 (Keystone) conformance suite: raw HTTP for what no client sends
 * (malformed JSON, wrong types, tampered tokens) and for reading the exact wire shapes.
 */
import assert from 'node:assert/strict';
import type { TestServer } from '../../support/server.js';

export interface Reply {
  status: number;
  headers: Headers;
  /** the parsed JSON body, or null when there is none */
  body: Json;
  text: string;
}

/** Keystone / Huawei v3 bodies: the fields the tests read. */
export interface Json {
  error?: { code: number; title: string; message: string };
  token?: WireToken;
  user?: WireUser;
  users?: WireUser[];
  group?: WireGroup;
  groups?: WireGroup[];
  domains?: Array<{ id: string; name: string }>;
  domain?: { id: string; name: string };
  links?: { self: string; previous: null; next: null };
  version?: { id: string; status: string };
  [key: string]: unknown;
}

export interface WireToken {
  methods: string[];
  user: { id: string; name: string; domain: { id: string; name: string }; password_expires_at: string | null };
  audit_ids: string[];
  issued_at: string;
  expires_at: string;
  domain?: { id: string; name: string };
  roles: Array<{ id: string; name: string }>;
  catalog?: Array<{ type: string; name: string; endpoints: Array<{ interface: string; url: string }> }>;
}

export interface WireUser {
  id: string;
  name: string;
  domain_id: string;
  enabled: boolean;
  description: string;
  password_expires_at: string | null;
  pwd_status: boolean;
  links: { self: string };
  /** Keystone extra attributes (POLYIAM_V3_RULES=keystone) */
  email?: string;
  default_project_id?: string;
}

export interface WireGroup {
  id: string;
  name: string;
  description: string;
  domain_id: string;
  create_time: number;
  links: { self: string };
}

/** Keystone time: `2024-01-03T03:04:05.000000Z` */
export const KEYSTONE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** `password_expires_at`, UTC without the zone letter: `2023-06-28T08:56:33.710000` (Huawei KeystoneCreateUser) */
export const PASSWORD_EXPIRY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

export interface RequestOptions {
  token?: string;
  subject?: string;
  /** a value to send as JSON, or a string sent as it is */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to the server; the body is sent with `Content-Type: application/json` as Keystone clients do. */
export async function send(server: TestServer, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token !== undefined) headers['x-auth-token'] = options.token;
  if (options.subject !== undefined) headers['x-subject-token'] = options.subject;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: Json = {};
  if (text !== '') parsed = JSON.parse(text) as Json;
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export function passwordAuth(user: Record<string, unknown>, scope?: unknown) {
  return { auth: { identity: { methods: ['password'], password: { user } }, ...(scope !== undefined ? { scope } : {}) } };
}

/** POST /v3/auth/tokens with a user name and domain name; asserts a 201. */
export async function issueToken(server: TestServer, name: string, password: string, domain = server.root.account.name, scoped = true): Promise<{ token: string; body: WireToken }> {
  const reply = await send(server, 'POST', '/v3/auth/tokens', { body: passwordAuth({ name, password, domain: { name: domain } }, scoped ? { domain: { name: domain } } : undefined) });
  assert.equal(reply.status, 201, reply.text);
  const token = reply.headers.get('x-subject-token');
  assert.ok(token);
  return { token, body: reply.body.token! };
}

export const rootToken = (server: TestServer) => issueToken(server, server.root.root.user_name, server.root.root.password).then((t) => t.token);

/** Asserts a Keystone error envelope with its status, title and (part of) message. */
export function expectError(reply: Reply, status: number, message?: RegExp): void {
  assert.equal(reply.status, status, reply.text);
  if (status === 405 || reply.headers.get('content-length') !== '0') {
    assert.equal(reply.body.error?.code, status, reply.text);
    assert.equal(typeof reply.body.error?.title, 'string');
    if (message) assert.match(reply.body.error!.message, message);
  }
  assert.match(reply.headers.get('x-openstack-request-id') ?? '', /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
}

/** Creates a user through POST /v3/users and, with `password`, makes it usable at once (no reset). */
export async function createUser(server: TestServer, token: string, name: string, password?: string): Promise<WireUser> {
  const reply = await send(server, 'POST', '/v3/users', { token, body: { user: { name, ...(password ? { password } : {}) } } });
  assert.equal(reply.status, 201, reply.text);
  const user = reply.body.user!;
  if (password) {
    const cleared = await send(server, 'PATCH', `/v3/users/${user.id}`, { token, body: { user: { pwd_status: false } } });
    assert.equal(cleared.status, 200, cleared.text);
  }
  return user;
}

/** Puts a user into the account's `admin` group (Security Administrator rights). */
export async function makeAdmin(server: TestServer, token: string, userId: string): Promise<void> {
  const groups = await send(server, 'GET', '/v3/groups?name=admin', { token });
  const admin = groups.body.groups![0]!;
  assert.equal((await send(server, 'PUT', `/v3/groups/${admin.id}/users/${userId}`, { token })).status, 204);
}
