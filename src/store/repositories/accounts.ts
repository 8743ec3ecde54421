import type { Kysely, Selectable } from 'kysely';
import type { Account, AccountChanges } from '../../core/accounts/account.js';
import { deleteAccountContent } from './account-deletion.js';
import type { AccountRepository } from '../../core/ports.js';
import { translateUnique } from '../errors.js';
import type { AccountsTable, Database } from '../schema.js';

export class KyselyAccountRepository implements AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(account: Account): Promise<void> {
    await translateUnique('account', account.name, () =>
      this.db
        .insertInto('accounts')
        .values({
          id: account.id,
          name: account.name,
          name_lower: account.name.toLowerCase(),
          aws_account_id: account.awsAccountId,
          numeric_id: account.numericId,
          created_at: account.createdAt,
          enabled: account.enabled ? 1 : 0,
          description: account.description,
        })
        .execute(),
    );
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  async findByName(name: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toAccount(row);
  }

  async findByNumber(number: string): Promise<Account | undefined> {
    if (!/^\d{1,16}$/.test(number)) return undefined;
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where((eb) => eb.or([eb('aws_account_id', '=', number), eb('numeric_id', '=', Number(number))]))
      .executeTakeFirst();
    return row && toAccount(row);
  }

  async findAlias(accountId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('account_aliases').select('alias').where('account_id', '=', accountId).executeTakeFirst();
    return row?.alias;
  }

  async findByAlias(alias: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').innerJoin('account_aliases', 'account_aliases.account_id', 'accounts.id').selectAll('accounts').where('account_aliases.alias', '=', alias).executeTakeFirst();
    return row && toAccount(row);
  }

  async setAlias(accountId: string, alias: string): Promise<void> {
    // INVARIANT: one row per account (primary key) and one account per alias (unique): the database
    // decides between two accounts racing for one alias
    await translateUnique('account-alias', alias, () =>
      this.db
        .insertInto('account_aliases')
        .values({ account_id: accountId, alias })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ alias }))
        .execute(),
    );
  }

  async deleteAlias(accountId: string, alias: string): Promise<boolean> {
    const result = await this.db.deleteFrom('account_aliases').where('account_id', '=', accountId).where('alias', '=', alias).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(): Promise<Account[]> {
    const rows = await this.db.selectFrom('accounts').selectAll().orderBy('name_lower').execute();
    return rows.map(toAccount);
  }

  async update(id: string, changes: AccountChanges): Promise<boolean> {
    const values: { name?: string; name_lower?: string; description?: string; enabled?: number } = {};
    if (changes.name !== undefined) Object.assign(values, { name: changes.name, name_lower: changes.name.toLowerCase() });
    if (changes.description !== undefined) values.description = changes.description;
    if (changes.enabled !== undefined) values.enabled = changes.enabled ? 1 : 0;
    if (Object.keys(values).length === 0) return (await this.findById(id)) !== undefined;
    const result = await translateUnique('account', changes.name ?? id, () => this.db.updateTable('accounts').set(values).where('id', '=', id).executeTakeFirst());
    return Number(result.numUpdatedRows) > 0;
  }

  deleteWithContent(id: string): Promise<boolean> {
    return deleteAccountContent(this.db, id);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    awsAccountId: row.aws_account_id,
    numericId: Number(row.numeric_id),
    createdAt: Number(row.created_at),
    enabled: Number(row.enabled) === 1,
    description: row.description,
  };
}
