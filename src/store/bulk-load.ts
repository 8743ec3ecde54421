import type { Insertable, Kysely } from 'kysely';
import type { AccessKey } from '../core/access-keys/access-key.js';
import type { LoginProfile } from '../core/login-profiles/login-profile.js';
import type { PolicyAttachment } from '../core/policies/policy.js';
import type { Group } from '../core/users/group.js';
import type { Tag, User } from '../core/users/user.js';
import { toRow as accessKeyRow } from './repositories/access-keys.js';
import { toRow as groupRow } from './repositories/groups.js';
import { toRow as loginProfileRow } from './repositories/login-profiles.js';
import { toRow as userRow } from './repositories/users.js';
import type { Database } from './schema.js';

/**
 * Both engines cap the bound parameters of one statement (SQLite 32,766 since 3.32, PostgreSQL 65,535):
 * a multi-row INSERT carries at most this many values, and at most `MAX_ROWS` rows.
 */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1_000;

/**
 * Bulk loading of rows a command would have written one by one (issue #17: seeding a million users for
 * the scale bench in minutes, not hours). Each method takes the same domain objects the repositories'
 * `create` take and writes the same rows through the same row mappers, as multi-row INSERTs; the caller
 * chooses the transaction (`db` may be one) and its size. No audit event and no change-feed
 * announcement: this is a loader for an offline database (a data dir no server has open, a scratch
 * PostgreSQL database), not a command.
 */
export class BulkLoad {
  constructor(private readonly db: Kysely<Database>) {}

  users(users: readonly User[]): Promise<void> {
    return this.insert('users', users.map(userRow));
  }

  userTags(tags: ReadonlyArray<{ userId: string; tag: Tag }>): Promise<void> {
    return this.insert('user_tags', tags.map(({ userId, tag }) => ({ user_id: userId, tag_key: tag.key, key_lower: tag.key.toLowerCase(), tag_value: tag.value })));
  }

  /** with one password-history row each, as LoginProfilesService.create writes */
  async loginProfiles(profiles: readonly LoginProfile[]): Promise<void> {
    await this.insert('login_profiles', profiles.map(loginProfileRow));
    await this.insert('password_history', profiles.map((p) => ({ user_id: p.userId, password_hash: p.passwordHash, created_at: p.createdAt })));
  }

  accessKeys(keys: readonly AccessKey[]): Promise<void> {
    return this.insert('access_keys', keys.map(accessKeyRow));
  }

  groups(groups: readonly Group[]): Promise<void> {
    return this.insert('groups', groups.map(groupRow));
  }

  memberships(members: ReadonlyArray<{ groupId: string; userId: string; at: number }>): Promise<void> {
    return this.insert('group_members', members.map((m) => ({ group_id: m.groupId, user_id: m.userId, added_at: m.at })));
  }

  /** managed or system policies attached to users or groups (the rows `policies.attach` writes) */
  async attachments(attachments: readonly PolicyAttachment[]): Promise<void> {
    const rows = (type: 'user' | 'group') => attachments.filter((a) => a.target.type === type);
    await this.insert('user_policy_attachments', rows('user').map((a) => ({ user_id: a.target.id, policy_id: a.policyId, account_id: a.accountId, attached_at: a.attachedAt })));
    await this.insert('group_policy_attachments', rows('group').map((a) => ({ group_id: a.target.id, policy_id: a.policyId, account_id: a.accountId, attached_at: a.attachedAt })));
  }

  private async insert<T extends keyof Database & string>(table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
    const first = rows[0];
    if (first === undefined) return;
    const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Object.keys(first).length)));
    for (let i = 0; i < rows.length; i += perStatement) {
      // the generic table name defeats Kysely's per-table value types; the rows are typed above
      await this.db.insertInto(table).values(rows.slice(i, i + perStatement) as never).execute();
    }
  }
}
