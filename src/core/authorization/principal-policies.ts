import type { Account } from '../accounts/account.js';
import type { Change, ChangeFeed } from '../change-feed.js';
import { compilePolicySet, type AttachedPolicy, type CompiledPolicySet } from '../evaluation/compile.js';
import type { PolicyKind } from '../policies/limits.js';
import { parsePolicyDocument } from '../policies/parse.js';
import type { PolicySyntax } from '../policies/document.js';
import { systemPolicyById } from '../policies/system-policies.js';
import type { Clock, Repositories } from '../ports.js';
import type { Tag, User } from '../users/user.js';
import { cacheCounter } from '../caching/cache-stats.js';

/** A user's identity policies, compiled once: what the authorizer evaluates every call of the user against. */
export interface PrincipalPolicies {
  account: Account;
  user: User;
  groupIds: ReadonlySet<string>;
  /** managed and system policy ids attached to the user or its groups */
  policyIds: ReadonlySet<string>;
  /** the id of every policy in `set` (`inline:<name>` for inline ones) -> its name, for explanations */
  policyNames: ReadonlyMap<string, string>;
  set: CompiledPolicySet;
  /** the user's permissions boundary compiled (AWS PutUserPermissionsBoundary); null when it has none */
  boundary: CompiledPolicySet | null;
  /** the policy `boundary` was compiled from: a change to it drops the entry, as for `policyIds` */
  boundaryPolicyId: string | null;
  /** the user's tags (`PrincipalTag/<k>`); a tag change is a `user` change, which drops the entry */
  tags: readonly Tag[];
}

/** SECURITY: what stands in for a stored document that no longer parses (a stricter parser, a bad row). */
const DENY_ALL = parsePolicyDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}', 'aws');

function parseStored(text: string, syntax: PolicySyntax, kind: PolicyKind): AttachedPolicy['document'] | null {
  const parsed = parsePolicyDocument(text, syntax, { kind });
  return parsed.ok ? parsed.value : null;
}

/**
 * Reads the user, its tags, its groups, the managed and system policies attached to either (each once,
 * in its default version) and its inline policies. A stored document that fails to parse is replaced by a
 * deny-all statement: skipping it could drop a Deny and so grant what it denied.
 */
export async function loadPrincipalPolicies(repos: Repositories, accountId: string, userId: string): Promise<PrincipalPolicies | undefined> {
  const [account, user] = await Promise.all([repos.accounts.findById(accountId), repos.users.findById(accountId, userId)]);
  if (!account || !user) return undefined;
  const [groups, tags] = await Promise.all([repos.groups.listGroupsForUser(userId), repos.users.listTags(userId)]);
  const attachments = [
    ...(await repos.policies.listAttached({ type: 'user', id: userId })),
    ...(await Promise.all(groups.map((g) => repos.policies.listAttached({ type: 'group', id: g.id })))).flat(),
  ];
  const policies: AttachedPolicy[] = [];
  const names = new Map<string, string>();
  const add = (id: string, name: string, document: AttachedPolicy['document'] | null) => {
    names.set(id, name);
    if (document) policies.push({ id, document });
    else if (DENY_ALL.ok) policies.push({ id, document: DENY_ALL.value });
  };
  const policyIds = new Set<string>();
  for (const { policyId } of attachments) {
    if (policyIds.has(policyId)) continue;
    policyIds.add(policyId);
    const system = systemPolicyById(policyId);
    if (system) {
      add(system.id, system.names.aws, system.document);
      continue;
    }
    const policy = await repos.policies.findById(accountId, policyId);
    const version = policy ? await repos.policies.findVersion(policy.id, policy.defaultVersionId) : undefined;
    if (!policy || !version) continue;
    add(policy.id, policy.name, parseStored(version.document, policy.syntax, 'managed'));
  }
  for (const inline of await repos.policies.listInline(userId)) {
    add(`inline:${inline.name}`, inline.name, parseStored(inline.document, inline.syntax, 'inline-user'));
  }
  // AWS "Policies and permissions": a group's inline policies govern its members, like its attached ones
  for (const group of groups) {
    for (const inline of await repos.policies.listGroupInline(group.id)) {
      add(`group-inline:${group.id}:${inline.name}`, inline.name, parseStored(inline.document, inline.syntax, 'inline-group'));
    }
  }
  const boundary = user.permissionsBoundaryId === null ? null : await loadBoundary(repos, accountId, user.permissionsBoundaryId, names);
  return {
    account,
    user,
    groupIds: new Set(groups.map((g) => g.id)),
    policyIds,
    policyNames: names,
    set: compilePolicySet(policies),
    boundary,
    boundaryPolicyId: user.permissionsBoundaryId,
    tags,
  };
}

