import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { RequestAuthenticator } from '../auth/request-authenticator.js';
import { SigningKeyCache } from '../auth/signing-key-cache.js';
import { RevocationCheck } from '../auth/revocation-check.js';
import { KyselyCredentialStanding } from '../store/credential-standing.js';
import type { Config } from '../config/config.js';
import { AccessKeysService } from '../core/access-keys/access-keys-service.js';
import { AccountsService } from '../core/accounts/accounts-service.js';
import { AuditService, DiscardingAuditSink } from '../core/audit/audit-service.js';
import { AuditRetention, AuditTrailService } from '../core/audit/audit-trail-service.js';
import { AccountReportsService } from '../core/reports/account-reports-service.js';
import { AuthorizationMessages } from '../core/authorization/authorization-messages.js';
import { PolicyAuthorizer } from '../core/authorization/policy-authorizer.js';
import { ChangeFeed } from '../core/change-feed.js';
import { AdjustableClock, SystemClock } from '../core/clock.js';
import type { CoreDeps } from '../core/deps.js';
import { CachedStore } from '../core/caching/cached-store.js';
import { LoginProfilesService } from '../core/login-profiles/login-profiles-service.js';
import { PasswordPolicyService } from '../core/password-policy/password-policy-service.js';
import { PolicyAttachmentsService } from '../core/policies/attachments-service.js';
import { InlinePoliciesService } from '../core/policies/inline-policies-service.js';
import { PoliciesService } from '../core/policies/policies-service.js';
import { PolicySimulator } from '../core/policies/simulation.js';
import { ProjectsService } from '../core/projects/projects-service.js';
import { CatalogAdminService } from '../core/catalog/catalog-service.js';
import { KeystoneCredentialsService } from '../core/keystone-credentials/credentials-service.js';
import { ApplicationCredentialsService } from '../core/keystone-credentials/application-credentials-service.js';
import { EndpointGroupsService } from '../core/catalog/endpoint-groups.js';
import { DomainConfigsService } from '../core/domain-configs/domain-configs-service.js';
import { PolicyBlobsService } from '../core/keystone-policies/policy-blobs-service.js';
import { OauthConsumersService } from '../core/oauth-consumers/consumers-service.js';
import { UserExtrasService } from '../core/keystone-users/user-extras.js';
import { GrantsService } from '../core/keystone-roles/grants-service.js';
import { KeystoneRolesService } from '../core/keystone-roles/roles-service.js';
import { SystemGrantsService } from '../core/keystone-roles/system-grants-service.js';
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
import { RoleBoundariesService } from '../core/roles/role-boundaries-service.js';
import { InstanceProfilesService } from '../core/instance-profiles/instance-profiles-service.js';
import { SamlProvidersService } from '../core/identity-providers/saml-providers-service.js';
import { ServiceLinkedRolesService } from '../core/roles/service-linked-roles-service.js';
import { TokensService } from '../core/tokens/tokens-service.js';
import { DomainsService } from '../core/accounts/domains-service.js';
import { OperatorsService } from '../core/accounts/operators.js';
import { KyselyOperatorRepository } from '../store/repositories/operators.js';
import { TokenKeyRing } from '../auth/tokens/token-key-ring.js';
import { TokenService } from '../auth/tokens/token-service.js';
import { Argon2idHasher } from '../crypto/argon2id-hasher.js';
import { RolesService } from '../core/roles/roles-service.js';
import { RoleInlinePoliciesService } from '../core/roles/role-inline-policies.js';
import { AssumeRoleService } from '../core/roles/assume-role.js';
import { SessionCredentials } from '../core/roles/session-credentials.js';
import { SessionTokenService } from '../core/roles/session-token.js';
import { UserTemporaryCredentialsService } from '../core/roles/user-temporary-credentials.js';
import { AgenciesService } from '../core/roles/agencies.js';
import { AgencyGrantsService } from '../core/roles/agency-grants.js';
import { GroupInlinePoliciesService } from '../core/policies/group-inline-policies-service.js';
import { RandomIdGenerator } from '../crypto/ids.js';
import { loadMasterKeys } from '../crypto/master-key.js';
import { AesGcmSecretBox } from '../crypto/secret-box.js';
import { KyselyAuditEventReader } from '../store/audit-events.js';
import { KyselyCredentialReportStore } from '../store/credential-reports.js';
import { KyselyAuditSink } from '../store/audit-sink.js';
import { PostgresChangeNotifier, type ChangeNotifyStats } from '../store/change-notify.js';
import { KyselyStore, migrateToLatest } from '../store/kysely-store.js';
import { openPostgres } from '../store/postgres.js';
import { openSqliteGrouped } from '../store/sqlite.js';
import type { DialectServices } from '../front/services.js';
import { ConsoleSessionsService } from '../core/sessions/console-sessions-service.js';
import { RandomSessionTokens } from '../crypto/session-tokens.js';
import { composeLoginProtection } from './login-protection.js';
import { KyselyProtectPolicyStore } from '../store/repositories/protect-policies.js';
import { KyselyAccessControlStore } from '../store/repositories/access-control-policies.js';
import { AccessControlService, AllowListGate } from '../core/login-protection/access-control-service.js';
import { SelfManagement } from '../core/login-protection/self-management.js';
import { DEFAULT_PROTECT_POLICY } from '../core/login-protection/protect-policy.js';
import type { TestOutbox } from '../delivery/test-outbox.js';

