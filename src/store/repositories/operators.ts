import type { Kysely } from 'kysely';
import type { OperatorGrant, OperatorRepository } from '../../core/accounts/operators.js';
import type { Database } from '../schema.js';

/** Operator grants (migration 0021 `system_operators`); read straight from the database every time. */
export class KyselyOperatorRepository implements OperatorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(grant: OperatorGrant): Promise<boolean> {
    const result = await this.db
      .insertInto('system_operators')
      .values({ account_id: grant.accountId, kind: grant.kind, subject_id: grant.subjectId, granted_at: grant.grantedAt })
      .onConflict((oc) => oc.columns(['account_id', 'kind', 'subject_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async remove(accountId: string, kind: OperatorGrant['kind'], subjectId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('system_operators').where('account_id', '=', accountId).where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(): Promise<OperatorGrant[]> {
    const rows = await this.db.selectFrom('system_operators').selectAll().orderBy('account_id').orderBy('kind').orderBy('subject_id').execute();
    return rows.map(toGrant);
  }

  async accountOwning(kind: 'user' | 'group' | 'project' | 'role', id: string): Promise<string | undefined> {
    const table = kind === 'user' ? 'users' : kind === 'group' ? 'groups' : kind === 'project' ? 'projects' : 'keystone_roles';
    const row = await this.db.selectFrom(table).select('account_id').where('id', '=', id).executeTakeFirst();
    // a global role (issue #16) is stored under '': every account sees it, none owns it
    return row?.account_id || undefined;
  }

  async forAccount(accountId: string): Promise<OperatorGrant[]> {
    const rows = await this.db.selectFrom('system_operators').selectAll().where('account_id', '=', accountId).execute();
    return rows.map(toGrant);
  }
}

function toGrant(row: { account_id: string; kind: string; subject_id: string; granted_at: number }): OperatorGrant {
  return { accountId: row.account_id, kind: row.kind === 'role' ? 'role' : 'user', subjectId: row.subject_id, grantedAt: Number(row.granted_at) };
}
