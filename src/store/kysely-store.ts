import { Migrator, sql, type Kysely } from 'kysely';
import type { TransactionAudit } from '../core/audit/command-audit.js';
import type { Change } from '../core/change-feed.js';
import type { Repositories, Store, TransactionOptions } from '../core/ports.js';
import { AuditEventInsert } from './audit-sink.js';
import { isPostgres } from './engine.js';
import { migrationProvider } from './migrations/index.js';
import { KyselyAccessKeyRepository } from './repositories/access-keys.js';
import { KyselyAccountRepository } from './repositories/accounts.js';
import { KyselyGroupRepository } from './repositories/groups.js';
import { KyselyLoginProfileRepository } from './repositories/login-profiles.js';
import { KyselyPasswordPolicyRepository } from './repositories/password-policies.js';
import { KyselyPolicyRepository } from './repositories/policies.js';
import { KyselyConsoleSessionRepository, KyselySignInAttemptRepository } from './repositories/console-sessions.js';
import { KyselyProjectRepository } from './repositories/projects.js';
import { KyselyCatalogRepository } from './repositories/catalog.js';
import { KyselyUserExtrasRepository } from './repositories/user-extras.js';
import { KyselyKeystoneCredentialRepository } from './repositories/keystone-credentials.js';
import { KyselyApplicationCredentialRepository } from './repositories/application-credentials.js';
import { KyselyEndpointGroupRepository } from './repositories/endpoint-groups.js';
import { KyselyDomainConfigRepository } from './repositories/domain-configs.js';
import { KyselyPolicyBlobRepository } from './repositories/keystone-policies.js';
import { KyselyOauthConsumerRepository } from './repositories/oauth-consumers.js';
import { KyselyKeystoneRoleRepository } from './repositories/keystone-roles.js';
import { KyselyRoleRepository } from './repositories/roles.js';
import { KyselyTokenKeyRepository, KyselyTokenRevocationRepository, KyselyUserAccountLookup } from './repositories/tokens.js';
import { KyselyUserRepository } from './repositories/users.js';
import { KyselyResourceTagRepository } from './repositories/resource-tags.js';
import { KyselyOidcProviderRepository, KyselyServerCertificateRepository, KyselyUserCredentialRepository } from './repositories/user-credentials.js';
import type { Database } from './schema.js';
import { KyselyMfaStore } from './repositories/mfa.js';
import { TransactionGuard } from './transaction-guard.js';
import type { GroupCommit } from './group-commit.js';
import { KyselyInstanceProfileRepository, KyselyRoleBoundaryRepository, KyselyRoleDeletionTaskRepository, KyselySamlProviderRepository } from './repositories/aws-entities.js';