export interface Polyiam {
  config: Config;
  store: KyselyStore;
  services: DialectServices;
  /** the web console's sessions (issue #12), beside the services every front door calls */
  consoleSessions: ConsoleSessionsService;
  /** present in test mode only */
  testClock?: AdjustableClock;
  /** on PostgreSQL: how other nodes' changes are heard (counted in /metrics) */
  changeNotifications?: ChangeNotifyStats;
  /** on PostgreSQL: the node's change notifier, for the two-node tests */
  notifier?: PostgresChangeNotifier;
  /** on PostgreSQL: per-request revocation reads (auth/revocation-check.ts), for every credential kind */
  revocationCheck?: RevocationCheck;
  /** prunes audit events past POLYIAM_AUDIT_RETENTION in the background; `runOnce` for tests and the CLI */
  auditRetention: AuditRetention;
  /** test mode only: every login-protection code sent (GET /_test/outbox) */
  testOutbox?: TestOutbox;
  close(): Promise<void>;
}

export interface CreateOptions {
  logger: Logger;
  /** tests swap in cheaper argon2 parameters where hashing cost is not what they measure */
  hasher?: PasswordHasher;
  /** benchmarks only: no audit events at all, the baseline the audit trail's cost is measured against */
  auditOff?: boolean;
}

/** Opens the store for the configuration: PostgreSQL when a URL is set, else SQLite in the data dir. */
export function openStore(config: Config, onIdleError?: (err: Error) => void): KyselyStore {
  if (config.databaseUrl) return new KyselyStore(openPostgres(config.databaseUrl, onIdleError ? { onIdleError } : {}), 'postgres');
  if (config.sqliteFile !== ':memory:') mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { db, groupCommit } = openSqliteGrouped(config.sqliteFile === ':memory:' ? ':memory:' : join(config.dataDir, config.sqliteFile));
  return new KyselyStore(db, 'sqlite', groupCommit);
}