/**
 * The boundary's default version, compiled on its own. SECURITY: a boundary that cannot be read (its
 * policy gone, its document no longer parsing) bounds everything: dropping it would widen the user's
 * permissions to its identity policies alone.
 */
export async function loadBoundary(repos: Repositories, accountId: string, policyId: string, names: Map<string, string>): Promise<CompiledPolicySet> {
  const system = systemPolicyById(policyId);
  let document: AttachedPolicy['document'] | null = null;
  if (system) {
    names.set(system.id, system.names.aws);
    document = system.document;
  } else {
    const policy = await repos.policies.findById(accountId, policyId);
    const version = policy ? await repos.policies.findVersion(policy.id, policy.defaultVersionId) : undefined;
    if (policy) names.set(policy.id, policy.name);
    if (policy && version) document = parseStored(version.document, policy.syntax, 'managed');
  }
  if (document) return compilePolicySet([{ id: policyId, document }]);
  return compilePolicySet(DENY_ALL.ok ? [{ id: policyId, document: DENY_ALL.value }] : []);
}

interface Entry {
  value: PrincipalPolicies | undefined;
  expiresAt: number;
}

export interface PrincipalCacheOptions {
  /** bounds staleness when a change notice is lost; the change feed makes changes visible at once */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * Compiled policies per principal (issue #5 "Performance"). Entries drop when the change feed reports
 * a change to the user, one of its groups, its memberships, its attachments or a policy it holds; on
 * PostgreSQL the feed carries other nodes' changes too (store/change-log.ts).
 */
export class PrincipalPolicyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<PrincipalPolicies | undefined>>();
  private readonly counter = cacheCounter('principal-policies');
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  /** INVARIANT: bumped by every invalidation, so a load that raced a change is not cached */
  private generation = 0;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    changes: ChangeFeed,
    options: PrincipalCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    changes.subscribe((change) => this.invalidate(change));
  }

  /** The user's compiled policies; undefined when the user or its account does not exist. */
  async get(accountId: string, userId: string): Promise<PrincipalPolicies | undefined> {
    const key = `${accountId}/${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.clock.now()) {
      this.counter.hits++;
      return hit.value;
    }
    this.counter.misses++;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const load = loadPrincipalPolicies(this.repos, accountId, userId).finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    const value = await load;
    if (generation === this.generation) {
      if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
        this.entries.delete(this.entries.keys().next().value as string);
        this.counter.evictions++;
      }
      this.entries.set(key, { value, expiresAt: this.clock.now() + this.ttlMs });
    }
    return value;
  }

  /** Drops every entry the change may affect. */
  invalidate(change: Change): void {
    this.generation++;
    this.loading.clear();
    const { id } = change;
    for (const [key, entry] of this.entries) {
      const v = entry.value;
      const affected =
        change.kind === 'account'
          ? key.startsWith(`${id}/`)
          : key.endsWith(`/${id}`) || (v !== undefined && (v.groupIds.has(id) || v.policyIds.has(id) || v.boundaryPolicyId === id));
      if (affected) this.entries.delete(key);
    }
  }

  /** For tests and operators: forget everything. */
  clear(): void {
    this.generation++;
    this.loading.clear();
    this.entries.clear();
  }
}
