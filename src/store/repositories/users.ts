import { sql, type Kysely, type Selectable } from 'kysely';
import type { Page, UserListQuery, UserRepository } from '../../core/ports.js';
import type { Tag, User } from '../../core/users/user.js';
import { translateUnique } from '../errors.js';
import type { Database, UsersTable } from '../schema.js';
import { markerKey, pageOf } from './paging.js';
import { escapeLike, likeEscaped, startsWith } from './list-filters.js';

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(user: User): Promise<void> {
    await translateUnique('user', user.name, () => this.db.insertInto('users').values(toRow(user)).execute());
  }

  async findById(accountId: string, id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async findByName(accountId: string, name: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findByNumericId(accountId: string, numericId: number): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('numeric_id', '=', numericId).executeTakeFirst();
    return row && toUser(row);
  }

  async list(accountId: string, query: UserListQuery): Promise<Page<User>> {
    let q = this.filtered(accountId, query).selectAll('users').orderBy('users.name_lower').limit(query.limit + 1);
    if (query.marker !== undefined) q = q.where('users.name_lower', '>', markerKey(query.marker));
    else if (query.afterName !== undefined) q = q.where('users.name_lower', '>', query.afterName);
    if (query.offset !== undefined) q = q.offset(query.offset);
    return pageOf((await q.execute()).map(toUser), query.limit, (item) => item.name.toLowerCase());
  }

  async count(accountId: string, query: Omit<UserListQuery, 'limit' | 'marker' | 'offset'>): Promise<number> {
    const row = await this.filtered(accountId, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(user: User): Promise<void> {
    const { id, account_id: _a, created_at: _c, ...changes } = toRow(user);
    await translateUnique('user', user.name, () => this.db.updateTable('users').set(changes).where('id', '=', id).execute());
  }

  async touchPasswordLastUsed(userId: string, at: number): Promise<void> {
    await this.db.updateTable('users').set({ password_last_used_at: at }).where('id', '=', userId).execute();
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    // SECURITY: the tags go only once the user is gone from *this* account; deleting them first, by
    // user id alone, let a call naming another account strip a user it could not delete
    const result = await this.db.deleteFrom('users').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await this.db.deleteFrom('user_tags').where('user_id', '=', id).execute();
    return true;
  }

  async listTags(userId: string): Promise<Tag[]> {
    const rows = await this.db.selectFrom('user_tags').select(['tag_key', 'tag_value']).where('user_id', '=', userId).orderBy('key_lower').execute();
    return rows.map((r) => ({ key: r.tag_key, value: r.tag_value }));
  }

  async putTags(userId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    await this.db
      .insertInto('user_tags')
      .values(tags.map((t) => ({ user_id: userId, tag_key: t.key, key_lower: t.key.toLowerCase(), tag_value: t.value })))
      .onConflict((oc) => oc.columns(['user_id', 'key_lower']).doUpdateSet((eb) => ({ tag_key: eb.ref('excluded.tag_key'), tag_value: eb.ref('excluded.tag_value') })))
      .execute();
  }

  async removeTags(userId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('user_tags').where('user_id', '=', userId).where('key_lower', 'in', keys.map((k) => k.toLowerCase())).execute();
  }

  async listByPermissionsBoundary(accountId: string, policyId: string): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('permissions_boundary_id', '=', policyId).orderBy('name_lower').execute();
    return rows.map(toUser);
  }

  async permissionsBoundaryCounts(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('users')
      .select(['permissions_boundary_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .where('permissions_boundary_id', 'is not', null)
      .groupBy('permissions_boundary_id')
      .execute();
    return new Map(rows.map((r) => [r.permissions_boundary_id as string, Number(r.n)]));
  }

  private filtered(accountId: string, query: Omit<UserListQuery, 'limit' | 'marker' | 'offset'>) {
    let q = this.db.selectFrom('users').where('users.account_id', '=', accountId);
    if (!query.includeRoot) q = q.where('users.is_root', '=', 0);
    if (query.pathPrefix) q = q.where(startsWith('users.path', query.pathPrefix));
    if (query.name !== undefined) q = q.where('users.name_lower', '=', query.name.toLowerCase());
    if (query.textContains) {
      const pattern = `%${escapeLike(query.textContains.toLowerCase())}%`;
      // lower() folds ASCII only on SQLite; names are matched on their stored lowercase form
      q = q.where(sql<boolean>`(${likeEscaped('users.name_lower', pattern)} or lower(${sql.ref('users.display_name')}) like ${pattern} escape '\\' or lower(${sql.ref('users.description')}) like ${pattern} escape '\\')`);
    }
    if (query.enabled !== undefined) q = q.where('users.enabled', '=', query.enabled ? 1 : 0);
    if (query.groupId !== undefined) {
      const groupId = query.groupId;
      q = q.where('users.id', 'in', (eb) => eb.selectFrom('group_members').select('user_id').where('group_id', '=', groupId));
    }
    return q;
  }
}

/** the row `create` writes; also the bulk loader's (store/bulk-load.ts) */
export function toRow(user: User): UsersTable {
  return {
    id: user.id,
    account_id: user.accountId,
    name: user.name,
    name_lower: user.name.toLowerCase(),
    path: user.path,
    description: user.description,
    display_name: user.displayName,
    email: user.email,
    phone: user.phone,
    enabled: user.enabled ? 1 : 0,
    is_root: user.isRoot ? 1 : 0,
    aws_id: user.awsId,
    numeric_id: user.numericId,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    password_last_used_at: user.passwordLastUsedAt,
    permissions_boundary_id: user.permissionsBoundaryId,
  };
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    description: row.description,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    enabled: Number(row.enabled) === 1,
    isRoot: Number(row.is_root) === 1,
    awsId: row.aws_id,
    numericId: Number(row.numeric_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    passwordLastUsedAt: row.password_last_used_at === null ? null : Number(row.password_last_used_at),
    permissionsBoundaryId: row.permissions_boundary_id ?? null,
  };
}
