import { InvalidInputError } from '../errors.js';
import type { Repositories } from '../ports.js';
import { findPolicy, systemVersionOf, versionViewOf, viewOf, type PolicyVersionView, type PolicyView } from '../policies/policy-ref.js';
import { SYSTEM_POLICIES, systemPolicyById } from '../policies/system-policies.js';
import type { Role } from '../roles/role.js';
import type { Group } from '../users/group.js';
import type { Tag, User } from '../users/user.js';

/** AWS GetAccountAuthorizationDetails `Filter`: User, Role, Group, LocalManagedPolicy, AWSManagedPolicy */
export type AuthorizationEntityKind = 'user' | 'role' | 'group' | 'local-policy' | 'system-policy';

/** An inline policy as written (name and document) */
export interface InlinePolicyDetail {
  name: string;
  document: string;
}

export interface UserDetail {
  user: User;
  inlinePolicies: InlinePolicyDetail[];
  groupNames: string[];
  attached: PolicyView[];
  boundary: PolicyView | null;
  tags: Tag[];
}

export interface GroupDetail {
  group: Group;
  inlinePolicies: InlinePolicyDetail[];
  attached: PolicyView[];
}

export interface RoleDetail {
  role: Role;
  inlinePolicies: InlinePolicyDetail[];
  attached: PolicyView[];
  tags: Tag[];
}

export interface PolicyDetail {
  /** `attachmentCount` counts users, groups and roles, as AWS's AttachmentCount does */
  policy: PolicyView;
  versions: PolicyVersionView[];
}

export interface AuthorizationDetails {
  users: UserDetail[];
  groups: GroupDetail[];
  roles: RoleDetail[];
  policies: PolicyDetail[];
  /** opaque: the next page starts after the last entity of this one */
  nextMarker?: string;
}

type EntityKey = { kind: 'user'; user: User } | { kind: 'group'; group: Group } | { kind: 'role'; role: Role } | { kind: 'policy'; id: string };

/**
 * Every user (not the root), group, role and policy of the account with their relationships, in AWS's
 * order (users, groups, roles, policies), one page of `limit` entities after `marker`. Only the
 * entities of the page are read in detail; the lists of the others are ids and names only. AWS managed
 * (system) policies appear only when attached to something in the account, as AWS lists "the AWS
 * managed policies that are attached".
 * @throws invalid-input (marker)
 */
export async function readAuthorizationDetails(
  store: Repositories,
  accountId: string,
  kinds: ReadonlySet<AuthorizationEntityKind>,
  query: { limit: number; marker?: string },
): Promise<AuthorizationDetails> {
  const keys = await entityKeys(store, accountId, kinds);
  let start = 0;
  if (query.marker !== undefined) {
    const after = decodeMarker(query.marker);
    const index = after === undefined ? -1 : keys.findIndex((key) => keyText(key) === after);
    if (index === -1) throw new InvalidInputError('marker', 'is not a marker from a previous page');
    start = index + 1;
  }
  const page = keys.slice(start, start + query.limit);
  const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  const policies = new PolicyViews(store, accountId);
  for (const key of page) {
    if (key.kind === 'user') details.users.push(await userDetail(store, policies, key.user));
    else if (key.kind === 'group') details.groups.push(await groupDetail(store, policies, key.group));
    else if (key.kind === 'role') details.roles.push(await roleDetail(store, policies, key.role));
    else {
      // a policy deleted since the listing is left out
      const detail = await policyDetail(store, policies, key.id);
      if (detail) details.policies.push(detail);
    }
  }
  const last = page[page.length - 1];
  if (start + query.limit < keys.length && last !== undefined) details.nextMarker = encodeMarker(keyText(last));
  return details;
}

async function entityKeys(store: Repositories, accountId: string, kinds: ReadonlySet<AuthorizationEntityKind>): Promise<EntityKey[]> {
  const keys: EntityKey[] = [];
  if (kinds.has('user')) {
    let marker: string | undefined;
    do {
      const page = await store.users.list(accountId, { limit: 1000, ...(marker ? { marker } : {}) });
      for (const user of page.items) if (!user.isRoot) keys.push({ kind: 'user', user });
      marker = page.nextMarker;
    } while (marker);
  }
  if (kinds.has('group')) {
    let marker: string | undefined;
    do {
      const page = await store.groups.list(accountId, { limit: 1000, ...(marker ? { marker } : {}) });
      for (const group of page.items) keys.push({ kind: 'group', group });
      marker = page.nextMarker;
    } while (marker);
  }
  if (kinds.has('role')) for (const role of await store.roles.listAll(accountId)) keys.push({ kind: 'role', role });
  if (kinds.has('local-policy')) for (const policy of await store.policies.listAll(accountId)) keys.push({ kind: 'policy', id: policy.id });
  if (kinds.has('system-policy')) {
    const counts = await store.policies.attachmentCounts(accountId);
    const bounded = await store.users.permissionsBoundaryCounts(accountId);
    for (const policy of SYSTEM_POLICIES) {
      const used = (counts.get(policy.id) ?? 0) + (bounded.get(policy.id) ?? 0) > 0 || (await store.roles.listRolesForPolicy(accountId, policy.id)).length > 0;
      if (used) keys.push({ kind: 'policy', id: policy.id });
    }
  }
  return keys;
}

