import type { Account } from '../../core/accounts/account.js';
import type { LoginProfileView } from '../../core/login-profiles/login-profile.js';
import type { TokenClaims } from '../../core/tokens/token.js';
import type { Group } from '../../core/users/group.js';
import type { User } from '../../core/users/user.js';
import type { TokenView } from '../../auth/tokens/token-service.js';
import type { Project } from '../../core/projects/project.js';
import type { Role } from '../../core/keystone-roles/role.js';
import { DEFAULT_REGION, type CatalogEntry } from '../../core/catalog/catalog.js';

/** Keystone times: ISO-8601 UTC with microseconds, `2024-01-03T03:04:05.000000Z` (token docs example). */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * `password_expires_at` is written without the zone letter, though it is UTC: Huawei KeystoneCreateUser
 * "YYYY-MM-DDTHH:mm:ss.ssssss, e.g. 2023-06-28T08:56:33.710000", as Keystone writes it in users and tokens.
 */
export function passwordExpiry(ms: number | null): string | null {
  return ms === null ? null : keystoneTime(ms).slice(0, -1);
}

/**
 * Huawei v3 user (KeystoneCreateUserResult / KeystoneShowUserResult): id, name, domain_id, enabled,
 * description, password_expires_at (null: never), pwd_status (true: the password must be changed at
 * the next sign-in), links.self.
 */
export function renderUser(user: User, profile: LoginProfileView | null, origin: string) {
  return {
    id: user.id,
    name: user.name,
    domain_id: user.accountId,
    enabled: user.enabled,
    description: user.description,
    password_expires_at: passwordExpiry(profile?.passwordExpiresAt ?? null),
    pwd_status: profile?.passwordResetRequired ?? false,
    links: { self: `${origin}/v3/users/${user.id}` },
  };
}

/** Huawei v3 group (KeystoneGroupResult): id, name, description, domain_id, create_time (epoch ms), links.self. */
export function renderGroup(group: Group, origin: string) {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    domain_id: group.accountId,
    create_time: group.createdAt,
    links: { self: `${origin}/v3/groups/${group.id}` },
  };
}

/** Huawei v3 `Domains` (GET /v3/auth/domains) and Keystone's domain: an account is a domain. */
export function renderDomain(account: Account, origin: string) {
  return {
    id: account.id,
    name: account.name,
    description: account.description,
    enabled: account.enabled,
    tags: [],
    options: {},
    links: { self: `${origin}/v3/domains/${account.id}` },
  };
}

/** Fixed ids of the one service and its endpoints in the catalog: nothing else is published here. */
const CATALOG_IDS = {
  service: 'c3a7d5e2b1f04a6c9d8e7f6a5b4c3d21',
  public: '0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5',
  internal: '1b2c3d4e5f6a47b8c9d0e1f2a3b4c5d6',
  admin: '2c3d4e5f6a7b48c9d0e1f2a3b4c5d6e7',
} as const;

/**
 * Keystone token body (Huawei "Obtaining an IAM User Token", TokenResult): methods, user (with its
 * domain and password_expires_at), audit_ids, issued_at, expires_at, the domain when scoped to one,
 * roles, and a catalog naming this server's IAM endpoint as the `identity` service.
 */
export function renderToken(view: TokenView, options: { origin: string; catalog: boolean; roles: Role[]; project?: Project; entries?: CatalogEntry[]; scopedDomain?: Account }) {
  const { claims, subject } = view;
  const domain = { id: subject.account.id, name: subject.account.name };
  const scoped = claims.scope === 'domain';
  // an operator's token on another domain names that domain (issue #16); Keystone `system: {all: true}`
  const scopeDomain = options.scopedDomain ? { id: options.scopedDomain.id, name: options.scopedDomain.name } : domain;
  const project = options.project;
  return {
    token: {
      methods: claims.methods,
      user: {
        id: subject.user.id,
        name: subject.user.name,
        domain,
        password_expires_at: passwordExpiry(subject.passwordExpiresAt),
      },
      audit_ids: [auditId(claims)],
      issued_at: keystoneTime(claims.issuedAt),
      expires_at: keystoneTime(claims.expiresAt),
      ...(scoped ? { domain: scopeDomain } : {}),
      ...(claims.scope === 'system' ? { system: { all: true } } : {}),
      ...(project ? { project: { id: project.id, name: project.name, domain } } : {}),
      // Keystone renders `roles` for scoped tokens only: an unscoped token has no key at all (tempest test_rescope_token)
      ...(claims.scope === 'unscoped' ? {} : { roles: options.roles.map((role) => ({ id: role.id, name: role.name })) }),
      ...(options.catalog ? { catalog: catalog(options.origin, options.entries) } : {}),
    },
  };
}

/** Keystone audit ids: the token id as 22 characters of unpadded base64url. */
function auditId(claims: TokenClaims): string {
  return Buffer.from(claims.tokenId, 'hex').toString('base64url');
}

/**
 * The catalog: this server's IAM endpoint as the `identity` service in Keystone's default region
 * (`RegionOne`, which tempest and openstackclient look endpoints up by).
 */
export function catalog(origin: string, entries: CatalogEntry[] = []) {
  const url = `${origin}/v3`;
  const endpoint = (iface: 'public' | 'internal' | 'admin') => ({ id: CATALOG_IDS[iface], interface: iface, region: DEFAULT_REGION, region_id: DEFAULT_REGION, url });
  const own = { id: CATALOG_IDS.service, type: 'identity', name: 'iam', endpoints: [endpoint('public'), endpoint('internal'), endpoint('admin')] };
  // the account's own services (POST /v3/services, /v3/endpoints) follow this server's
  const added = entries.map(({ service, endpoints }) => ({
    id: service.id,
    type: service.type,
    name: service.name,
    endpoints: endpoints.map((e) => ({ id: e.id, interface: e.interface, region: e.regionId, region_id: e.regionId, url: e.url })),
  }));
  return [own, ...added];
}
