import { sql, type Kysely, type Selectable } from 'kysely';
import type { PolicySyntax } from '../../core/policies/document.js';
import type { ListQuery, Page, RoleListFilter, RoleRepository } from '../../core/ports.js';
import type { Role, RoleAttachment, RoleInlinePolicy } from '../../core/roles/role.js';
import type { Tag } from '../../core/users/user.js';
import { translateUnique } from '../errors.js';
import type { Database, RoleInlinePoliciesTable, RolesTable } from '../schema.js';
import { nameOrDescriptionContains, startsWith } from './list-filters.js';
import { markerKey, pageOf } from './paging.js';

export class KyselyRoleRepository implements RoleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(role: Role): Promise<void> {
    await translateUnique('role', role.name, () => this.db.insertInto('roles').values(toRow(role)).execute());
  }

  async findById(accountId: string, id: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toRole(row);
  }

  async findByName(accountId: string, name: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('account_id', '=', accountId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toRole(row);
  }

  async findByNumericId(accountId: string, numericId: number): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('account_id', '=', accountId).where('numeric_id', '=', numericId).executeTakeFirst();
    return row && toRole(row);
  }

  async listAll(accountId: string, pathPrefix?: string): Promise<Role[]> {
    let q = this.db.selectFrom('roles').selectAll().where('account_id', '=', accountId);
    // AWS ListRoles PathPrefix is case-sensitive: substr is exact on both engines, LIKE is not on SQLite
    if (pathPrefix) q = q.where(sql<boolean>`substr(${sql.ref('path')}, 1, ${[...pathPrefix].length}) = ${pathPrefix}`);
    return (await q.orderBy('name_lower').execute()).map(toRole);
  }

  async list(accountId: string, query: RoleListFilter & ListQuery): Promise<Page<Role>> {
    // INVARIANT: served by roles_account_name_unique (account_id, name_lower): a seek, then `limit` rows
    let q = this.filtered(accountId, query).selectAll().orderBy('name_lower').limit(query.limit + 1);
    if (query.marker !== undefined) q = q.where('name_lower', '>', markerKey(query.marker));
    if (query.offset !== undefined) q = q.offset(query.offset);
    return pageOf((await q.execute()).map(toRole), query.limit, (role) => role.name.toLowerCase());
  }

  async countMatching(accountId: string, filter: RoleListFilter): Promise<number> {
    const row = await this.filtered(accountId, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(accountId: string, filter: RoleListFilter) {
    let q = this.db.selectFrom('roles').where('account_id', '=', accountId);
    if (filter.pathPrefix) q = q.where(startsWith('path', filter.pathPrefix));
    if (filter.textContains) q = q.where(nameOrDescriptionContains('name_lower', 'description', filter.textContains));
    return q;
  }

  async count(accountId: string): Promise<number> {
    const row = await this.db.selectFrom('roles').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(role: Role): Promise<void> {
    await this.db
      .updateTable('roles')
      .set({
        description: role.description,
        trust_policy: role.trustPolicy,
        trust_syntax: role.trustSyntax,
        max_session_duration: role.maxSessionDuration,
        sessions_revoked_before: role.sessionsRevokedBefore,
        updated_at: role.updatedAt,
      })
      .where('account_id', '=', role.accountId)
      .where('id', '=', role.id)
      .execute();
  }

  async touchLastUsed(id: string, at: number, region: string | null): Promise<void> {
    await this.db.updateTable('roles').set({ last_used_at: at, last_used_region: region }).where('id', '=', id).execute();
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    // SECURITY: the children go only once the role is gone from *this* account (see users.delete)
    const result = await this.db.deleteFrom('roles').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await this.db.deleteFrom('role_tags').where('role_id', '=', id).execute();
    await this.db.deleteFrom('role_policy_attachments').where('role_id', '=', id).execute();
    await this.db.deleteFrom('role_inline_policies').where('role_id', '=', id).execute();
    return true;
  }

  async listTags(roleId: string): Promise<Tag[]> {
    const rows = await this.db.selectFrom('role_tags').select(['tag_key', 'tag_value']).where('role_id', '=', roleId).orderBy('key_lower').execute();
    return rows.map((r) => ({ key: r.tag_key, value: r.tag_value }));
  }

  async putTags(roleId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    await this.db
      .insertInto('role_tags')
      .values(tags.map((t) => ({ role_id: roleId, tag_key: t.key, key_lower: t.key.toLowerCase(), tag_value: t.value })))
      .onConflict((oc) => oc.columns(['role_id', 'key_lower']).doUpdateSet((eb) => ({ tag_key: eb.ref('excluded.tag_key'), tag_value: eb.ref('excluded.tag_value') })))
      .execute();
  }

  async removeTags(roleId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('role_tags').where('role_id', '=', roleId).where('key_lower', 'in', keys.map((k) => k.toLowerCase())).execute();
  }

  async attach(attachment: RoleAttachment): Promise<boolean> {
    const result = await this.db
      .insertInto('role_policy_attachments')
      .values({ role_id: attachment.roleId, policy_id: attachment.policyId, account_id: attachment.accountId, attached_at: attachment.attachedAt })
      .onConflict((oc) => oc.columns(['role_id', 'policy_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async detach(roleId: string, policyId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('role_policy_attachments').where('role_id', '=', roleId).where('policy_id', '=', policyId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listAttached(roleId: string): Promise<RoleAttachment[]> {
    const rows = await this.db.selectFrom('role_policy_attachments').selectAll().where('role_id', '=', roleId).orderBy('attached_at').orderBy('policy_id').execute();
    return rows.map(toAttachment);
  }

  async listRolesForPolicy(accountId: string, policyId: string): Promise<RoleAttachment[]> {
    const rows = await this.db
      .selectFrom('role_policy_attachments')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('policy_id', '=', policyId)
      .orderBy('attached_at')
      .orderBy('role_id')
      .execute();
    return rows.map(toAttachment);
  }

  async putInline(policy: RoleInlinePolicy): Promise<void> {
    const row: RoleInlinePoliciesTable = {
      role_id: policy.roleId,
      account_id: policy.accountId,
      name: policy.name,
      name_lower: policy.name.toLowerCase(),
      syntax: policy.syntax,
      document: policy.document,
      created_at: policy.createdAt,
      updated_at: policy.updatedAt,
    };
    await this.db
      .insertInto('role_inline_policies')
      .values(row)
      .onConflict((oc) => oc.columns(['role_id', 'name_lower']).doUpdateSet({ name: policy.name, syntax: policy.syntax, document: policy.document, updated_at: policy.updatedAt }))
      .execute();
  }

  async findInline(roleId: string, name: string): Promise<RoleInlinePolicy | undefined> {
    const row = await this.db.selectFrom('role_inline_policies').selectAll().where('role_id', '=', roleId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toInline(row);
  }

  async listInline(roleId: string): Promise<RoleInlinePolicy[]> {
    const rows = await this.db.selectFrom('role_inline_policies').selectAll().where('role_id', '=', roleId).orderBy('name_lower').execute();
    return rows.map(toInline);
  }

  async deleteInline(roleId: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('role_inline_policies').where('role_id', '=', roleId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async attachmentCounts(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('role_policy_attachments')
      .select(['policy_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .groupBy('policy_id')
      .execute();
    return new Map(rows.map((r) => [r.policy_id, Number(r.n)]));
  }
}

function toRow(role: Role): RolesTable {
  return {
    id: role.id,
    account_id: role.accountId,
    name: role.name,
    name_lower: role.name.toLowerCase(),
    path: role.path,
    description: role.description,
    trust_policy: role.trustPolicy,
    trust_syntax: role.trustSyntax,
    max_session_duration: role.maxSessionDuration,
    aws_id: role.awsId,
    numeric_id: role.numericId,
    created_at: role.createdAt,
    updated_at: role.updatedAt,
    sessions_revoked_before: role.sessionsRevokedBefore,
    last_used_at: role.lastUsedAt,
    last_used_region: role.lastUsedRegion,
  };
}

const orNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toRole(row: Selectable<RolesTable>): Role {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    description: row.description,
    trustPolicy: row.trust_policy,
    trustSyntax: row.trust_syntax as PolicySyntax,
    maxSessionDuration: Number(row.max_session_duration),
    awsId: row.aws_id,
    numericId: Number(row.numeric_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    sessionsRevokedBefore: orNull(row.sessions_revoked_before),
    lastUsedAt: orNull(row.last_used_at),
    lastUsedRegion: row.last_used_region,
  };
}

function toAttachment(row: { role_id: string; policy_id: string; account_id: string; attached_at: number }): RoleAttachment {
  return { roleId: row.role_id, policyId: row.policy_id, accountId: row.account_id, attachedAt: Number(row.attached_at) };
}

function toInline(row: Selectable<RoleInlinePoliciesTable>): RoleInlinePolicy {
  return {
    roleId: row.role_id,
    accountId: row.account_id,
    name: row.name,
    syntax: row.syntax as PolicySyntax,
    document: row.document,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
