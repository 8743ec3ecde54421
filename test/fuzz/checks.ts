/** What the fuzzer asserts of every answer, and the account state it compares around refused requests. */
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.js';
import { QUERY_DIALECT_NAMES, type FuzzCase } from './cases.js';
import type { WireResponse } from './wire.js';

const ID = /^[0-9a-f]{32}$/;
/** a stack frame, a source or install path, a framework's own error code */
const LEAKS = /\n\s+at |\bat [\w.<>]+ \(|\/work\/|\/home\/|\/src\/[\w/-]+\.ts|node_modules|\.ts:\d+|FST_ERR|HPE_|ERR_[A-Z_]{4,}/;

export function describeCase(c: FuzzCase): string {
  const body = c.body ? ` body ${JSON.stringify(c.body.toString('latin1').slice(0, 200))}` : '';
  const target = c.kind === 'rest' ? `${c.method} ${c.path.slice(0, 300)}` : `${c.method} /?${c.query.slice(0, 300)}`;
  return `${c.signed ? 'signed' : 'unsigned'}${c.authTwist ? ` (Authorization changed: ${c.authTwist.toString()})` : ''} ${target}${body}`;
}

type Envelope = 'aws-xml' | 'kingsoft' | 'volcengine' | 'huawei-v5' | 'huawei-v3';

function envelopeOf(dialect: string): Envelope {
  switch (dialect) {
    case 'volcengine':
      return 'volcengine';
    case 'kingsoft':
      return 'kingsoft';
    case 'huawei-v5':
    case 'huawei-v3':
      return dialect;
    default:
      return 'aws-xml';
  }
}

/** The request id the body carries, when the body is in `envelope`; undefined when it is not. */
function requestIdIn(envelope: Envelope, res: WireResponse): string | undefined {
  const text = res.text;
  switch (envelope) {
    case 'aws-xml':
      return text.startsWith('<?xml') ? /<RequestId>([0-9a-f]{32})<\/RequestId>/.exec(text)?.[1] : undefined;
    case 'kingsoft': {
      if (text.startsWith('<?xml')) return /<RequestId>([0-9a-f]{32})<\/RequestId>/.exec(text)?.[1];
      const json = parse(text) as { RequestId?: string } | undefined;
      return json?.RequestId;
    }
    case 'volcengine': {
      const json = parse(text) as { ResponseMetadata?: { RequestId?: string; Error?: { Code?: string } } } | undefined;
      if (res.status >= 400 && typeof json?.ResponseMetadata?.Error?.Code !== 'string') return undefined;
      return json?.ResponseMetadata?.RequestId;
    }
    case 'huawei-v5': {
      if (res.status < 400) return res.headers['x-request-id'] as string;
      const json = parse(text) as Record<string, unknown> | undefined;
      if (!json || typeof json.error_code !== 'string' || typeof json.error_msg !== 'string') return undefined;
      return json.request_id as string;
    }
    case 'huawei-v3': {
      if (!/^req-[0-9a-f-]{36}$/.test(String(res.headers['x-openstack-request-id']))) return undefined;
      if (res.status < 400) return res.headers['x-request-id'] as string;
      const json = parse(text) as { error?: { code?: unknown; title?: unknown; message?: unknown } } | undefined;
      const error = json?.error;
      if (!error || error.code !== res.status || typeof error.title !== 'string' || typeof error.message !== 'string') return undefined;
      return res.headers['x-request-id'] as string;
    }
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * No 5xx, an answer in the envelope of the dialect the request names (any query dialect's when it names
 * none unambiguously) carrying the X-Request-Id header's id, and nothing internal in the body.
 */
export function assertEnvelope(c: FuzzCase, res: WireResponse, where: () => string): void {
  const show = () => `${where()}\n-> ${res.status} ${res.text.slice(0, 400)}`;
  assert.ok(res.status >= 200 && res.status < 500, `5xx or no status: ${show()}`);
  const header = res.headers['x-request-id'];
  assert.ok(typeof header === 'string' && ID.test(header), `no request id header: ${show()}`);
  assert.ok(!LEAKS.test(res.text), `internal detail in the body: ${show()}`);
  if (res.status === 204 || (c.kind === 'rest' && c.method === 'HEAD')) return;
  // an unsigned GET / with an empty query is Keystone's version discovery (#16), not a query call
  if (c.kind === 'query' && !c.signed && c.method === 'GET' && c.query === '' && res.status === 300) {
    assert.ok(Array.isArray((parse(res.text) as { versions?: { values?: unknown } } | undefined)?.versions?.values), `not Keystone's version list: ${show()}`);
    return;
  }
  const candidates: Envelope[] =
    c.kind === 'rest' ? [envelopeOf(c.dialect)] : c.expect !== undefined ? [envelopeOf(c.expect)] : [...new Set(QUERY_DIALECT_NAMES.map(envelopeOf))];
  const matched = candidates.some((envelope) => requestIdIn(envelope, res) === header);
  assert.ok(matched, `not in the ${candidates.join(' or ')} envelope with the request id: ${show()}`);
}

/** Tables whose rows a refused request must leave alone; columns that record use, not state, left out. */
const TABLES = ['users', 'user_tags', 'login_profiles', 'access_keys', 'policies', 'policy_versions', 'user_policy_attachments', 'user_inline_policies', 'groups', 'group_members', 'group_policy_attachments', 'password_policies'] as const;
const VOLATILE = /last_used|last_login|failed|locked|lockout|last_region|last_service/;

export async function stateFingerprint(server: TestServer): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = (await server.polyiam.store.db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    const stable = rows.map((row) => Object.entries(row).filter(([column]) => !VOLATILE.test(column)).map(([column, v]) => `${column}=${String(v)}`).join(','));
    parts.push(`${table}:${stable.sort().join(';')}`);
  }
  return parts.join('\n');
}
