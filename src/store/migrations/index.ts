import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as tokens from './0002-tokens.js';
import * as changeLog from './0003-change-log.js';
import * as bytewiseSort from './0004-bytewise-sort.js';
import * as policies from './0005-policies.js';
import * as accessKeyRegion from './0006-access-key-region.js';
import * as awsApi from './0011-aws-api.js';

/** Versioned migrations, applied in name order at start and by `polyiam migrate`. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-tokens': tokens,
  '0003-change-log': changeLog,
  '0004-bytewise-sort': bytewiseSort,
  '0005-policies': policies,
  '0006-access-key-region': accessKeyRegion,
  '0011-aws-api': awsApi,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
