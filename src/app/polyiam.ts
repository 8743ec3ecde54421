import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { RequestAuthenticator } from '../auth/request-authenticator.js';
import { SigningKeyCache } from '../auth/signing-key-cache.js';
import type { Config } from '../config/config.js';
import { AccessKeysService } from '../core/access-keys/access-keys-service.js';
import { AccountsService } from '../core/accounts/accounts-service.js';
import { AuditService } from '../core/audit/audit-service.js';
import { AuthorizationMessages } from '../core/authorization/authorization-messages.js';
import { PolicyAuthorizer } from '../core/authorization/policy-authorizer.js';
import { ChangeFeed } from '../core/change-feed.js';
import { AdjustableClock, SystemClock } from '../core/clock.js';
import { CredentialsService } from '../core/credentials/sign-in.js';
import type { CoreDeps } from '../core/deps.js';
import { CachedStore } from '../core/caching/cached-store.js';
import { LoginProfilesService } from '../core/login-profiles/login-profiles-service.js';
import { PasswordPolicyService } from '../core/password-policy/password-policy-service.js';
import { PolicyAttachmentsService } from '../core/policies/attachments-service.js';
import { InlinePoliciesService } from '../core/policies/inline-policies-service.js';
import { PoliciesService } from '../core/policies/policies-service.js';
import { PolicySimulator } from '../core/policies/simulation.js';
import type { PasswordHasher } from '../core/ports.js';
import { UsersService } from '../core/users/users-service.js';
import { GroupsService } from '../core/users/groups-service.js';
import { PermissionsBoundariesService } from '../core/users/permissions-boundaries-service.js';
import { PolicyTagsService } from '../core/policies/policy-tags-service.js';
import { AccountAliasesService } from '../core/accounts/account-aliases-service.js';
import { UserCredentialsService } from '../core/user-credentials/user-credentials-service.js';
import { ServerCertificatesService } from '../core/user-credentials/server-certificates-service.js';
import { ContextKeyNamesService } from '../core/policies/context-key-names.js';
import { OidcProvidersService } from '../core/identity-providers/oidc-providers-service.js';
import { TokensService } from '../core/tokens/tokens-service.js';
import { TokenKeyRing } from '../auth/tokens/token-key-ring.js';
import { TokenService } from '../auth/tokens/token-service.js';
import { Argon2idHasher } from '../crypto/argon2id-hasher.js';
import { RandomIdGenerator } from '../crypto/ids.js';
import { loadMasterKeys } from '../crypto/master-key.js';
import { AesGcmSecretBox } from '../crypto/secret-box.js';
import { KyselyAuditSink } from '../store/audit-sink.js';
import { DatabaseChangeRelay } from '../store/change-log.js';
import { KyselyStore, migrateToLatest } from '../store/kysely-store.js';
import { openPostgres } from '../store/postgres.js';
import { openSqlite } from '../store/sqlite.js';
import type { DialectServices } from './services.js';

export interface Polyiam {
  config: Config;
  store: KyselyStore;
  services: DialectServices;
  /** present in test mode only */
  testClock?: AdjustableClock;
  close(): Promise<void>;
}

export interface CreateOptions {
  logger: Logger;
  /** tests swap in cheaper argon2 parameters where hashing cost is not what they measure */
  hasher?: PasswordHasher;
}

/** Opens the store for the configuration: PostgreSQL when a URL is set, else SQLite in the data dir. */
export function openStore(config: Config, onIdleError?: (err: Error) => void): KyselyStore {
  if (config.databaseUrl) return new KyselyStore(openPostgres(config.databaseUrl, onIdleError ? { onIdleError } : {}), 'postgres');
  if (config.sqliteFile === ':memory:') return new KyselyStore(openSqlite(':memory:'), 'sqlite');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return new KyselyStore(openSqlite(join(config.dataDir, config.sqliteFile)), 'sqlite');
}

