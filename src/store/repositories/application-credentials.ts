import type { Kysely, Selectable } from 'kysely';
import type { ApplicationCredential, ApplicationCredentialRepository } from '../../core/keystone-credentials/application-credential.js';
import { translateUnique } from '../errors.js';
import type { Database, KeystoneAppCredentialsTable } from '../schema.js';

/** Keystone application credentials (migration 0022, issue #16). */
export class KyselyApplicationCredentialRepository implements ApplicationCredentialRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(c: ApplicationCredential): Promise<void> {
    await translateUnique('application-credential', c.name, () =>
      this.db
        .insertInto('keystone_app_credentials')
        .values({
          id: c.id,
          account_id: c.accountId,
          user_id: c.userId,
          name: c.name,
          description: c.description,
          secret_hash: c.secretHash,
          project_id: c.projectId,
          roles: JSON.stringify(c.roles),
          unrestricted: c.unrestricted ? 1 : 0,
          expires_at: c.expiresAtMicros,
          access_rules: JSON.stringify(c.accessRules),
          created_at: c.createdAt,
        })
        .execute(),
    );
  }

  async findById(id: string): Promise<ApplicationCredential | undefined> {
    const row = await this.db.selectFrom('keystone_app_credentials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCredential(row);
  }

  async findByName(accountId: string, userId: string, name: string): Promise<ApplicationCredential | undefined> {
    const row = await this.db.selectFrom('keystone_app_credentials').selectAll().where('account_id', '=', accountId).where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
    return row && toCredential(row);
  }

  async list(accountId: string, userId: string): Promise<ApplicationCredential[]> {
    const rows = await this.db.selectFrom('keystone_app_credentials').selectAll().where('account_id', '=', accountId).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toCredential);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('keystone_app_credentials').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toCredential(row: Selectable<KeystoneAppCredentialsTable>): ApplicationCredential {
  return {
    id: row.id,
    accountId: row.account_id,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    secretHash: row.secret_hash,
    projectId: row.project_id,
    roles: JSON.parse(row.roles) as ApplicationCredential['roles'],
    unrestricted: Number(row.unrestricted) === 1,
    expiresAtMicros: row.expires_at === null ? null : Number(row.expires_at),
    accessRules: JSON.parse(row.access_rules) as ApplicationCredential['accessRules'],
    createdAt: Number(row.created_at),
  };
}
