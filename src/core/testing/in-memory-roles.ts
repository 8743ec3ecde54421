import type { ListQuery, Page, RoleListFilter, RoleRepository } from '../ports.js';
import type { Role, RoleAttachment, RoleInlinePolicy } from '../roles/role.js';
import type { Tag } from '../users/user.js';
import { checkUnique, compareBytewise, copy, pageOf, requireParent, type TablesHolder } from './in-memory-tables.js';

const lower = (s: string) => s.toLowerCase();
const key = (a: string, b: string) => `${a}/${b}`;
const roleUniqueKeys: Array<(r: Role) => string> = [(r) => r.id, (r) => `${r.accountId}/${lower(r.name)}`, (r) => `aws:${r.awsId}`];
const byAttachment = (a: RoleAttachment, b: RoleAttachment) => a.attachedAt - b.attachedAt || compareBytewise(a.roleId, b.roleId) || compareBytewise(a.policyId, b.policyId);

/** The role tables of the fake, with the keys, foreign keys and cascades of migration 0009. */
export class InMemoryRoleRepository implements RoleRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(role: Role): Promise<void> {
    const t = this.db.tables;
    checkUnique(t.roles.values(), role, () => false, roleUniqueKeys, 'role', role.name);
    requireParent(t.accounts.has(role.accountId), 'roles', 'account_id');
    t.roles.set(role.id, copy(role));
  }

  async findById(accountId: string, id: string): Promise<Role | undefined> {
    const row = this.db.tables.roles.get(id);
    return row && row.accountId === accountId ? copy(row) : undefined;
  }

  async findByName(accountId: string, name: string): Promise<Role | undefined> {
    const row = [...this.db.tables.roles.values()].find((r) => r.accountId === accountId && lower(r.name) === lower(name));
    return row && copy(row);
  }

  async findByNumericId(accountId: string, numericId: number): Promise<Role | undefined> {
    const row = [...this.db.tables.roles.values()].find((r) => r.accountId === accountId && r.numericId === numericId);
    return row && copy(row);
  }

  async listAll(accountId: string, pathPrefix?: string): Promise<Role[]> {
    return [...this.db.tables.roles.values()]
      .filter((r) => r.accountId === accountId && (!pathPrefix || r.path.startsWith(pathPrefix)))
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async list(accountId: string, query: RoleListFilter & ListQuery): Promise<Page<Role>> {
    return pageOf(this.filtered(accountId, query), (r) => lower(r.name), query);
  }

  async countMatching(accountId: string, filter: RoleListFilter): Promise<number> {
    return this.filtered(accountId, filter).length;
  }

  private filtered(accountId: string, filter: RoleListFilter): Role[] {
    const text = filter.textContains === undefined ? '' : lower(filter.textContains);
    return [...this.db.tables.roles.values()].filter(
      (r) => r.accountId === accountId && (!filter.pathPrefix || r.path.startsWith(filter.pathPrefix)) && (!text || lower(r.name).includes(text) || lower(r.description).includes(text)),
    );
  }

  async count(accountId: string): Promise<number> {
    return [...this.db.tables.roles.values()].filter((r) => r.accountId === accountId).length;
  }

  async update(role: Role): Promise<void> {
    const row = this.db.tables.roles.get(role.id);
    if (!row || row.accountId !== role.accountId) return;
    Object.assign(row, {
      description: role.description,
      trustPolicy: role.trustPolicy,
      trustSyntax: role.trustSyntax,
      maxSessionDuration: role.maxSessionDuration,
      sessionsRevokedBefore: role.sessionsRevokedBefore,
      updatedAt: role.updatedAt,
    });
  }

  async touchLastUsed(id: string, at: number, region: string | null): Promise<void> {
    const row = this.db.tables.roles.get(id);
    if (row) Object.assign(row, { lastUsedAt: at, lastUsedRegion: region });
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const t = this.db.tables;
    const row = t.roles.get(id);
    if (!row || row.accountId !== accountId) return false;
    t.roles.delete(id);
    t.roleTags.delete(id);
    for (const [k, a] of t.rolePolicyAttachments) if (a.roleId === id) t.rolePolicyAttachments.delete(k);
    for (const [k, p] of t.roleInlinePolicies) if (p.roleId === id) t.roleInlinePolicies.delete(k);
    return true;
  }

  async listTags(roleId: string): Promise<Tag[]> {
    const tags = this.db.tables.roleTags.get(roleId);
    if (!tags) return [];
    return [...tags.entries()].sort(([a], [b]) => compareBytewise(a, b)).map(([, tag]) => copy(tag));
  }

  async putTags(roleId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    const t = this.db.tables;
    requireParent(t.roles.has(roleId), 'role_tags', 'role_id');
    let map = t.roleTags.get(roleId);
    if (!map) t.roleTags.set(roleId, (map = new Map()));
    for (const tag of tags) map.set(lower(tag.key), copy(tag));
  }

  async removeTags(roleId: string, keys: string[]): Promise<void> {
    const map = this.db.tables.roleTags.get(roleId);
    if (!map) return;
    for (const k of keys) map.delete(lower(k));
  }

  async attach(attachment: RoleAttachment): Promise<boolean> {
    const t = this.db.tables;
    requireParent(t.roles.has(attachment.roleId), 'role_policy_attachments', 'role_id');
    const k = key(attachment.roleId, attachment.policyId);
    if (t.rolePolicyAttachments.has(k)) return false;
    t.rolePolicyAttachments.set(k, copy(attachment));
    return true;
  }

  async detach(roleId: string, policyId: string): Promise<boolean> {
    return this.db.tables.rolePolicyAttachments.delete(key(roleId, policyId));
  }

  async listAttached(roleId: string): Promise<RoleAttachment[]> {
    return [...this.db.tables.rolePolicyAttachments.values()].filter((a) => a.roleId === roleId).sort(byAttachment).map(copy);
  }

  async attachmentCounts(accountId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const a of this.db.tables.rolePolicyAttachments.values()) if (a.accountId === accountId) counts.set(a.policyId, (counts.get(a.policyId) ?? 0) + 1);
    return counts;
  }

  async listRolesForPolicy(accountId: string, policyId: string): Promise<RoleAttachment[]> {
    return [...this.db.tables.rolePolicyAttachments.values()].filter((a) => a.accountId === accountId && a.policyId === policyId).sort(byAttachment).map(copy);
  }

  async putInline(policy: RoleInlinePolicy): Promise<void> {
    const t = this.db.tables;
    requireParent(t.roles.has(policy.roleId), 'role_inline_policies', 'role_id');
    const k = key(policy.roleId, lower(policy.name));
    const existing = t.roleInlinePolicies.get(k);
    t.roleInlinePolicies.set(k, copy(existing ? { ...policy, createdAt: existing.createdAt } : policy));
  }

  async findInline(roleId: string, name: string): Promise<RoleInlinePolicy | undefined> {
    const row = this.db.tables.roleInlinePolicies.get(key(roleId, lower(name)));
    return row && copy(row);
  }

  async listInline(roleId: string): Promise<RoleInlinePolicy[]> {
    return [...this.db.tables.roleInlinePolicies.values()]
      .filter((p) => p.roleId === roleId)
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async deleteInline(roleId: string, name: string): Promise<boolean> {
    return this.db.tables.roleInlinePolicies.delete(key(roleId, lower(name)));
  }
}
