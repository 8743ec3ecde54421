import { Actions } from '../authorization/actions.js';
import { policyUsageCounts } from './policy-usage.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { DeleteConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../errors.js';
import type { Page } from '../ports.js';
import type { CallContext } from '../principal.js';
import type { PolicySyntax } from './document.js';
import {
  policyResource,
  requireCustomPolicy,
  requirePolicy,
  systemVersionOf,
  versionViewOf,
  viewOf,
  type PolicyRef,
  type PolicyVersionView,
  type PolicyView,
} from './policy-ref.js';
import { POLICY_LIMITS, versionIdOf, type ManagedPolicy, type PolicyVersion } from './policy.js';
import { SYSTEM_POLICIES } from './system-policies.js';
import { validatePolicyDocument } from './validate.js';
import { policyPage } from './policy-pages.js';
import { OffsetPages } from '../users/offset-pages.js';
import { checkTagSet } from '../users/users-service.js';
import type { Tag } from '../users/user.js';

export interface CreatePolicyInput {
  name: string;
  /** AWS path, `/` by default */
  path?: string;
  description?: string;
  /** the vendor syntax the document is written in, and validated against */
  syntax: PolicySyntax;
  document: string;
  /** AWS CreatePolicy Tags.member.N: the users' tag rules (50, unique keys case-insensitively) */
  tags?: Tag[];
}

export interface PolicyListQuery {
  /** AWS ListPolicies Scope: All, AWS (system) or Local (custom); Volcengine PolicyType */
  scope?: 'all' | 'custom' | 'system';
  /** AWS PathPrefix, case-sensitive */
  pathPrefix?: string;
  /** AWS OnlyAttached: only policies in use in the account (attached to a user or group, or a user's permissions boundary) */
  onlyAttached?: boolean;
  /**
   * AWS PolicyUsageFilter: `permissions-boundary` keeps only policies some user has as its boundary;
   * `permissions-policy` makes OnlyAttached count attachments alone
   */
  usage?: 'permissions-policy' | 'permissions-boundary';
  limit: number;
  /** opaque continuation from a previous page */
  marker?: string;
  /** Volcengine ListPolicies Offset: served by keyset seeks (core/users/offset-pages.ts) */
  offset?: number;
}

export interface CreatedPolicy {
  policy: PolicyView;
  version: PolicyVersionView;
}

/** Customer managed identity policies and their versions; system policies are read-only. */
export class PoliciesService {
  /** where offset pages start (Volcengine ListPolicies Offset), dropped by policy creates and deletes */
  private readonly offsets: OffsetPages;

  constructor(private readonly deps: CoreDeps) {
    this.offsets = new OffsetPages(deps.clock, deps.changes, { kinds: ['policy', 'account'] });
  }

  /** @throws access-denied | already-exists | invalid-input | limit-exceeded */
  create(ctx: CallContext, input: CreatePolicyInput): Promise<CreatedPolicy> {
    const { store, clock, ids } = this.deps;
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(this.deps, ctx, Actions.createPolicy, { type: 'policy', accountId, name: input.name }, async () => {
      checkTagSet(tags, 'policy');
      validatePolicyDocument(input.document, input.syntax, 'managed');
      const now = clock.now();
      const policy: ManagedPolicy = {
        id: ids.hexId(),
        accountId,
        name: input.name,
        path: input.path ?? '/',
        description: input.description ?? '',
        syntax: input.syntax,
        defaultVersionId: versionIdOf(1),
        latestVersion: 1,
        // AWS PolicyId: `ANPA` + 17 upper-case alphanumerics, the alphabet of a user's `AIDA` id
        awsId: ids.awsUserId().replace(/^AIDA/, 'ANPA'),
        createdAt: now,
        updatedAt: now,
      };
      const version: PolicyVersion = { policyId: policy.id, versionId: policy.defaultVersionId, document: input.document, createdAt: now };
      await store.transaction(async (tx) => {
        if ((await tx.policies.count(accountId)) >= POLICY_LIMITS.customPoliciesPerAccount) {
          throw new LimitExceededError('policy', POLICY_LIMITS.customPoliciesPerAccount, 'account');
        }
        await tx.policies.create(policy, version);
        await tx.resourceTags.put('policy', policy.id, tags);
      });
      // a create announces no change: every remembered offset after its name moved
      this.offsets.clear();
      return { policy: { ...viewOf({ scope: 'custom', policy }, 0), tags }, version: versionViewOf(version, policy.defaultVersionId) };
    }, { requestTags: tags });
  }

