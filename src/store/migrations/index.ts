import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as changeLog from './0003-change-log.js';

/** Versioned migrations, applied in name order at start and by `polyiam migrate`. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0003-change-log': changeLog,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
