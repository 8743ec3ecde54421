import { PostgresIntrospector, type Kysely } from 'kysely';

/**
 * Which engine a Kysely instance talks to, for the few places that must differ (migrations, the
 * migration table's schema). Read from the public introspector rather than the internal adapter.
 */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.introspection instanceof PostgresIntrospector;
}
