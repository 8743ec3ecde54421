import { CHANGE_KINDS, type Change } from '../core/change-feed.js';

/** The one channel every node LISTENs on (per database; the payload names the deployment too). */
export const CHANGE_CHANNEL = 'polyiam_changes';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; JSON of ids stays ASCII, so chars are bytes. */
const MAX_PAYLOAD_CHARS = 7_500;
const MAX_ID_CHARS = 256;

/**
 * What a notification says: `v` the format, `db` the deployment (`database/schema`: two polyiam
 * deployments may share one database in different schemas, and a channel spans the database), `n` the
 * node that made the changes, `c` the changes as `[kind, id]`. SECURITY: ids only, never a secret
 * (a `Change` holds nothing else).
 */
interface Payload {
  v: 1;
  db: string;
  n: string;
  c: Array<[string, string]>;
}

/** The payloads that carry `changes`, each under PostgreSQL's size limit. */
export function encodePayloads(deployment: string, nodeId: string, changes: readonly Change[]): string[] {
  const head = `{"v":1,"db":${JSON.stringify(deployment)},"n":${JSON.stringify(nodeId)},"c":[`;
  const payloads: string[] = [];
  let body = '';
  for (const change of changes) {
    const entry = JSON.stringify([change.kind, change.id]);
    if (body !== '' && head.length + body.length + entry.length + 3 > MAX_PAYLOAD_CHARS) {
      payloads.push(`${head}${body}]}`);
      body = '';
    }
    body = body === '' ? entry : `${body},${entry}`;
  }
  if (body !== '') payloads.push(`${head}${body}]}`);
  return payloads;
}

export type IgnoredReason = 'malformed' | 'unknown-kind' | 'other-database';

export interface ParsedNotification {
  /** the node that sent it; undefined when nothing in it could be used */
  nodeId?: string;
  changes: Change[];
  /** what was left out, and why (a payload may mix known and unknown kinds) */
  ignored: Array<{ reason: IgnoredReason; count: number }>;
}

const malformed: ParsedNotification = { changes: [], ignored: [{ reason: 'malformed', count: 1 }] };

/**
 * Reads a notification defensively: anyone who can connect to the database can NOTIFY on the channel,
 * so nothing in it is trusted beyond "drop this cached row", and anything unexpected is left out.
 */
export function parsePayload(payload: string, deployment: string): ParsedNotification {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return malformed;
  }
  if (!isPayload(value)) return malformed;
  if (value.db !== deployment) return { changes: [], ignored: [{ reason: 'other-database', count: 1 }] };
  const changes: Change[] = [];
  let unknown = 0;
  let bad = 0;
  for (const entry of value.c) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') bad++;
    else if (entry[1].length === 0 || entry[1].length > MAX_ID_CHARS) bad++;
    else if (!CHANGE_KINDS.has(entry[0])) unknown++;
    else changes.push({ kind: entry[0], id: entry[1] } as Change);
  }
  const ignored: ParsedNotification['ignored'] = [];
  if (bad > 0) ignored.push({ reason: 'malformed', count: bad });
  if (unknown > 0) ignored.push({ reason: 'unknown-kind', count: unknown });
  return { nodeId: value.n, changes, ignored };
}

function isPayload(value: unknown): value is Payload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.db === 'string' && typeof v.n === 'string' && Array.isArray(v.c);
}
