import type { Kysely, Selectable } from 'kysely';
import type { GroupListFilter, GroupRepository, ListQuery, Page } from '../../core/ports.js';
import type { Group } from '../../core/users/group.js';
import { translateUnique } from '../errors.js';
import type { Database, GroupsTable } from '../schema.js';
import { markerKey, pageOf } from './paging.js';
import { nameOrDescriptionContains, startsWith } from './list-filters.js';

export class KyselyGroupRepository implements GroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(group: Group): Promise<void> {
    await translateUnique('group', group.name, () => this.db.insertInto('groups').values(toRow(group)).execute());
  }

  async findById(accountId: string, id: string): Promise<Group | undefined> {
    const row = await this.db.selectFrom('groups').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toGroup(row);
  }

  async findByName(accountId: string, name: string): Promise<Group | undefined> {
    const row = await this.db
      .selectFrom('groups')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && toGroup(row);
  }

  async list(accountId: string, query: GroupListFilter & ListQuery): Promise<Page<Group>> {
    // INVARIANT: served by groups_account_name_unique (account_id, name_lower): a seek, then `limit` rows
    let q = this.filtered(accountId, query).selectAll().orderBy('name_lower').limit(query.limit + 1);
    if (query.marker !== undefined) q = q.where('name_lower', '>', markerKey(query.marker));
    else if (query.afterName !== undefined) q = q.where('name_lower', '>', query.afterName);
    if (query.offset !== undefined) q = q.offset(query.offset);
    return pageOf((await q.execute()).map(toGroup), query.limit, (item) => item.name.toLowerCase());
  }

  async count(accountId: string, filter: GroupListFilter): Promise<number> {
    const row = await this.filtered(accountId, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(accountId: string, filter: GroupListFilter) {
    let q = this.db.selectFrom('groups').where('account_id', '=', accountId);
    if (filter.name !== undefined) q = q.where('name_lower', '=', filter.name.toLowerCase());
    if (filter.pathPrefix) q = q.where(startsWith('path', filter.pathPrefix));
    if (filter.textContains) q = q.where(nameOrDescriptionContains('name_lower', 'description', filter.textContains));
    return q;
  }

  async update(group: Group): Promise<void> {
    const { id, account_id: _a, created_at: _c, ...changes } = toRow(group);
    await translateUnique('group', group.name, () => this.db.updateTable('groups').set(changes).where('id', '=', id).execute());
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    // SECURITY: memberships go only once the group is gone from *this* account (see users.delete)
    const result = await this.db.deleteFrom('groups').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await this.db.deleteFrom('group_members').where('group_id', '=', id).execute();
    return true;
  }

  async addMember(groupId: string, userId: string, at: number): Promise<void> {
    await this.db
      .insertInto('group_members')
      .values({ group_id: groupId, user_id: userId, added_at: at })
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
      .execute();
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  async listMembers(groupId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).orderBy('added_at').orderBy('user_id').execute();
    return rows.map((r) => r.user_id);
  }

  async listGroupsForUser(userId: string): Promise<Group[]> {
    const rows = await this.db
      .selectFrom('groups')
      .innerJoin('group_members', 'group_members.group_id', 'groups.id')
      .selectAll('groups')
      .where('group_members.user_id', '=', userId)
      .orderBy('groups.name_lower')
      .execute();
    return rows.map(toGroup);
  }

  async countGroupsForUser(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('group_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** the row `create` writes; also the bulk loader's (store/bulk-load.ts) */
export function toRow(g: Group): GroupsTable {
  return {
    id: g.id,
    account_id: g.accountId,
    name: g.name,
    name_lower: g.name.toLowerCase(),
    path: g.path,
    description: g.description,
    aws_id: g.awsId,
    numeric_id: g.numericId,
    created_at: g.createdAt,
    updated_at: g.updatedAt,
  };
}

function toGroup(row: Selectable<GroupsTable>): Group {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    description: row.description,
    awsId: row.aws_id,
    numericId: Number(row.numeric_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
