import type { Kysely, Selectable } from 'kysely';
import type { PolicySyntax } from '../../core/policies/document.js';
import type { AttachmentTarget, GroupInlinePolicy, InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion } from '../../core/policies/policy.js';
import { compareAttachments, versionNumberOf } from '../../core/policies/policy.js';
import type { ListQuery, Page, PolicyRepository } from '../../core/ports.js';
import { translateUnique } from '../errors.js';
import type { Database, GroupInlinePoliciesTable, PoliciesTable, PolicyVersionsTable, UserInlinePoliciesTable } from '../schema.js';
import { startsWith } from './list-filters.js';
import { markerKey, pageOf } from './paging.js';

export class KyselyPolicyRepository implements PolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void> {
    await translateUnique('policy', policy.name, () => this.db.insertInto('policies').values(toRow(policy)).execute());
    await this.addVersion(firstVersion);
  }

  async findById(accountId: string, id: string): Promise<ManagedPolicy | undefined> {
    const row = await this.db.selectFrom('policies').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toPolicy(row);
  }

  async findByName(accountId: string, name: string): Promise<ManagedPolicy | undefined> {
    const row = await this.db
      .selectFrom('policies')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && toPolicy(row);
  }

  async listAll(accountId: string): Promise<ManagedPolicy[]> {
    const rows = await this.db.selectFrom('policies').selectAll().where('account_id', '=', accountId).orderBy('name_lower').execute();
    return rows.map(toPolicy);
  }

  async list(accountId: string, query: ListQuery & { pathPrefix?: string; fromName?: string }): Promise<Page<ManagedPolicy>> {
    // INVARIANT: served by policies_account_name_unique (account_id, name_lower): a seek, then `limit` rows
    let q = this.db.selectFrom('policies').selectAll().where('account_id', '=', accountId).orderBy('name_lower').limit(query.limit + 1);
    if (query.pathPrefix) q = q.where(startsWith('path', query.pathPrefix));
    if (query.marker !== undefined) q = q.where('name_lower', '>', markerKey(query.marker));
    else if (query.fromName !== undefined) q = q.where('name_lower', '>=', query.fromName);
    if (query.offset !== undefined) q = q.offset(query.offset);
    return pageOf((await q.execute()).map(toPolicy), query.limit, (policy) => policy.name.toLowerCase());
  }

  async count(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('policies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(policy: ManagedPolicy): Promise<void> {
    await this.db
      .updateTable('policies')
      .set({
        description: policy.description,
        default_version_id: policy.defaultVersionId,
        latest_version: policy.latestVersion,
        updated_at: policy.updatedAt,
      })
      .where('account_id', '=', policy.accountId)
      .where('id', '=', policy.id)
      .execute();
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    // SECURITY: versions go only once the policy is gone from *this* account (see groups.delete)
    const result = await this.db.deleteFrom('policies').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await this.db.deleteFrom('policy_versions').where('policy_id', '=', id).execute();
    return true;
  }

  async addVersion(version: PolicyVersion): Promise<void> {
    const row: PolicyVersionsTable = {
      policy_id: version.policyId,
      version_id: version.versionId,
      version_number: versionNumberOf(version.versionId) ?? 0,
      document: version.document,
      created_at: version.createdAt,
    };
    await translateUnique('policy-version', version.versionId, () => this.db.insertInto('policy_versions').values(row).execute());
  }

  async findVersion(policyId: string, versionId: string): Promise<PolicyVersion | undefined> {
    const row = await this.db.selectFrom('policy_versions').selectAll().where('policy_id', '=', policyId).where('version_id', '=', versionId).executeTakeFirst();
    return row && toVersion(row);
  }

  async listVersions(policyId: string): Promise<PolicyVersion[]> {
    const rows = await this.db.selectFrom('policy_versions').selectAll().where('policy_id', '=', policyId).orderBy('version_number').execute();
    return rows.map(toVersion);
  }

  async deleteVersion(policyId: string, versionId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('policy_versions').where('policy_id', '=', policyId).where('version_id', '=', versionId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async attach(attachment: PolicyAttachment): Promise<boolean> {
    const { target, policyId, accountId, attachedAt } = attachment;
    const result =
      target.type === 'user'
        ? await this.db
            .insertInto('user_policy_attachments')
            .values({ user_id: target.id, policy_id: policyId, account_id: accountId, attached_at: attachedAt })
            .onConflict((oc) => oc.columns(['user_id', 'policy_id']).doNothing())
            .executeTakeFirst()
        : await this.db
            .insertInto('group_policy_attachments')
            .values({ group_id: target.id, policy_id: policyId, account_id: accountId, attached_at: attachedAt })
            .onConflict((oc) => oc.columns(['group_id', 'policy_id']).doNothing())
            .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async detach(target: AttachmentTarget, policyId: string): Promise<boolean> {
    const result =
      target.type === 'user'
        ? await this.db.deleteFrom('user_policy_attachments').where('user_id', '=', target.id).where('policy_id', '=', policyId).executeTakeFirst()
        : await this.db.deleteFrom('group_policy_attachments').where('group_id', '=', target.id).where('policy_id', '=', policyId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listAttached(target: AttachmentTarget): Promise<PolicyAttachment[]> {
    // sorted here, not by the database: policy ids mix hex and `sys-...`, and a locale collation on
    // PostgreSQL would order them otherwise than SQLite
    if (target.type === 'user') {
      const rows = await this.db.selectFrom('user_policy_attachments').selectAll().where('user_id', '=', target.id).execute();
      return rows.map((r): PolicyAttachment => ({ policyId: r.policy_id, target, accountId: r.account_id, attachedAt: Number(r.attached_at) })).sort(compareAttachments);
    }
    const rows = await this.db.selectFrom('group_policy_attachments').selectAll().where('group_id', '=', target.id).execute();
    return rows.map((r): PolicyAttachment => ({ policyId: r.policy_id, target, accountId: r.account_id, attachedAt: Number(r.attached_at) })).sort(compareAttachments);
  }

  async countAttached(target: AttachmentTarget): Promise<number> {
    const row =
      target.type === 'user'
        ? await this.db.selectFrom('user_policy_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', target.id).executeTakeFirstOrThrow()
        : await this.db.selectFrom('group_policy_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', target.id).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listEntities(accountId: string, policyId: string): Promise<PolicyAttachment[]> {
    const users = await this.db.selectFrom('user_policy_attachments').selectAll().where('account_id', '=', accountId).where('policy_id', '=', policyId).execute();
    const groups = await this.db.selectFrom('group_policy_attachments').selectAll().where('account_id', '=', accountId).where('policy_id', '=', policyId).execute();
    const all: PolicyAttachment[] = [
      ...users.map((r): PolicyAttachment => ({ policyId, target: { type: 'user', id: r.user_id }, accountId, attachedAt: Number(r.attached_at) })),
      ...groups.map((r): PolicyAttachment => ({ policyId, target: { type: 'group', id: r.group_id }, accountId, attachedAt: Number(r.attached_at) })),
    ];
    return all.sort(compareAttachments);
  }

  async attachmentCounts(accountId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const table of ['user_policy_attachments', 'group_policy_attachments'] as const) {
      const rows = await this.db
        .selectFrom(table)
        .select(['policy_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('account_id', '=', accountId)
        .groupBy('policy_id')
        .execute();
      for (const row of rows) counts.set(row.policy_id, (counts.get(row.policy_id) ?? 0) + Number(row.n));
    }
    return counts;
  }

  async putInline(policy: InlinePolicy): Promise<void> {
    await this.db
      .insertInto('user_inline_policies')
      .values(toInlineRow(policy))
      .onConflict((oc) =>
        oc.columns(['user_id', 'name_lower']).doUpdateSet({ name: policy.name, syntax: policy.syntax, document: policy.document, updated_at: policy.updatedAt }),
      )
      .execute();
  }

  async findInline(userId: string, name: string): Promise<InlinePolicy | undefined> {
    const row = await this.db.selectFrom('user_inline_policies').selectAll().where('user_id', '=', userId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toInline(row);
  }

  async listInline(userId: string): Promise<InlinePolicy[]> {
    const rows = await this.db.selectFrom('user_inline_policies').selectAll().where('user_id', '=', userId).orderBy('name_lower').execute();
    return rows.map(toInline);
  }

  async putGroupInline(policy: GroupInlinePolicy): Promise<void> {
    await this.db
      .insertInto('group_inline_policies')
      .values({
        group_id: policy.groupId,
        account_id: policy.accountId,
        name: policy.name,
        name_lower: policy.name.toLowerCase(),
        syntax: policy.syntax,
        document: policy.document,
        created_at: policy.createdAt,
        updated_at: policy.updatedAt,
      })
      .onConflict((oc) => oc.columns(['group_id', 'name_lower']).doUpdateSet({ name: policy.name, syntax: policy.syntax, document: policy.document, updated_at: policy.updatedAt }))
      .execute();
  }

  async findGroupInline(groupId: string, name: string): Promise<GroupInlinePolicy | undefined> {
    const row = await this.db.selectFrom('group_inline_policies').selectAll().where('group_id', '=', groupId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toGroupInline(row);
  }

  async listGroupInline(groupId: string): Promise<GroupInlinePolicy[]> {
    const rows = await this.db.selectFrom('group_inline_policies').selectAll().where('group_id', '=', groupId).orderBy('name_lower').execute();
    return rows.map(toGroupInline);
  }

  async deleteGroupInline(groupId: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('group_inline_policies').where('group_id', '=', groupId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteInline(userId: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('user_inline_policies').where('user_id', '=', userId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toRow(p: ManagedPolicy): PoliciesTable {
  return {
    id: p.id,
    account_id: p.accountId,
    name: p.name,
    name_lower: p.name.toLowerCase(),
    path: p.path,
    description: p.description,
    syntax: p.syntax,
    default_version_id: p.defaultVersionId,
    latest_version: p.latestVersion,
    aws_id: p.awsId,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function toPolicy(row: Selectable<PoliciesTable>): ManagedPolicy {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    description: row.description,
    syntax: row.syntax as PolicySyntax,
    defaultVersionId: row.default_version_id,
    latestVersion: Number(row.latest_version),
    awsId: row.aws_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toVersion(row: Selectable<PolicyVersionsTable>): PolicyVersion {
  return { policyId: row.policy_id, versionId: row.version_id, document: row.document, createdAt: Number(row.created_at) };
}

function toInlineRow(p: InlinePolicy): UserInlinePoliciesTable {
  return {
    user_id: p.userId,
    account_id: p.accountId,
    name: p.name,
    name_lower: p.name.toLowerCase(),
    syntax: p.syntax,
    document: p.document,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function toGroupInline(row: Selectable<GroupInlinePoliciesTable>): GroupInlinePolicy {
  return {
    groupId: row.group_id,
    accountId: row.account_id,
    name: row.name,
    syntax: row.syntax as PolicySyntax,
    document: row.document,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toInline(row: Selectable<UserInlinePoliciesTable>): InlinePolicy {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    name: row.name,
    syntax: row.syntax as PolicySyntax,
    document: row.document,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
