import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { CHANGE_KINDS, type Change } from '../core/change-feed.js';
import { CHANGE_CHANNEL } from './change-payload.js';
import type { Database } from './schema.js';

/** how far back a read looks again, for rows stamped by a node whose clock lags this one */
const CLOCK_MARGIN_MS = 5_000;

/**
 * Writes a batch of changes to `change_log` and NOTIFYs them, in one statement on `db` (a transaction,
 * so both happen at its COMMIT or not at all; or the pool, as a statement of its own). The rows are
 * what a node that lost its listening connection polls (`ChangeLogReader`).
 */
export async function logAndNotify(db: Kysely<Database>, nodeId: string, at: number, changes: readonly Change[], payloads: readonly string[]): Promise<void> {
  const ids = changes.map(() => randomBytes(12).toString('hex'));
  await sql`
    with logged as (
      insert into change_log (id, at, node_id, kind, entity_id)
      select id, at, node_id, kind, entity_id
      from unnest(${ids}::text[], ${changes.map(() => at)}::bigint[], ${changes.map(() => nodeId)}::text[], ${changes.map((c) => c.kind)}::text[], ${changes.map((c) => c.id)}::text[])
        as t(id, at, node_id, kind, entity_id)
    )
    select pg_notify(${CHANGE_CHANNEL}, p) from unnest(${[...payloads]}::text[]) as p`.execute(db);
}

/**
 * The fallback when notifications cannot be heard: other nodes' rows of `change_log` since the last
 * read (DESIGN.md "caches are invalidated across nodes through the database").
 */
export class ChangeLogReader {
  private lastSeen: number;
  private readonly seen = new Set<string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly nodeId: string,
    now: number,
  ) {
    this.lastSeen = now;
  }

  /** nothing before `at` needs reading (the listening connection heard it) */
  advanceTo(at: number): void {
    this.lastSeen = Math.max(this.lastSeen, at);
  }

  /** the next read starts at `at` (or where it was, if earlier) */
  rewindTo(at: number): void {
    this.lastSeen = Math.min(this.lastSeen, at);
  }

  /** what other nodes changed since the last read; `unknown` counts rows of kinds this node does not know */
  async read(): Promise<{ changes: Change[]; unknown: number }> {
    const rows = await this.db
      .selectFrom('change_log')
      .select(['id', 'at', 'kind', 'entity_id'])
      .where('at', '>=', this.lastSeen - CLOCK_MARGIN_MS)
      .where('node_id', '!=', this.nodeId)
      .orderBy('at')
      .execute();
    const changes: Change[] = [];
    let unknown = 0;
    for (const row of rows) {
      this.lastSeen = Math.max(this.lastSeen, Number(row.at));
      if (this.seen.has(row.id)) continue;
      this.seen.add(row.id);
      if (CHANGE_KINDS.has(row.kind)) changes.push({ kind: row.kind, id: row.entity_id } as Change);
      else unknown++;
    }
    if (this.seen.size > 50_000) this.seen.clear();
    return { changes, unknown };
  }

  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('change_log').where('at', '<', before).execute();
  }
}
