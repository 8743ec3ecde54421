import type { Account } from '../accounts/account.js';
import type { Change, ChangeFeed } from '../change-feed.js';
import { compilePolicySet, type AttachedPolicy, type CompiledPolicySet } from '../evaluation/compile.js';
import { parsePolicyDocument } from '../policies/parse.js';
import { systemPolicyById } from '../policies/system-policies.js';
import type { Clock, Repositories } from '../ports.js';
import { loadBoundary } from '../authorization/principal-policies.js';
import type { Tag } from '../users/user.js';
import type { Role } from './role.js';

/** A role's identity policies compiled once, with the row its sessions are checked against. */
export interface RolePolicies {
  account: Account;
  role: Role;
  /** managed and system policy ids attached to the role */
  policyIds: ReadonlySet<string>;
  policyNames: ReadonlyMap<string, string>;
  set: CompiledPolicySet;
  tags: readonly Tag[];
  /** the role's permissions boundary compiled (AWS PutRolePermissionsBoundary); null when it has none */
  boundary: CompiledPolicySet | null;
  /** the policy `boundary` was compiled from: a change to it drops the entry, as for `policyIds` */
  boundaryPolicyId: string | null;
}

/** SECURITY: what stands in for a stored document that no longer parses (see principal-policies.ts). */
export const DENY_ALL = parsePolicyDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}', 'aws');

/** Managed policies by id, compiled as AttachedPolicy entries (missing ones are skipped: they grant nothing). */
export async function loadManagedPolicies(repos: Repositories, accountId: string, ids: Iterable<string>, names: Map<string, string>): Promise<AttachedPolicy[]> {
  const out: AttachedPolicy[] = [];
  for (const policyId of ids) {
    const system = systemPolicyById(policyId);
    if (system) {
      names.set(system.id, system.names.aws);
      out.push({ id: system.id, document: system.document });
      continue;
    }
    const policy = await repos.policies.findById(accountId, policyId);
    const version = policy ? await repos.policies.findVersion(policy.id, policy.defaultVersionId) : undefined;
    if (!policy || !version) continue;
    names.set(policy.id, policy.name);
    const parsed = parsePolicyDocument(version.document, policy.syntax, { kind: 'managed' });
    if (parsed.ok) out.push({ id: policy.id, document: parsed.value });
    else if (DENY_ALL.ok) out.push({ id: policy.id, document: DENY_ALL.value });
  }
  return out;
}

export async function loadRolePolicies(repos: Repositories, accountId: string, roleId: string): Promise<RolePolicies | undefined> {
  const [account, role] = await Promise.all([repos.accounts.findById(accountId), repos.roles.findById(accountId, roleId)]);
  if (!account || !role) return undefined;
  const [attached, inline, tags, boundaryPolicyId] = await Promise.all([repos.roles.listAttached(roleId), repos.roles.listInline(roleId), repos.roles.listTags(roleId), repos.roleBoundaries.find(roleId)]);
  const names = new Map<string, string>();
  const policyIds = new Set(attached.map((a) => a.policyId));
  const policies = await loadManagedPolicies(repos, accountId, policyIds, names);
  for (const p of inline) {
    const id = `inline:${p.name}`;
    names.set(id, p.name);
    const parsed = parsePolicyDocument(p.document, p.syntax, { kind: 'inline-role' });
    if (parsed.ok) policies.push({ id, document: parsed.value });
    else if (DENY_ALL.ok) policies.push({ id, document: DENY_ALL.value });
  }
  // SECURITY: loadBoundary bounds everything when the boundary policy cannot be read (see principal-policies.ts)
  const boundary = boundaryPolicyId === undefined ? null : await loadBoundary(repos, accountId, boundaryPolicyId, names);
  return { account, role, policyIds, policyNames: names, set: compilePolicySet(policies), tags, boundary, boundaryPolicyId: boundaryPolicyId ?? null };
}

/**
 * Compiled role policies and the role row, per role. SECURITY: this is what a session's revocation
 * and its role's deletion are checked against on every call, so an entry is dropped by the `role`
 * change every write to the role announces after its commit (on this node at once, on the others as
 * the change feed carries it), and lives at most `ttlMs` should a notice be lost.
 */
export class RolePolicyCache {
  private readonly entries = new Map<string, { value: RolePolicies | undefined; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<RolePolicies | undefined>>();
  /** INVARIANT: bumped by every invalidation, so a load that raced a change is not cached */
  private generation = 0;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    changes: ChangeFeed,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {
    changes.subscribe((change) => this.invalidate(change));
  }

  /** The cached entry if fresh; synchronous, for the signed-request hot path. */
  peek(roleId: string): RolePolicies | undefined | null {
    const hit = this.entries.get(roleId);
    return hit && hit.expiresAt > this.clock.now() ? hit.value : null;
  }

  async get(accountId: string, roleId: string): Promise<RolePolicies | undefined> {
    const hit = this.peek(roleId);
    if (hit !== null) return hit?.account.id === accountId ? hit : undefined;
    const pending = this.loading.get(roleId);
    if (pending) return pending.then((v) => (v?.account.id === accountId ? v : undefined));
    const generation = this.generation;
    const load = loadRolePolicies(this.repos, accountId, roleId).finally(() => this.loading.delete(roleId));
    this.loading.set(roleId, load);
    const value = await load;
    if (generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(roleId, { value, expiresAt: this.clock.now() + this.ttlMs });
    }
    return value;
  }

  invalidate(change: Change): void {
    if (change.kind !== 'role' && change.kind !== 'policy' && change.kind !== 'account') return;
    this.generation++;
    this.loading.clear();
    for (const [roleId, entry] of this.entries) {
      const v = entry.value;
      const affected = change.kind === 'role' ? roleId === change.id : change.kind === 'account' ? v === undefined || v.account.id === change.id : v === undefined || v.policyIds.has(change.id) || v.boundaryPolicyId === change.id;
      if (affected) this.entries.delete(roleId);
    }
  }
}
