import type { AttachmentTarget, GroupInlinePolicy, InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion } from '../policies/policy.js';
import { compareAttachments, versionNumberOf } from '../policies/policy.js';
import type { ListQuery, Page, PolicyRepository } from '../ports.js';
import { AlreadyExistsError } from '../errors.js';
import { checkUnique, compareBytewise, copy, pageOf, requireParent, type Tables, type TablesHolder } from './in-memory-tables.js';

const lower = (s: string) => s.toLowerCase();
const key = (a: string, b: string) => `${a}/${b}`;
const policyUniqueKeys: Array<(p: ManagedPolicy) => string> = [(p) => p.id, (p) => `${p.accountId}/${lower(p.name)}`, (p) => `aws:${p.awsId}`];

function attachmentsOf(t: Tables, type: AttachmentTarget['type']): Map<string, PolicyAttachment> {
  return type === 'user' ? t.userPolicyAttachments : t.groupPolicyAttachments;
}

/** The policy tables of the fake, with the keys, foreign keys and cascades of migration 0005. */
export class InMemoryPolicyRepository implements PolicyRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void> {
    const t = this.db.tables;
    checkUnique(t.policies.values(), policy, () => false, policyUniqueKeys, 'policy', policy.name);
    requireParent(t.accounts.has(policy.accountId), 'policies', 'account_id');
    t.policies.set(policy.id, copy(policy));
    await this.addVersion(firstVersion);
  }

  async findById(accountId: string, id: string): Promise<ManagedPolicy | undefined> {
    const row = this.db.tables.policies.get(id);
    return row && row.accountId === accountId ? copy(row) : undefined;
  }

  async findByName(accountId: string, name: string): Promise<ManagedPolicy | undefined> {
    const row = [...this.db.tables.policies.values()].find((p) => p.accountId === accountId && lower(p.name) === lower(name));
    return row && copy(row);
  }

  async listAll(accountId: string): Promise<ManagedPolicy[]> {
    return [...this.db.tables.policies.values()]
      .filter((p) => p.accountId === accountId)
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async list(accountId: string, query: ListQuery & { pathPrefix?: string; fromName?: string }): Promise<Page<ManagedPolicy>> {
    const from = query.marker === undefined ? query.fromName : undefined;
    const rows = [...this.db.tables.policies.values()].filter(
      (p) => p.accountId === accountId && (!query.pathPrefix || p.path.startsWith(query.pathPrefix)) && (from === undefined || compareBytewise(p.name.toLowerCase(), from) >= 0),
    );
    return pageOf(rows, (p) => p.name.toLowerCase(), query);
  }

  async count(accountId: string): Promise<number> {
    return [...this.db.tables.policies.values()].filter((p) => p.accountId === accountId).length;
  }

  async update(policy: ManagedPolicy): Promise<void> {
    const row = this.db.tables.policies.get(policy.id);
    if (!row || row.accountId !== policy.accountId) return;
    Object.assign(row, {
      description: policy.description,
      defaultVersionId: policy.defaultVersionId,
      latestVersion: policy.latestVersion,
      updatedAt: policy.updatedAt,
    });
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const t = this.db.tables;
    const row = t.policies.get(id);
    if (!row || row.accountId !== accountId) return false;
    t.policies.delete(id);
    for (const [pk, v] of t.policyVersions) if (v.policyId === id) t.policyVersions.delete(pk);
    return true;
  }

  async addVersion(version: PolicyVersion): Promise<void> {
    const t = this.db.tables;
    const pk = key(version.policyId, version.versionId);
    if (t.policyVersions.has(pk)) throw new AlreadyExistsError('policy-version', version.versionId);
    requireParent(t.policies.has(version.policyId), 'policy_versions', 'policy_id');
    t.policyVersions.set(pk, copy(version));
  }

  async findVersion(policyId: string, versionId: string): Promise<PolicyVersion | undefined> {
    const row = this.db.tables.policyVersions.get(key(policyId, versionId));
    return row && copy(row);
  }

  async listVersions(policyId: string): Promise<PolicyVersion[]> {
    return [...this.db.tables.policyVersions.values()]
      .filter((v) => v.policyId === policyId)
      .sort((a, b) => (versionNumberOf(a.versionId) ?? 0) - (versionNumberOf(b.versionId) ?? 0))
      .map(copy);
  }

  async deleteVersion(policyId: string, versionId: string): Promise<boolean> {
    return this.db.tables.policyVersions.delete(key(policyId, versionId));
  }

  async attach(attachment: PolicyAttachment): Promise<boolean> {
    const t = this.db.tables;
    const rows = attachmentsOf(t, attachment.target.type);
    const pk = key(attachment.target.id, attachment.policyId);
    if (rows.has(pk)) return false;
    const parentExists = attachment.target.type === 'user' ? t.users.has(attachment.target.id) : t.groups.has(attachment.target.id);
    requireParent(parentExists, `${attachment.target.type}_policy_attachments`, `${attachment.target.type}_id`);
    rows.set(pk, copy(attachment));
    return true;
  }

  async detach(target: AttachmentTarget, policyId: string): Promise<boolean> {
    return attachmentsOf(this.db.tables, target.type).delete(key(target.id, policyId));
  }

  async listAttached(target: AttachmentTarget): Promise<PolicyAttachment[]> {
    return [...attachmentsOf(this.db.tables, target.type).values()]
      .filter((a) => a.target.id === target.id)
      .sort(compareAttachments)
      .map(copy);
  }

  async countAttached(target: AttachmentTarget): Promise<number> {
    return (await this.listAttached(target)).length;
  }

  async listEntities(accountId: string, policyId: string): Promise<PolicyAttachment[]> {
    const t = this.db.tables;
    return [...t.userPolicyAttachments.values(), ...t.groupPolicyAttachments.values()]
      .filter((a) => a.accountId === accountId && a.policyId === policyId)
      .sort(compareAttachments)
      .map(copy);
  }

  async attachmentCounts(accountId: string): Promise<Map<string, number>> {
    const t = this.db.tables;
    const counts = new Map<string, number>();
    for (const a of [...t.userPolicyAttachments.values(), ...t.groupPolicyAttachments.values()]) {
      if (a.accountId === accountId) counts.set(a.policyId, (counts.get(a.policyId) ?? 0) + 1);
    }
    return counts;
  }

  async putInline(policy: InlinePolicy): Promise<void> {
    const t = this.db.tables;
    requireParent(t.users.has(policy.userId), 'user_inline_policies', 'user_id');
    const pk = key(policy.userId, lower(policy.name));
    const existing = t.inlinePolicies.get(pk);
    // like ON CONFLICT DO UPDATE: the creation time (and account) of the replaced row stay
    t.inlinePolicies.set(pk, existing ? { ...copy(policy), accountId: existing.accountId, createdAt: existing.createdAt } : copy(policy));
  }

  async findInline(userId: string, name: string): Promise<InlinePolicy | undefined> {
    const row = this.db.tables.inlinePolicies.get(key(userId, lower(name)));
    return row && copy(row);
  }

  async listInline(userId: string): Promise<InlinePolicy[]> {
    return [...this.db.tables.inlinePolicies.values()]
      .filter((p) => p.userId === userId)
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async deleteInline(userId: string, name: string): Promise<boolean> {
    return this.db.tables.inlinePolicies.delete(key(userId, lower(name)));
  }

  async putGroupInline(policy: GroupInlinePolicy): Promise<void> {
    const t = this.db.tables;
    requireParent(t.groups.has(policy.groupId), 'group_inline_policies', 'group_id');
    const k = key(policy.groupId, lower(policy.name));
    const existing = t.groupInlinePolicies.get(k);
    t.groupInlinePolicies.set(k, copy(existing ? { ...policy, createdAt: existing.createdAt } : policy));
  }

  async findGroupInline(groupId: string, name: string): Promise<GroupInlinePolicy | undefined> {
    const row = this.db.tables.groupInlinePolicies.get(key(groupId, lower(name)));
    return row && copy(row);
  }

  async listGroupInline(groupId: string): Promise<GroupInlinePolicy[]> {
    return [...this.db.tables.groupInlinePolicies.values()]
      .filter((p) => p.groupId === groupId)
      .sort((a, b) => compareBytewise(lower(a.name), lower(b.name)))
      .map(copy);
  }

  async deleteGroupInline(groupId: string, name: string): Promise<boolean> {
    return this.db.tables.groupInlinePolicies.delete(key(groupId, lower(name)));
  }
}
