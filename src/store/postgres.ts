import { createRequire } from 'node:module';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';

const INT8_OID = 20;

/** `pg`, loaded only when a PostgreSQL URL is configured: a SQLite start need not hold it (#17: start-up memory). */
export function loadPg(): typeof import('pg').default {
  return createRequire(import.meta.url)('pg') as typeof import('pg').default;
}

/**
 * For scale-out: any number of polyiam processes share one PostgreSQL. Epoch milliseconds and
 * numeric ids fit in a double exactly, so BIGINT columns are parsed as numbers rather than strings.
 */
export function openPostgres(connectionString: string, options: { poolSize?: number; onIdleError?: (err: Error) => void } = {}): Kysely<Database> {
  const pg = loadPg();
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
  // An idle connection the server ends (a restart, a failover, an administrator) is dropped by the
  // pool and replaced on next use; with no listener, pg would throw it and end the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