function repositoriesFor(db: Kysely<Database>): Repositories {
  return {
    accounts: new KyselyAccountRepository(db),
    users: new KyselyUserRepository(db),
    loginProfiles: new KyselyLoginProfileRepository(db),
    passwordPolicies: new KyselyPasswordPolicyRepository(db),
    accessKeys: new KyselyAccessKeyRepository(db),
    groups: new KyselyGroupRepository(db),
    policies: new KyselyPolicyRepository(db),
    roles: new KyselyRoleRepository(db),
    resourceTags: new KyselyResourceTagRepository(db),
    userCredentials: new KyselyUserCredentialRepository(db),
    serverCertificates: new KyselyServerCertificateRepository(db),
    oidcProviders: new KyselyOidcProviderRepository(db),
    roleBoundaries: new KyselyRoleBoundaryRepository(db),
    instanceProfiles: new KyselyInstanceProfileRepository(db),
    samlProviders: new KyselySamlProviderRepository(db),
    roleDeletionTasks: new KyselyRoleDeletionTaskRepository(db),
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
  readonly roles;
  readonly resourceTags;
  readonly userCredentials;
  readonly serverCertificates;
  readonly oidcProviders;
  readonly roleBoundaries;
  readonly instanceProfiles;
  readonly samlProviders;
  readonly roleDeletionTasks;
  /** Keystone-style tokens (core/tokens/ports.ts): outside `Repositories`, no command writes them in its transaction */
  readonly tokenKeys: KyselyTokenKeyRepository;
  readonly tokenRevocations: KyselyTokenRevocationRepository;
  readonly userAccounts: KyselyUserAccountLookup;
  /** on PostgreSQL: announces a transaction's changes inside it (store/change-notify.ts) */
  private announcer: InTransactionAnnouncer | undefined;
  /** console sessions and sign-in attempts (core/sessions/ports.ts), outside `Repositories` like tokens */
  readonly consoleSessions: KyselyConsoleSessionRepository;
  readonly signInAttempts: KyselySignInAttemptRepository;
  private audit: { commands: TransactionAudit; insert: AuditEventInsert } | undefined;
  /** Keystone projects (core/projects/ports.ts, issue #16): outside `Repositories`, like the token ports */
  readonly projects: KyselyProjectRepository;
  readonly keystoneRoles: KyselyKeystoneRoleRepository;
  /** MFA devices, sign-in challenges, login policies (core/mfa/ports.ts): conditional single statements */
  readonly mfa: KyselyMfaStore;
  /** Keystone regions, services and endpoints (core/catalog/ports.ts, issue #16) */
  readonly catalog: KyselyCatalogRepository;
  readonly userExtras: KyselyUserExtrasRepository;
  /** Keystone credentials and application credentials (core/keystone-credentials, issue #16) */
  readonly keystoneCredentials: KyselyKeystoneCredentialRepository;
  readonly applicationCredentials: KyselyApplicationCredentialRepository;
  readonly endpointGroups: KyselyEndpointGroupRepository;
  /** Keystone domain configuration, policy blobs, OAuth1 consumers (issue #16) */
  readonly domainConfigs: KyselyDomainConfigRepository;
  readonly policyBlobs: KyselyPolicyBlobRepository;
  readonly oauthConsumers: KyselyOauthConsumerRepository;

  constructor(
    readonly db: Kysely<Database>,
    readonly engine: 'sqlite' | 'postgres',
    /** SQLite on a file: commits flushed together, answers wait for theirs (store/group-commit.ts) */
    private readonly groupCommit?: GroupCommit,
  ) {
    const repos = repositoriesFor(db);
    this.accounts = repos.accounts;
    this.users = repos.users;
    this.loginProfiles = repos.loginProfiles;
    this.passwordPolicies = repos.passwordPolicies;
    this.accessKeys = repos.accessKeys;
    this.groups = repos.groups;
    this.policies = repos.policies;
    this.roles = repos.roles;
    this.resourceTags = repos.resourceTags;
    this.userCredentials = repos.userCredentials;
    this.serverCertificates = repos.serverCertificates;
    this.oidcProviders = repos.oidcProviders;
    this.roleBoundaries = repos.roleBoundaries;
    this.instanceProfiles = repos.instanceProfiles;
    this.samlProviders = repos.samlProviders;
    this.roleDeletionTasks = repos.roleDeletionTasks;
    this.tokenKeys = new KyselyTokenKeyRepository(db);
    this.tokenRevocations = new KyselyTokenRevocationRepository(db);
    this.userAccounts = new KyselyUserAccountLookup(db);
    this.consoleSessions = new KyselyConsoleSessionRepository(db);
    this.signInAttempts = new KyselySignInAttemptRepository(db);
    this.projects = new KyselyProjectRepository(db);
    this.keystoneRoles = new KyselyKeystoneRoleRepository(db);
    this.mfa = new KyselyMfaStore(db);
    this.catalog = new KyselyCatalogRepository(db);
    this.userExtras = new KyselyUserExtrasRepository(db);
    this.keystoneCredentials = new KyselyKeystoneCredentialRepository(db);
    this.applicationCredentials = new KyselyApplicationCredentialRepository(db);
    this.endpointGroups = new KyselyEndpointGroupRepository(db);
    this.domainConfigs = new KyselyDomainConfigRepository(db);
    this.policyBlobs = new KyselyPolicyBlobRepository(db);
    this.oauthConsumers = new KyselyOauthConsumerRepository(db);
  }

  /** no cache here: this is the database (core/caching/cached-store.ts adds one) */
  get fresh(): Repositories {
    return this;
  }

  /**
   * From now on every transaction run inside a write command commits that command's audit event with
   * its change (core/audit/command-audit.ts); `app/` calls this once.
   */
  carryAuditEvents(commands: TransactionAudit): void {
    this.audit = { commands, insert: new AuditEventInsert(this.db) };
  }

  async transaction<T>(work: (tx: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const carried = this.audit?.commands.claim();
    if (carried === undefined) return this.run(work, options);
    const insert = this.audit!.insert;
    let result: T;
    try {
      // INVARIANT: the event is written before COMMIT: it commits exactly when the change does
      result = await this.run(work, options, (trx) => insert.run(trx, carried.event));
    } catch (err) {
      carried.rolledBack();
      throw err;
    }
    carried.committed();
    return result;
  }

  private run<T>(
    work: (tx: Repositories) => Promise<T>,
    options: TransactionOptions,
    beforeCommit?: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const guard = new TransactionGuard();
      const result = guard.finish(await work(guard.wrap(repositoriesFor(trx))));
      if (beforeCommit) await beforeCommit(trx);
      const changes = this.announcer && options.announce ? options.announce() : [];
      // the last statement before COMMIT: a rolled-back transaction announces nothing
      if (changes.length > 0) await this.announcer!.announceIn(trx, changes);
      return result;
    });
  }

  /** Every transaction's changes are announced inside it from now on (PostgreSQL, several nodes). */
  announceChangesWith(announcer: InTransactionAnnouncer): void {
    this.announcer = announcer;
  }

  /**
   * Settles when every commit made so far is on disk: what the HTTP layer awaits before it answers, so
   * that no answer reports (or reflects) a change a power cut could still take back. `undefined` when
   * nothing is waiting for the disk (always, on PostgreSQL and in memory, whose commits are durable or
   * never are).
   */
  durable(): Promise<void> | undefined {
    return this.groupCommit?.durable();
  }

  async close(): Promise<void> {
    await this.groupCommit?.close();
    await this.db.destroy();
  }
}

export interface InTransactionAnnouncer {
  announceIn(trx: Kysely<Database>, changes: readonly Change[]): Promise<void>;
}

/** Applies every pending migration; fails loudly with the migration that broke. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // PostgreSQL: Kysely looks for its migration table in *any* schema unless told which, so a database
  // where another schema already holds one (a second polyiam, another Kysely app) skipped creating
  // ours and then failed to read it. Pin it to the schema our tables go to.
  const migrationTableSchema = isPostgres(db) ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  // Kysely orders migrations run in the same millisecond with `localeCompare` unless told otherwise, and
  // the first `localeCompare` of a process loads ICU's collator (~40 ms of every start, #17); our names
  // (`00NN-name`) sort the same by code unit, the order Kysely itself lists the provider's migrations in
  const nameComparator = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Parallel work takes free numbers below the newest one (0014 after 0029): a data dir already at a
  // higher number must still get a lower new one, not be refused as "corrupted migrations". Each
  // migration touches only its own tables, so their order across branches does not matter.
  const migrator = new Migrator({ db, provider: migrationProvider, nameComparator, allowUnorderedMigrations: true, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