/** The composition root: config → store → crypto → core services. The only place naming implementations. */
export async function createPolyiam(config: Config, options: CreateOptions): Promise<Polyiam> {
  const store = openStore(config, (err) => options.logger.warn({ err }, 'a PostgreSQL connection was closed by the server; it will be replaced'));
  try {
    return await compose(config, options, store);
  } catch (err) {
    // a half-started polyiam must not keep a pool (and so the process) alive
    await store.close().catch(() => undefined);
    throw err;
  }
}

async function compose(config: Config, options: CreateOptions, store: KyselyStore): Promise<Polyiam> {
  await migrateToLatest(store.db);
  const testClock = config.testMode ? new AdjustableClock() : undefined;
  const clock = testClock ?? new SystemClock();
  const ids = new RandomIdGenerator();
  const sink = new KyselyAuditSink(store.db, (err) => options.logger.error({ err }, 'audit write failed'));
  const audit = new AuditService(sink, clock, ids);
  const changes = new ChangeFeed();
  // Only a shared database has other nodes to tell; embedded SQLite is one process.
  const relay = store.engine === 'postgres' ? new DatabaseChangeRelay(store.db, changes, () => Date.now(), (err) => options.logger.error({ err }, 'change relay failed')) : undefined;
  relay?.start();
  const keyDir = config.databaseUrl ? undefined : config.sqliteFile === ':memory:' ? undefined : config.dataDir;
  if (config.databaseUrl && !config.masterKey) {
    throw new Error('POLYIAM_MASTER_KEY is required with POLYIAM_DATABASE_URL: every node must share the key-encryption key');
  }
  const secretBox = new AesGcmSecretBox(loadMasterKeys(config.masterKey, keyDir));
  // issue #5: every call decided by the principal's identity policies (the root may do everything in
  // its account; the `admin` group holds the Security Administrator system policy)
  // hot rows (users and tags, login profiles, password policies) from memory, dropped on every change
  const cachedStore = new CachedStore(store, clock, changes);
  const authorizer = new PolicyAuthorizer({ store: cachedStore, clock, secretBox, changes });
  const deps: CoreDeps = {
    store: cachedStore,
    clock,
    hasher: options.hasher ?? new Argon2idHasher(),
    secretBox,
    ids,
    audit,
    authorizer,
    changes,
  };
  const accessKeys = new AccessKeysService(deps);
  const credentials = new CredentialsService(deps);
  const tokenKeys = new TokenKeyRing(store.tokenKeys, deps.secretBox, clock);
  await tokenKeys.load();
  const tokens = new TokenService(new TokensService(deps, credentials, store.tokenRevocations, store.userAccounts), credentials, tokenKeys, clock, changes, ids);
  const services: DialectServices = {
    accounts: new AccountsService(deps),
    users: new UsersService(deps),
    loginProfiles: new LoginProfilesService(deps),
    passwordPolicy: new PasswordPolicyService(deps),
    credentials,
    accessKeys,
    audit,
    authenticator: new RequestAuthenticator(new SigningKeyCache(accessKeys, clock, changes), clock),
    groups: new GroupsService(deps),
    policies: new PoliciesService(deps),
    policyAttachments: new PolicyAttachmentsService(deps),
    inlinePolicies: new InlinePoliciesService(deps),
    simulator: new PolicySimulator(deps),
    authorizationMessages: new AuthorizationMessages(deps),
    tokens,
    clock,
    ids,
    permissionsBoundaries: new PermissionsBoundariesService(deps),
    policyTags: new PolicyTagsService(deps),
    accountAliases: new AccountAliasesService(deps),
    userCredentials: new UserCredentialsService(deps),
    serverCertificates: new ServerCertificatesService(deps),
    contextKeyNames: new ContextKeyNamesService(deps),
    oidcProviders: new OidcProvidersService(deps),
  };
  return {
    config,
    store,
    services,
    ...(testClock ? { testClock } : {}),
    async close() {
      relay?.stop();
      await audit.flush();
      await store.close();
    },
  };
}
