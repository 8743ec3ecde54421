/**
 * Hostile requests generated from each dialect's own operation table, so operations added later are
 * fuzzed too: query dialects from `queryDialects` (Action names, and a row's `parameters` where the row
 * lists them, as Volcengine's do), Huawei v3/v5 from their route tables (method, path, `:params`).
 * Everything is drawn from one seeded generator, so a seed replays the same requests.
 */
import { v3Operations } from '../../src/dialects/huawei-v3/plugin.js';
import { sts5Operations, v5Operations } from '../../src/dialects/huawei-v5/plugin.js';
import { queryDialects } from '../../src/http/query-dialects.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Names the vendors' operations take, for rows that do not list their own parameters. */
const QUERY_NAMES = [
  'UserName', 'NewUserName', 'Path', 'NewPath', 'PathPrefix', 'Marker', 'MaxItems', 'Password', 'PasswordResetRequired', 'AccessKeyId', 'Status',
  'PolicyArn', 'PolicyName', 'PolicyDocument', 'PolicyType', 'Description', 'VersionId', 'SetAsDefault', 'GroupName', 'NewGroupName', 'Tags.member.1.Key',
  'Tags.member.1.Value', 'Tags.1.Key', 'Tags.1.Value', 'TagKeys.member.1', 'TagKeys.1', 'Limit', 'Offset', 'DisplayName', 'Email', 'MobilePhone',
  'EncodedMessage', 'ActionNames.member.1', 'ResourceArns.member.1', 'PolicySourceArn', 'MinimumPasswordLength', 'RequireSymbols', 'OldPassword', 'NewPassword',
];

const JSON_NAMES = [
  'user_name', 'name', 'description', 'enabled', 'password', 'password_reset_required', 'tags', 'tag_key', 'tag_value', 'policy_name', 'policy_document',
  'path', 'status', 'new_user_name', 'new_description', 'user', 'auth', 'identity', 'methods', 'scope', 'domain', 'id', 'group', 'old_password', 'new_password',
  'limit', 'marker', 'version_id', 'set_as_default', 'encoded_message', 'group_name', 'user_id', 'policy_id',
];