  /**
   * A custom or system policy; `withDocument` adds the version in force, as one read (Volcengine
   * GetPolicy returns both under `iam:GetPolicy` alone). @throws access-denied | not-found
   */
  get(ctx: CallContext, ref: PolicyRef): Promise<PolicyView>;
  get(ctx: CallContext, ref: PolicyRef, options: { withDocument: true }): Promise<CreatedPolicy>;
  get(ctx: CallContext, ref: PolicyRef, options?: { withDocument: true }): Promise<PolicyView | CreatedPolicy> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getPolicy, policyResource(accountId, ref), async (): Promise<PolicyView | CreatedPolicy> => {
      const resolved = await requirePolicy(store, accountId, ref);
      const { attached, bounded } = await policyUsageCounts(store, accountId);
      const tags = resolved.scope === 'custom' ? await store.resourceTags.list('policy', resolved.policy.id) : [];
      const policy = { ...viewOf(resolved, attached.get(resolved.policy.id) ?? 0, bounded.get(resolved.policy.id) ?? 0), tags };
      if (!options?.withDocument) return policy;
      if (resolved.scope === 'system') return { policy, version: systemVersionOf(resolved.policy) };
      const version = await store.policies.findVersion(resolved.policy.id, resolved.policy.defaultVersionId);
      if (!version) throw new NotFoundError('policy-version', resolved.policy.defaultVersionId);
      return { policy, version: versionViewOf(version, resolved.policy.defaultVersionId) };
    });
  }

  /**
   * Custom and system policies ordered by lowercased name, one keyset page (core/policies/policy-pages.ts);
   * with `offset`, also `total`. @throws access-denied | invalid-input (marker)
   */
  list(ctx: CallContext, query: PolicyListQuery): Promise<Page<PolicyView> & { total?: number }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listPolicies, { type: 'policy', accountId }, async () => {
      const scope = query.scope ?? 'all';
      const counts = await policyUsageCounts(store, accountId);
      const inUse = (v: PolicyView) =>
        query.usage === 'permissions-policy' ? v.attachmentCount > 0 : query.usage === 'permissions-boundary' ? v.boundaryUsageCount > 0 : v.attachmentCount + v.boundaryUsageCount > 0;
      const filtered = query.onlyAttached || query.usage === 'permissions-boundary';
      const keep = (v: PolicyView) => !filtered || inUse(v);
      const base = { scope, keep, ...(query.pathPrefix !== undefined ? { pathPrefix: query.pathPrefix } : {}) };
      const { offset, limit } = query;
      if (offset === undefined) return policyPage(store, accountId, { ...base, limit, ...(query.marker !== undefined ? { marker: query.marker } : {}) }, counts);
      // usage filters change with every attachment, which moves no remembered position: offsets page without them only
      if (filtered) throw new InvalidInputError('offset', 'cannot be combined with a usage filter');
      const scopeKey = `${accountId}/${scope}/${query.pathPrefix ?? ''}`;
      const page = await this.offsets.page(scopeKey, offset, limit, (at) => policyPage(store, accountId, { ...base, ...at }, counts));
      const total = await this.offsets.total(scopeKey, async () => {
        if (query.pathPrefix !== undefined) return countAll((at) => policyPage(store, accountId, { ...base, ...at }, counts));
        const system = scope === 'custom' ? 0 : SYSTEM_POLICIES.length;
        return system + (scope === 'system' ? 0 : await store.policies.count(accountId));
      });
      return { ...page, total };
    });
  }

  /**
   * Changes the description and/or replaces the document in force (Volcengine UpdatePolicy, whose
   * policies have no versions): the new document becomes a new default version and the old default
   * goes, in one command under the update action.
   * @throws access-denied | not-found | invalid-input | limit-exceeded (document size)
   */
  update(ctx: CallContext, ref: PolicyRef, input: { description?: string; document?: string }): Promise<CreatedPolicy> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updatePolicy, policyResource(accountId, ref), async () => {
      const target = await requireCustomPolicy(store, accountId, ref);
      if (input.document !== undefined) validatePolicyDocument(input.document, target.syntax, 'managed');
      const result = await store.transaction(async (tx) => {
        const policy = await requireCustomPolicy(tx, accountId, { id: target.id });
        const now = clock.now();
        let updated: ManagedPolicy = { ...policy, description: input.description ?? policy.description, updatedAt: now };
        if (input.document !== undefined) {
          const version: PolicyVersion = { policyId: policy.id, versionId: versionIdOf(policy.latestVersion + 1), document: input.document, createdAt: now };
          await tx.policies.addVersion(version);
          updated = { ...updated, latestVersion: policy.latestVersion + 1, defaultVersionId: version.versionId };
          await tx.policies.update(updated);
          await tx.policies.deleteVersion(policy.id, policy.defaultVersionId);
        } else {
          await tx.policies.update(updated);
        }
        const current = await tx.policies.findVersion(policy.id, updated.defaultVersionId);
        if (!current) throw new NotFoundError('policy-version', updated.defaultVersionId);
        const count = (await tx.policies.attachmentCounts(accountId)).get(policy.id) ?? 0;
        return { policy: viewOf({ scope: 'custom', policy: updated }, count), version: versionViewOf(current, updated.defaultVersionId) };
      });
      if (input.document !== undefined) this.deps.changes.emit({ kind: 'policy', id: target.id });
      return result;
    });
  }

  /**
   * Deletes a custom policy. One still attached is a conflict everywhere; one with non-default
   * versions is a conflict without `cascade` (AWS DeletePolicy) and loses them with it (Huawei).
   * @throws access-denied | not-found | delete-conflict | invalid-input
   */
  delete(ctx: CallContext, ref: PolicyRef, options: { cascade: boolean }): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deletePolicy, policyResource(accountId, ref), async () => {
      const id = await store.transaction(async (tx) => {
        const policy = await requireCustomPolicy(tx, accountId, ref);
        if ((await tx.policies.listEntities(accountId, policy.id)).length > 0) throw new DeleteConflictError('policy', policy.name, ['policy-attachments']);
        // AWS DeletePolicy: "you must first detach the policy from all users, groups, and roles"
        // AWS DeletePolicy: a policy that is some entity's permissions boundary is in use too
        if ((await tx.users.listByPermissionsBoundary(accountId, policy.id)).length > 0) throw new DeleteConflictError('policy', policy.name, ['policy-attachments']);
        // roles too: attached to one, or bounding one (issue #15)
        if ((await tx.roles.listRolesForPolicy(accountId, policy.id)).length > 0 || (await tx.roleBoundaries.listRoleIds(accountId, policy.id)).length > 0) {
          throw new DeleteConflictError('policy', policy.name, ['policy-attachments']);
        }
        if (!options.cascade && (await tx.policies.listVersions(policy.id)).length > 1) throw new DeleteConflictError('policy', policy.name, ['policy-versions']);
        await tx.policies.delete(accountId, policy.id);
        await tx.resourceTags.removeAll('policy', policy.id);
        return policy.id;
      });
      this.deps.changes.emit({ kind: 'policy', id });
    });
  }

  /**
   * Adds a version (`v<n>`, never reused), optionally making it the default.
   * @throws access-denied | not-found | invalid-input | limit-exceeded (5 versions per policy)
   */
  createVersion(ctx: CallContext, ref: PolicyRef, input: { document: string; setAsDefault: boolean }): Promise<PolicyVersionView> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createPolicyVersion, policyResource(accountId, ref), async () => {
      const target = await requireCustomPolicy(store, accountId, ref);
      validatePolicyDocument(input.document, target.syntax, 'managed');
      const view = await store.transaction(async (tx) => {
        const policy = await requireCustomPolicy(tx, accountId, { id: target.id });
        if ((await tx.policies.listVersions(policy.id)).length >= POLICY_LIMITS.versionsPerPolicy) {
          throw new LimitExceededError('policy-version', POLICY_LIMITS.versionsPerPolicy, 'policy');
        }
        const now = clock.now();
        const version: PolicyVersion = { policyId: policy.id, versionId: versionIdOf(policy.latestVersion + 1), document: input.document, createdAt: now };
        await tx.policies.addVersion(version);
        const defaultVersionId = input.setAsDefault ? version.versionId : policy.defaultVersionId;
        await tx.policies.update({ ...policy, latestVersion: policy.latestVersion + 1, defaultVersionId, updatedAt: now });
        return versionViewOf(version, defaultVersionId);
      });
      if (input.setAsDefault) this.deps.changes.emit({ kind: 'policy', id: target.id });
      return view;
    });
  }

  /** @throws access-denied | not-found */
  getVersion(ctx: CallContext, ref: PolicyRef, versionId: string): Promise<PolicyVersionView> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getPolicyVersion, policyResource(accountId, ref), async () => {
      const resolved = await requirePolicy(store, accountId, ref);
      if (resolved.scope === 'system') {
        if (versionId !== resolved.policy.defaultVersionId) throw new NotFoundError('policy-version', versionId);
        return systemVersionOf(resolved.policy);
      }
      const version = await store.policies.findVersion(resolved.policy.id, versionId);
      if (!version) throw new NotFoundError('policy-version', versionId);
      return versionViewOf(version, resolved.policy.defaultVersionId);
    });
  }

  /** Oldest first. @throws access-denied | not-found */
  listVersions(ctx: CallContext, ref: PolicyRef): Promise<PolicyVersionView[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listPolicyVersions, policyResource(accountId, ref), async () => {
      const resolved = await requirePolicy(store, accountId, ref);
      if (resolved.scope === 'system') return [systemVersionOf(resolved.policy)];
      return (await store.policies.listVersions(resolved.policy.id)).map((v) => versionViewOf(v, resolved.policy.defaultVersionId));
    });
  }

  /** The default version cannot be deleted. @throws access-denied | not-found | delete-conflict | invalid-input */
  deleteVersion(ctx: CallContext, ref: PolicyRef, versionId: string): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deletePolicyVersion, policyResource(accountId, ref), () =>
      store.transaction(async (tx) => {
        const policy = await requireCustomPolicy(tx, accountId, ref);
        if (versionId === policy.defaultVersionId) throw new DeleteConflictError('policy-version', versionId, ['default-version']);
        if (!(await tx.policies.deleteVersion(policy.id, versionId))) throw new NotFoundError('policy-version', versionId);
      }),
    );
  }

  /** Makes a version the one in force, for every user and group the policy is attached to. @throws access-denied | not-found | invalid-input */
  setDefaultVersion(ctx: CallContext, ref: PolicyRef, versionId: string): Promise<void> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.setDefaultPolicyVersion, policyResource(accountId, ref), async () => {
      const id = await store.transaction(async (tx) => {
        const policy = await requireCustomPolicy(tx, accountId, ref);
        if (!(await tx.policies.findVersion(policy.id, versionId))) throw new NotFoundError('policy-version', versionId);
        await tx.policies.update({ ...policy, defaultVersionId: versionId, updatedAt: clock.now() });
        return policy.id;
      });
      this.deps.changes.emit({ kind: 'policy', id });
    });
  }
}

/** Policies merge system and custom ones, so they page here, by lowercased name (then id), with core's own marker. */

/** the length of a filtered list, walked page by page (a path prefix over at most the quota's policies) */
async function countAll(list: (at: { limit: number; marker?: string }) => Promise<Page<unknown>>): Promise<number> {
  let total = 0;
  let marker: string | undefined;
  do {
    const page = await list({ limit: 1000, ...(marker !== undefined ? { marker } : {}) });
    total += page.items.length;
    marker = page.nextMarker;
  } while (marker !== undefined);
  return total;
}