function keyText(key: EntityKey): string {
  switch (key.kind) {
    case 'user':
      return `user:${key.user.id}`;
    case 'group':
      return `group:${key.group.id}`;
    case 'role':
      return `role:${key.role.id}`;
    case 'policy':
      return `policy:${key.id}`;
  }
}

function encodeMarker(key: string): string {
  return Buffer.from(`aad:${key}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string | undefined {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  return text.startsWith('aad:') ? text.slice(4) : undefined;
}

/** Policy views of one page, each read once however many entities name it. */
class PolicyViews {
  private readonly views = new Map<string, Promise<PolicyView | undefined>>();
  private counts: Promise<{ attached: Map<string, number>; bounded: Map<string, number> }> | undefined;

  constructor(
    private readonly store: Repositories,
    private readonly accountId: string,
  ) {}

  /** undefined when the policy went between the listing and this read */
  view(id: string): Promise<PolicyView | undefined> {
    let view = this.views.get(id);
    if (!view) {
      view = this.read(id);
      this.views.set(id, view);
    }
    return view;
  }

  async list(ids: string[]): Promise<PolicyView[]> {
    const views: PolicyView[] = [];
    for (const id of ids) {
      const view = await this.view(id);
      if (view) views.push(view);
    }
    return views;
  }

  private async read(id: string): Promise<PolicyView | undefined> {
    const resolved = await findPolicy(this.store, this.accountId, { id });
    if (!resolved) return undefined;
    this.counts ??= Promise.all([this.store.policies.attachmentCounts(this.accountId), this.store.users.permissionsBoundaryCounts(this.accountId)]).then(([attached, bounded]) => ({ attached, bounded }));
    const { attached, bounded } = await this.counts;
    // AWS AttachmentCount: "the number of entities (users, groups, and roles) that the policy is attached to"
    const roles = (await this.store.roles.listRolesForPolicy(this.accountId, id)).length;
    return viewOf(resolved, (attached.get(id) ?? 0) + roles, bounded.get(id) ?? 0);
  }
}

async function userDetail(store: Repositories, policies: PolicyViews, user: User): Promise<UserDetail> {
  const [inline, groups, attachments, tags] = await Promise.all([
    store.policies.listInline(user.id),
    store.groups.listGroupsForUser(user.id),
    store.policies.listAttached({ type: 'user', id: user.id }),
    store.users.listTags(user.id),
  ]);
  return {
    user,
    inlinePolicies: inline.map((p) => ({ name: p.name, document: p.document })),
    groupNames: groups.map((g) => g.name),
    attached: await policies.list(attachments.map((a) => a.policyId)),
    boundary: user.permissionsBoundaryId === null ? null : ((await policies.view(user.permissionsBoundaryId)) ?? null),
    tags,
  };
}

async function groupDetail(store: Repositories, policies: PolicyViews, group: Group): Promise<GroupDetail> {
  const [inline, attachments] = await Promise.all([store.policies.listGroupInline(group.id), store.policies.listAttached({ type: 'group', id: group.id })]);
  return { group, inlinePolicies: inline.map((p) => ({ name: p.name, document: p.document })), attached: await policies.list(attachments.map((a) => a.policyId)) };
}

async function roleDetail(store: Repositories, policies: PolicyViews, role: Role): Promise<RoleDetail> {
  const [inline, attachments, tags] = await Promise.all([store.roles.listInline(role.id), store.roles.listAttached(role.id), store.roles.listTags(role.id)]);
  return { role, inlinePolicies: inline.map((p) => ({ name: p.name, document: p.document })), attached: await policies.list(attachments.map((a) => a.policyId)), tags };
}

async function policyDetail(store: Repositories, policies: PolicyViews, id: string): Promise<PolicyDetail | undefined> {
  const view = await policies.view(id);
  if (!view) return undefined;
  const system = systemPolicyById(id);
  if (system) return { policy: view, versions: [systemVersionOf(system)] };
  const versions = await store.policies.listVersions(id);
  return { policy: view, versions: versions.map((v) => versionViewOf(v, view.defaultVersionId)) };
}
