import { sql, type Kysely, type Selectable } from 'kysely';
import type { InstanceProfileRepository, RoleBoundaryRepository, RoleDeletionTaskRepository, SamlProviderRepository } from '../../core/ports.js';
import type { InstanceProfile } from '../../core/instance-profiles/instance-profile.js';
import type { SamlProvider } from '../../core/identity-providers/saml-provider.js';
import type { RoleDeletionTask } from '../../core/roles/service-linked-role.js';
import { translateUnique } from '../errors.js';
import type { Database, InstanceProfilesTable, SamlProvidersTable } from '../schema.js';

/** Role permissions boundaries (migration 0019): one row per role, cascading with it. */
export class KyselyRoleBoundaryRepository implements RoleBoundaryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(roleId: string): Promise<string | undefined> {
    return (await this.db.selectFrom('role_permissions_boundaries').select('policy_id').where('role_id', '=', roleId).executeTakeFirst())?.policy_id;
  }

  async put(accountId: string, roleId: string, policyId: string): Promise<void> {
    await this.db
      .insertInto('role_permissions_boundaries')
      .values({ role_id: roleId, account_id: accountId, policy_id: policyId })
      .onConflict((oc) => oc.column('role_id').doUpdateSet({ policy_id: policyId }))
      .execute();
  }

  async remove(roleId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('role_permissions_boundaries').where('role_id', '=', roleId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listRoleIds(accountId: string, policyId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('role_permissions_boundaries').select('role_id').where('account_id', '=', accountId).where('policy_id', '=', policyId).execute();
    return rows.map((r) => r.role_id);
  }

  async counts(accountId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('role_permissions_boundaries')
      .select(['policy_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .groupBy('policy_id')
      .execute();
    return new Map(rows.map((r) => [r.policy_id, Number(r.n)]));
  }
}

export class KyselyInstanceProfileRepository implements InstanceProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(p: InstanceProfile): Promise<void> {
    await translateUnique('instance-profile', p.name, () =>
      this.db
        .insertInto('instance_profiles')
        .values({ id: p.id, account_id: p.accountId, name: p.name, name_lower: p.name.toLowerCase(), path: p.path, aws_id: p.awsId, role_id: p.roleId, created_at: p.createdAt })
        .execute(),
    );
  }

  async findByName(accountId: string, name: string): Promise<InstanceProfile | undefined> {
    const row = await this.db.selectFrom('instance_profiles').selectAll().where('account_id', '=', accountId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toProfile(row);
  }

  async list(accountId: string, pathPrefix?: string): Promise<InstanceProfile[]> {
    let q = this.db.selectFrom('instance_profiles').selectAll().where('account_id', '=', accountId);
    // PathPrefix is case-sensitive: substr is exact on both engines, LIKE is not on SQLite
    if (pathPrefix) q = q.where(sql<boolean>`substr(${sql.ref('path')}, 1, ${[...pathPrefix].length}) = ${pathPrefix}`);
    return (await q.orderBy('name_lower').execute()).map(toProfile);
  }

  async count(accountId: string): Promise<number> {
    const row = await this.db.selectFrom('instance_profiles').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listForRole(roleId: string): Promise<InstanceProfile[]> {
    return (await this.db.selectFrom('instance_profiles').selectAll().where('role_id', '=', roleId).orderBy('name_lower').execute()).map(toProfile);
  }

  async addRole(profileId: string, roleId: string): Promise<boolean> {
    const result = await this.db.updateTable('instance_profiles').set({ role_id: roleId }).where('id', '=', profileId).where('role_id', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async removeRole(profileId: string, roleId: string): Promise<boolean> {
    const result = await this.db.updateTable('instance_profiles').set({ role_id: null }).where('id', '=', profileId).where('role_id', '=', roleId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('instance_profiles').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toProfile(row: Selectable<InstanceProfilesTable>): InstanceProfile {
  return { id: row.id, accountId: row.account_id, name: row.name, path: row.path, awsId: row.aws_id, roleId: row.role_id ?? null, createdAt: Number(row.created_at) };
}

export class KyselySamlProviderRepository implements SamlProviderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(p: SamlProvider): Promise<void> {
    await translateUnique('saml-provider', p.name, () =>
      this.db
        .insertInto('saml_providers')
        .values({ id: p.id, account_id: p.accountId, name: p.name, name_lower: p.name.toLowerCase(), metadata: p.metadata, valid_until: p.validUntil, created_at: p.createdAt, updated_at: p.updatedAt })
        .execute(),
    );
  }

  async findByName(accountId: string, name: string): Promise<SamlProvider | undefined> {
    const row = await this.db.selectFrom('saml_providers').selectAll().where('account_id', '=', accountId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toSaml(row);
  }

  async list(accountId: string): Promise<SamlProvider[]> {
    return (await this.db.selectFrom('saml_providers').selectAll().where('account_id', '=', accountId).orderBy('name_lower').execute()).map(toSaml);
  }

  async update(p: SamlProvider): Promise<void> {
    await this.db.updateTable('saml_providers').set({ metadata: p.metadata, valid_until: p.validUntil, updated_at: p.updatedAt }).where('account_id', '=', p.accountId).where('id', '=', p.id).execute();
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('saml_providers').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toSaml(row: Selectable<SamlProvidersTable>): SamlProvider {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    metadata: row.metadata,
    validUntil: row.valid_until === null ? null : Number(row.valid_until),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export class KyselyRoleDeletionTaskRepository implements RoleDeletionTaskRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(task: RoleDeletionTask): Promise<void> {
    await this.db.insertInto('role_deletion_tasks').values({ id: task.id, account_id: task.accountId, role_name: task.roleName, status: task.status, created_at: task.createdAt }).execute();
  }

  async find(accountId: string, id: string): Promise<RoleDeletionTask | undefined> {
    const row = await this.db.selectFrom('role_deletion_tasks').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, accountId: row.account_id, roleName: row.role_name, status: 'SUCCEEDED', createdAt: Number(row.created_at) };
  }
}
