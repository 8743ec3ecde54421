/**
 * `polyiam audit`: the audit trail for operators, read straight from the database (every account, or
 * one with --account). A table with aligned columns for a terminal, JSON lines with --json; `audit
 * export` writes every event since a time as JSON lines, oldest first, for archiving before retention
 * prunes them; `audit prune` runs one retention pass now.
 */
import type { Polyiam } from '../app/polyiam.js';
import { parseDuration } from '../config/config.js';
import type { AuditEvent } from '../core/audit/audit-event.js';
import type { AuditEventQuery } from '../core/audit/audit-query.js';
import { viewOfEvent } from '../core/audit/event-view.js';
import { UsageError } from './args.js';

export const AUDIT_FLAGS = ['since', 'until', 'user', 'action', 'resource', 'account', 'limit'];
export const AUDIT_SWITCHES = ['failed', 'json'];

/** `--since 1h` (a duration back from now) or `--since 2026-12-01T00:00:00Z` (a time) */
export function parseSince(text: string, now: number): number {
  if (/^\d+[smhd]?$/.test(text)) return now - parseDuration('--since', text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new UsageError(`--since \`${text}\` is neither a duration (1h, 7d) nor a time (2026-12-01T00:00:00Z)`);
  return at;
}

/** Boolean switches (`--json`) taken out of argv before the value flags are parsed. */
export function takeSwitches(argv: string[], names: string[]): { rest: string[]; on: Set<string> } {
  const on = new Set<string>();
  const rest = argv.filter((arg) => {
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && names.includes(name)) {
      on.add(name);
      return false;
    }
    return true;
  });
  return { rest, on };
}

export async function auditQuery(polyiam: Polyiam, flags: Map<string, string>, failed: boolean): Promise<AuditEventQuery> {
  const now = polyiam.services.clock.now();
  const query: AuditEventQuery = { limit: 100 };
  const limit = flags.get('limit');
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 10_000) throw new UsageError(`--limit \`${limit}\` must be from 1 to 10000`);
    query.limit = Number(limit);
  }
  const since = flags.get('since');
  if (since !== undefined) query.from = parseSince(since, now);
  const until = flags.get('until');
  if (until !== undefined) query.to = parseSince(until, now);
  const user = flags.get('user');
  if (user !== undefined) query.userName = user;
  const action = flags.get('action');
  // `CreateUser` is the dialect's word for it; `iam:users:createUserV5` the core action
  if (action !== undefined) {
    if (action.includes(':')) query.action = action;
    else query.operation = action;
  }
  const resource = flags.get('resource');
  if (resource !== undefined) {
    if (resource.includes('/')) query.resource = resource;
    else query.resourceName = resource;
  }
  const accountName = flags.get('account');
  if (accountName !== undefined) {
    const account = await polyiam.services.accounts.findByName(accountName);
    if (!account) throw new UsageError(`account \`${accountName}\` not found`);
    query.accountId = account.id;
  }
  if (failed) query.outcome = 'not-success';
  return query;
}

const COLUMNS = ['TIME', 'USER', 'ACTION', 'RESOURCE', 'OUTCOME', 'SOURCE', 'DIALECT', 'EVENT ID'] as const;

function row(event: AuditEvent): string[] {
  return [
    new Date(event.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    event.userName ?? '-',
    event.operation ?? event.action,
    event.resource ?? '-',
    event.outcome === 'success' ? 'success' : `${event.outcome}${event.errorKind ? ` (${event.errorKind})` : ''}`,
    event.sourceIp ?? '-',
    event.dialect,
    event.id,
  ];
}

/** Columns padded to their widest cell, oldest event last (newest first, as `aws cloudtrail` lists). */
export function auditTable(events: AuditEvent[]): string {
  const rows = events.map(row);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(COLUMNS), ...rows.map(line)].join('\n');
}

export function jsonLine(event: AuditEvent): string {
  return JSON.stringify(viewOfEvent(event));
}
