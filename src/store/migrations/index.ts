import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as tokens from './0002-tokens.js';
import * as changeLog from './0003-change-log.js';
import * as bytewiseSort from './0004-bytewise-sort.js';
import * as policies from './0005-policies.js';
import * as accessKeyRegion from './0006-access-key-region.js';
import * as loginProtection from './0008-login-protection.js';
import * as roles from './0009-roles.js';
import * as auditTrail from './0010-audit-trail.js';
import * as awsApi from './0011-aws-api.js';
import * as keystone from './0012-keystone.js';
import * as consoleSessions from './0013-console-sessions.js';
import * as credentialReports from './0018-credential-reports.js';
import * as awsEntities from './0019-aws-entities.js';
import * as keystoneCatalog from './0020-keystone-catalog.js';
import * as protectPolicies from './0024-protect-policies.js';
import * as domains from './0021-domains.js';
import * as keystoneCredentials from './0022-keystone-credentials.js';

/** Versioned migrations, applied in name order at start and by `polyiam migrate`. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-tokens': tokens,
  '0003-change-log': changeLog,
  '0004-bytewise-sort': bytewiseSort,
  '0005-policies': policies,
  '0006-access-key-region': accessKeyRegion,
  '0008-login-protection': loginProtection,
  '0009-roles': roles,
  '0010-audit-trail': auditTrail,
  '0011-aws-api': awsApi,
  '0012-keystone': keystone,
  '0013-console-sessions': consoleSessions,
  '0018-credential-reports': credentialReports,
  '0019-aws-entities': awsEntities,
  '0020-keystone-catalog': keystoneCatalog,
  '0024-protect-policies': protectPolicies,
  '0021-domains': domains,
  '0022-keystone-credentials': keystoneCredentials,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
