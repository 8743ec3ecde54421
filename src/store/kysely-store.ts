import { Migrator, sql, type Kysely } from 'kysely';
import type { Repositories, Store } from '../core/ports.js';
import { isPostgres } from './engine.js';
import { migrationProvider } from './migrations/index.js';
import { KyselyAccessKeyRepository } from './repositories/access-keys.js';
import { KyselyAccountRepository } from './repositories/accounts.js';
import { KyselyGroupRepository } from './repositories/groups.js';
import { KyselyLoginProfileRepository } from './repositories/login-profiles.js';
import { KyselyPasswordPolicyRepository } from './repositories/password-policies.js';
import { KyselyPolicyRepository } from './repositories/policies.js';
import { KyselyTokenKeyRepository, KyselyTokenRevocationRepository, KyselyUserAccountLookup } from './repositories/tokens.js';
import { KyselyUserRepository } from './repositories/users.js';
import { KyselyResourceTagRepository } from './repositories/resource-tags.js';
import { KyselyOidcProviderRepository, KyselyServerCertificateRepository, KyselyUserCredentialRepository } from './repositories/user-credentials.js';
import type { Database } from './schema.js';
import { TransactionGuard } from './transaction-guard.js';

function repositoriesFor(db: Kysely<Database>): Repositories {
  return {
    accounts: new KyselyAccountRepository(db),
    users: new KyselyUserRepository(db),
    loginProfiles: new KyselyLoginProfileRepository(db),
    passwordPolicies: new KyselyPasswordPolicyRepository(db),
    accessKeys: new KyselyAccessKeyRepository(db),
    groups: new KyselyGroupRepository(db),
    policies: new KyselyPolicyRepository(db),
    resourceTags: new KyselyResourceTagRepository(db),
    userCredentials: new KyselyUserCredentialRepository(db),
    serverCertificates: new KyselyServerCertificateRepository(db),
    oidcProviders: new KyselyOidcProviderRepository(db),
  };
}

/** The core's `Store` over one Kysely instance, whatever the engine. */
export class KyselyStore implements Store {
  readonly accounts;
  readonly users;
  readonly loginProfiles;
  readonly passwordPolicies;
  readonly accessKeys;
  readonly groups;
  readonly policies;
  readonly resourceTags;
  readonly userCredentials;
  readonly serverCertificates;
  readonly oidcProviders;
  /** Keystone-style tokens (core/tokens/ports.ts): outside `Repositories`, no command writes them in its transaction */
  readonly tokenKeys: KyselyTokenKeyRepository;
  readonly tokenRevocations: KyselyTokenRevocationRepository;
  readonly userAccounts: KyselyUserAccountLookup;

  constructor(
    readonly db: Kysely<Database>,
    readonly engine: 'sqlite' | 'postgres',
  ) {
    const repos = repositoriesFor(db);
    this.accounts = repos.accounts;
    this.users = repos.users;
    this.loginProfiles = repos.loginProfiles;
    this.passwordPolicies = repos.passwordPolicies;
    this.accessKeys = repos.accessKeys;
    this.groups = repos.groups;
    this.policies = repos.policies;
    this.resourceTags = repos.resourceTags;
    this.userCredentials = repos.userCredentials;
    this.serverCertificates = repos.serverCertificates;
    this.oidcProviders = repos.oidcProviders;
    this.tokenKeys = new KyselyTokenKeyRepository(db);
    this.tokenRevocations = new KyselyTokenRevocationRepository(db);
    this.userAccounts = new KyselyUserAccountLookup(db);
  }

  /** no cache here: this is the database (core/caching/cached-store.ts adds one) */
  get fresh(): Repositories {
    return this;
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const guard = new TransactionGuard();
      return guard.finish(await work(guard.wrap(repositoriesFor(trx))));
    });
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Applies every pending migration; fails loudly with the migration that broke. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // PostgreSQL: Kysely looks for its migration table in *any* schema unless told which, so a database
  // where another schema already holds one (a second polyiam, another Kysely app) skipped creating
  // ours and then failed to read it. Pin it to the schema our tables go to.
  const migrationTableSchema = isPostgres(db) ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: migrationProvider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
