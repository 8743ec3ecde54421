import { AlreadyExistsError, type EntityKind } from '../core/errors.js';

/** SQLite (better-sqlite3) and PostgreSQL (pg) spell a unique violation differently. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs a write and turns a unique violation into the core's already-exists; nothing else is caught. */
export async function translateUnique<T>(entity: EntityKind, id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AlreadyExistsError(entity, id);
    throw err;
  }
}