/** How often retention looks for audit events to prune: each pass deletes in batches of 500. */
const AUDIT_PRUNE_INTERVAL_MS = 10 * 60_000;

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
  const sink = options.auditOff ? new DiscardingAuditSink() : new KyselyAuditSink(store.db, (err) => options.logger.error({ err }, 'audit write failed'));
  const audit = new AuditService(sink, clock, ids, { recordsWrites: !options.auditOff });
  if (!options.auditOff) store.carryAuditEvents(audit.commands);
  const changes = new ChangeFeed();
  // Only a shared database has other nodes to tell; embedded SQLite is one process.
  const notifier =
    store.engine === 'postgres' && config.databaseUrl
      ? new PostgresChangeNotifier(store.db, config.databaseUrl, changes, { onError: (err, what) => options.logger.warn({ err }, what) })
      : undefined;
  const keyDir = config.databaseUrl ? undefined : config.sqliteFile === ':memory:' ? undefined : config.dataDir;
  if (config.databaseUrl && !config.masterKey) {
    throw new Error('POLYIAM_MASTER_KEY is required with POLYIAM_DATABASE_URL: every node must share the key-encryption key');
  }
  const secretBox = new AesGcmSecretBox(loadMasterKeys(config.masterKey, keyDir));
  // issue #5: every call decided by the principal's identity policies (the root may do everything in
  // its account; the `admin` group holds the Security Administrator system policy)
  // hot rows (users and tags, login profiles, password policies) from memory, dropped on every change
  const cachedStore = new CachedStore(store, clock, changes, notifier ? { announcer: notifier } : {});
  // several nodes: a cached credential is checked against the database on every use (revocation at once)
  const revocationCheck = notifier ? new RevocationCheck(new KyselyCredentialStanding(store.db)) : undefined;
  // Huawei console-acl-policy / api-acl-policy: where the account's IAM users may call from
  const accessControlLists = new KyselyAccessControlStore(store.db);
  const allowLists = new AllowListGate(accessControlLists, changes);
  const authorizer = new PolicyAuthorizer({ store: cachedStore, clock, secretBox, changes, apiAllowList: allowLists });
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
  // issue #12: the account's protect policy `allow_user`, enforced on what IAM users change about themselves
  const protectPolicies = new KyselyProtectPolicyStore(store.db);
  const selfManagement = new SelfManagement({ current: async (accountId) => (await protectPolicies.find(accountId)) ?? DEFAULT_PROTECT_POLICY });
  const accessKeys = new AccessKeysService(deps, selfManagement);
  // issue #13: temporary credentials are verified against the same role cache the authorizer uses
  const sessionCredentials = new SessionCredentials(secretBox, clock, authorizer.sessions.roles, (accountId, userId) => cachedStore.users.findById(accountId, userId));
  const protection = composeLoginProtection(config, deps, store.mfa, protectPolicies, selfManagement);
  const credentials = protection.credentials;
  const tokenKeys = new TokenKeyRing(store.tokenKeys, deps.secretBox, clock);
  await tokenKeys.load();
  // issue #16: cloud operators' reach, read from the database at every use of their tokens
  const operators = new OperatorsService(deps, new KyselyOperatorRepository(store.db), store.keystoneRoles);
  const operatorReach = { isOperator: (accountId: string, userId: string) => operators.isOperator(accountId, userId), domain: (id: string) => store.accounts.findById(id) };
  const tokens = new TokenService(new TokensService(deps, credentials, store.tokenRevocations, store.userAccounts), credentials, tokenKeys, clock, changes, ids, {
    ...(revocationCheck ? { revocationCheck } : {}),
    operators: operatorReach,
    // issue #16: read at each use of a token an application credential issued (services exist by then)
    applicationCredentialUsable: (id) => services.applicationCredentials.usable(id),
  });
  const accounts = new AccountsService(deps);
  const auditTrail = new AuditTrailService(deps, new KyselyAuditEventReader(store.db));
  const auditRetention = new AuditRetention(auditTrail, clock, config.auditRetentionMs);
  auditRetention.start(AUDIT_PRUNE_INTERVAL_MS, (err) => options.logger.error({ err }, 'audit retention failed'));
  const roles = new KeystoneRolesService(deps, store.keystoneRoles);
  const services: DialectServices = {
    accounts,
    users: new UsersService(deps, selfManagement),
    loginProfiles: new LoginProfilesService(deps),
    passwordPolicy: new PasswordPolicyService(deps),
    credentials,
    accessKeys,
    audit,
    authenticator: new RequestAuthenticator(new SigningKeyCache(accessKeys, clock, changes), clock, revocationCheck, sessionCredentials),
    groups: new GroupsService(deps),
    policies: new PoliciesService(deps),
    policyAttachments: new PolicyAttachmentsService(deps),
    inlinePolicies: new InlinePoliciesService(deps),
    simulator: new PolicySimulator(deps),
    authorizationMessages: new AuthorizationMessages(deps),
    tokens,
    auditTrail,
    accountReports: new AccountReportsService(deps, new KyselyCredentialReportStore(store.db), store.mfa.devices),
    clock,
    ids,
    projects: new ProjectsService(deps, store.projects),
    keystoneRoles: roles,
    grants: new GrantsService(deps, store.keystoneRoles, store.projects, roles),
    roles: new RolesService(deps),
    roleInlinePolicies: new RoleInlinePoliciesService(deps),
    assumeRole: new AssumeRoleService(deps, authorizer.sessions.roles, sessionCredentials, protection.mfaDevices),
    groupInlinePolicies: new GroupInlinePoliciesService(deps),
    mfaDevices: protection.mfaDevices,
    protectPolicy: protection.protectPolicy,
    accessControl: new AccessControlService(deps, accessControlLists),
    allowLists,
    loginPolicy: protection.loginPolicy,
    loginProtection: protection.loginProtection,
    operationProtection: protection.operationProtection,
    permissionsBoundaries: new PermissionsBoundariesService(deps),
    policyTags: new PolicyTagsService(deps),
    accountAliases: new AccountAliasesService(deps),
    userCredentials: new UserCredentialsService(deps),
    serverCertificates: new ServerCertificatesService(deps),
    contextKeyNames: new ContextKeyNamesService(deps),
    oidcProviders: new OidcProvidersService(deps),
    sessionTokens: new SessionTokenService(deps, sessionCredentials, protection.mfaDevices),
    agencies: new AgenciesService(deps, store.keystoneRoles),
    agencyGrants: new AgencyGrantsService(deps, store.keystoneRoles, store.projects, roles),
    sessionCredentials,
    catalog: new CatalogAdminService(deps, store.catalog),
    userExtras: new UserExtrasService(store.userExtras),
    roleBoundaries: new RoleBoundariesService(deps),
    instanceProfiles: new InstanceProfilesService(deps),
    samlProviders: new SamlProvidersService(deps),
    serviceLinkedRoles: new ServiceLinkedRolesService(deps),
    userTemporaryCredentials: new UserTemporaryCredentialsService(deps, sessionCredentials),
    domains: new DomainsService(deps, accounts, operators),
    operators,
    keystoneCredentials: new KeystoneCredentialsService(deps, store.keystoneCredentials, store.projects),
    applicationCredentials: new ApplicationCredentialsService(deps, store.applicationCredentials, store.projects, store.userAccounts),
    endpointGroups: new EndpointGroupsService(deps, store.endpointGroups),
    domainConfigs: new DomainConfigsService(deps, store.domainConfigs),
    policyBlobs: new PolicyBlobsService(deps, store.policyBlobs),
    oauthConsumers: new OauthConsumersService(deps, store.oauthConsumers),
    systemGrants: new SystemGrantsService(deps, store.keystoneRoles, roles),
  };
  // last: a composition that failed before this leaves no listening connection behind
  if (notifier) {
    await notifier.start();
    store.announceChangesWith(notifier);
  }
  const consoleSessions = new ConsoleSessionsService(deps, credentials, store.consoleSessions, store.signInAttempts, new RandomSessionTokens(), (accountId) => protection.loginPolicy.current(accountId), undefined, allowLists);
  return {
    config,
    store,
    services,
    consoleSessions,
    auditRetention,
    ...(testClock ? { testClock } : {}),
    ...(notifier ? { notifier, changeNotifications: notifier.stats } : {}),
    ...(revocationCheck ? { revocationCheck } : {}),
    ...(protection.testOutbox ? { testOutbox: protection.testOutbox } : {}),
    async close() {
      protection.close();
      await notifier?.stop();
      await auditRetention.stop();
      await audit.flush();
      await store.close();
    },
  };
}