/** Values of the right type for most parameters, of the wrong type, too long, oddly encoded, or hostile. */
export function value(random: Random): string {
  switch (random.int(14)) {
    case 0:
      return `fz${random.int(1_000_000)}`;
    case 1:
      return String(random.int(3) === 0 ? -random.int(1000) : random.int(100_000));
    case 2:
      return random.pick(['true', 'false', 'True', '1', '0', 'yes', '']);
    case 3:
      return 'x'.repeat(random.pick([129, 513, 4097, 70_000]));
    case 4:
      return random.pick(PROTOTYPE_NAMES);
    case 5:
      return random.pick(['{"Version":"2012-10-17","Statement":[]}', '{"__proto__":{"x":1}}', '[]', '{', 'null', '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/__proto__":"x"}}}],"Version":"2012-10-17"}']);
    case 6:
      return random.pick(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::000000000000:user/x', 'krn:ksc:iam::1:policy/x', 'trn:iam::1:policy/x', 'arn:']);
    case 7:
      return random.pick(['a\u0000b', '\u202e', '😀'.repeat(40), 'ü', '\ud800', '../../etc/passwd', '%00', '<x>&amp;', "' OR 1=1 --"]);
    case 8:
      return random.pick(['/', '/a/b/', '//', '/x', 'Active', 'Inactive', 'Custom', 'System']);
    case 9:
      return String(random.next());
    case 10:
      return random.pick(['2026-01-01T00:00:00Z', '9999999999999999999999', '-0', 'NaN', '1e9']);
    case 11:
      return `AKIA${'A'.repeat(random.int(30))}`;
    case 12:
      return random.pick(['Str0ng#Pass-word', 'short', 'P@ssw0rd!P@ssw0rd!']);
    default:
      return '';
  }
}

/** RFC 3986 percent-encoding of the UTF-8 bytes; a lone surrogate goes out as U+FFFD (encodeURIComponent throws). */
function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A form or query text: names and values percent-encoded, except when an odd encoding is wanted. */
function encodePairs(random: Random, pairs: Array<[string, string]>): string {
  return pairs
    .map(([k, v]) => {
      const odd = random.chance(0.05);
      const key = odd ? random.pick([k, `${k}%zz`, `${k}%`, `${k}%c3%28`]) : encode(k);
      const val = odd ? random.pick(['%ff%fe', '%e2%82', v.replace(/[^A-Za-z0-9]/g, ''), '+%2B+']) : encode(v);
      return random.chance(0.03) ? key : `${key}=${val}`;
    })
    .join('&');
}

/**
 * A change to a signed request's Authorization header after signing: signed-header lists naming
 * prototype members or headers never sent, repeated or empty parameters, another scheme's prefix.
 */
export type AuthTwist = ((authorization: string) => string) | undefined;

function authTwist(random: Random): AuthTwist {
  if (!random.chance(0.08)) return undefined;
  const name = random.pick([...PROTOTYPE_NAMES.map((n) => n.toLowerCase()), 'x-missing', '', ';;']);
  return random.pick<(a: string) => string>([
    (a) => a.replace(/SignedHeaders=/, `SignedHeaders=${name};`),
    (a) => a.replace(/SignedHeaders=[^,]*/, `SignedHeaders=${name}`),
    (a) => a.replace(/Signature=/, 'Signature=Signature='),
    (a) => `${a}, ${random.pick(['Signature=00', 'Credential=x', 'SignedHeaders=host'])}`,
    (a) => a.replace(/^\S+/, random.pick(['AWS4-HMAC-SHA256', 'HMAC-SHA256', 'SDK-HMAC-SHA256', 'Bearer', ''])),
    (a) => a.replace(/Credential=[^/]*/, `Credential=${random.pick(PROTOTYPE_NAMES)}`),
    (a) => a.slice(0, random.int(a.length)),
  ]);
}

export interface QueryCase {
  kind: 'query';
  authTwist: AuthTwist;
  dialect: string;
  /** the dialect whose envelope must answer, when the request names it unambiguously */
  expect: string | undefined;
  query: string;
  body: Buffer | undefined;
  contentType: string | undefined;
  signed: boolean;
  signing: 'sigv4' | 'volc';
  region: string;
  method: 'GET' | 'POST';
  accept?: string;
}

export interface RestCase {
  kind: 'rest';
  authTwist: AuthTwist;
  dialect: 'huawei-v3' | 'huawei-v5';
  method: string;
  path: string;
  body: Buffer;
  contentType: string;
  signed: boolean;
}

export type FuzzCase = QueryCase | RestCase;

export const QUERY_DIALECT_NAMES = queryDialects.map((d) => d.name);
export const FUZZED_DIALECTS = [...QUERY_DIALECT_NAMES, 'huawei-v5', 'huawei-v3'];

const SIGNING: Record<string, { signing: 'sigv4' | 'volc'; region: string }> = {
  aws: { signing: 'sigv4', region: 'us-east-1' },
  'aws-sts': { signing: 'sigv4', region: 'us-east-1' },
  kingsoft: { signing: 'sigv4', region: 'cn-beijing-6' },
  volcengine: { signing: 'volc', region: 'cn-north-1' },
};

/** One hostile call of a query dialect's table. */
export function queryCase(random: Random, dialectName: string): QueryCase {
  const dialect = queryDialects.find((d) => d.name === dialectName)!;
  const actions = [...dialect.operations.keys()];
  const action = random.chance(0.05) ? random.pick([...PROTOTYPE_NAMES, 'NoSuchAction', '']) : random.pick(actions);
  const row = dialect.operations.get(action) as { parameters?: string[] } | undefined;
  const names = row?.parameters?.length ? row.parameters.map((p) => p.replace(/\.N(?=\.|$)/g, `.${1 + random.int(3)}`)) : QUERY_NAMES;
  const versionRight = !random.chance(0.05);
  const pairs: Array<[string, string]> = [];
  if (!random.chance(0.03)) pairs.push(['Action', action]);
  if (!random.chance(0.03)) pairs.push(['Version', versionRight ? dialect.versions[0]! : random.pick(['2099-01-01', '', ...PROTOTYPE_NAMES])]);
  const count = random.int(6);
  for (let i = 0; i < count; i++) {
    const name = random.chance(0.1) ? random.pick(PROTOTYPE_NAMES) : random.pick(names);
    pairs.push([name, value(random)]);
    if (random.chance(0.05)) pairs.push([name, value(random)]);
  }
  const { signing, region } = SIGNING[dialectName] ?? { signing: 'sigv4', region: 'us-east-1' };
  const inBody = random.chance(0.5);
  const json = dialect.acceptsJsonBody && inBody && random.chance(0.3);
  const text = encodePairs(random, pairs);
  const jsonBody = json ? jsonText(random, pairs) : undefined;
  return {
    kind: 'query',
    authTwist: authTwist(random),
    dialect: dialectName,
    // the dialect is named when `Version`, read as leniently as the server reads it for an error, is its own
    expect: namedVersion(inBody && !json ? '' : text, inBody && !json ? text : '') === dialect.versions[0] ? dialectName : undefined,
    query: inBody ? (json ? `Action=${encode(action)}&Version=${dialect.versions[0]}` : '') : text,
    body: inBody ? Buffer.from(jsonBody ?? text) : undefined,
    contentType: inBody ? (json ? 'application/json' : random.chance(0.05) ? random.pick(['text/plain', 'application/xml', 'multipart/form-data']) : 'application/x-www-form-urlencoded') : undefined,
    signed: random.chance(0.7),
    signing,
    region,
    method: inBody ? 'POST' : 'GET',
    ...(dialectName === 'kingsoft' && random.chance(0.5) ? { accept: 'application/json' } : {}),
  };
}

function namedVersion(query: string, body: string): string | null {
  return new URLSearchParams(query).get('Version') ?? new URLSearchParams(body).get('Version');
}

function jsonText(random: Random, pairs: Array<[string, string]>): string {
  if (random.chance(0.1)) return random.pick(['[1,2]', '"text"', '{', 'null', '{"a":{"__proto__":{"b":1}}}']);
  const members = pairs.filter(([k]) => k !== 'Action' && k !== 'Version').map(([k, v]) => `${JSON.stringify(k)}:${random.chance(0.2) ? random.pick(['1', 'true', '[]', '{}', 'null']) : JSON.stringify(v)}`);
  return `{${members.join(',')}}`;
}

/** One hostile call of a Huawei route table (v5 under /v5, v3 under /v3). */
export function restCase(random: Random, dialect: 'huawei-v3' | 'huawei-v5'): RestCase {
  const table: ReadonlyArray<{ method: string; url: string }> = dialect === 'huawei-v5' ? [...v5Operations, ...sts5Operations] : v3Operations;
  const operation = random.pick(table);
  const prefix = dialect === 'huawei-v5' ? '/v5' : '/v3';
  const path = `${prefix}${operation.url}`.replace(/:([a-z_]+)/g, () => {
    const raw = random.chance(0.8) ? value(random) : random.pick(['%zz', '%ed%a0%80', '%f8%88%80%80%80', '..', '%2F']);
    return raw.startsWith('%') || raw === '..' ? raw : encode(raw.slice(0, 600)) || 'x';
  });
  const queryPairs: Array<[string, string]> = [];
  for (let i = random.int(3); i > 0; i--) queryPairs.push([random.chance(0.3) ? random.pick(PROTOTYPE_NAMES) : random.pick(['limit', 'marker', 'name', 'user_id', 'group_id', 'policy_type', 'domain_id', 'enabled']), value(random)]);
  const query = queryPairs.length > 0 ? `?${encodePairs(random, queryPairs)}` : '';
  const method = random.chance(0.05) ? random.pick(['PUT', 'PATCH', 'DELETE', 'GET', 'POST', 'OPTIONS']) : operation.method;
  return {
    kind: 'rest',
    authTwist: authTwist(random),
    dialect,
    method,
    path: `${path}${query}`,
    body: method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(jsonBody(random, 0)),
    contentType: random.chance(0.05) ? random.pick(['text/plain', 'application/x-www-form-urlencoded', '']) : 'application/json',
    signed: random.chance(0.7),
  };
}

function jsonBody(random: Random, depth: number): string {
  if (depth === 0 && random.chance(0.1)) return random.pick(['', '[]', '"x"', '{', '{"a":1}}', 'null', '{"__proto__":{"admin":true}}']);
  const members: string[] = [];
  for (let i = random.int(5); i > 0; i--) {
    const key = random.chance(0.15) ? random.pick(PROTOTYPE_NAMES) : random.pick(JSON_NAMES);
    members.push(`${JSON.stringify(key)}:${jsonValue(random, depth)}`);
  }
  return `{${members.join(',')}}`;
}

function jsonValue(random: Random, depth: number): string {
  switch (random.int(6)) {
    case 0:
      return depth < 3 ? jsonBody(random, depth + 1) : '{}';
    case 1:
      return depth < 3 ? `[${jsonBody(random, depth + 1)},{"tag_key":${JSON.stringify(value(random))},"tag_value":${JSON.stringify(value(random))}}]` : '[]';
    case 2:
      return random.pick(['true', 'false', 'null', '0', '-1', '1e308', '3.5']);
    default:
      return JSON.stringify(value(random));
  }
}
