import type { Kysely, Selectable } from 'kysely';
import type { AssignmentQuery, RoleRepository } from '../../core/projects/ports.js';
import type { Role, RoleAssignment, RoleImplication } from '../../core/keystone-roles/role.js';
import { translateUnique } from '../errors.js';
import type { Database, RoleAssignmentsTable, KeystoneRolesTable } from '../schema.js';

/** The `account_id` of global roles and of their implications (issue #16): no account has it. */
const GLOBAL = '';

export class KyselyKeystoneRoleRepository implements RoleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(role: Role): Promise<void> {
    await translateUnique('role', role.name, () => this.db.insertInto('keystone_roles').values(toRow(role)).execute());
  }

  async findById(accountId: string, id: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('keystone_roles').selectAll().where('account_id', 'in', [accountId, GLOBAL]).where('id', '=', id).executeTakeFirst();
    return row && toRole(row);
  }

  async findAnywhere(id: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('keystone_roles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRole(row);
  }

  async list(accountId: string): Promise<Role[]> {
    return (await this.db.selectFrom('keystone_roles').selectAll().where('account_id', 'in', [accountId, GLOBAL]).orderBy('name_lower').orderBy('account_id').execute()).map(toRole);
  }

  async update(role: Role): Promise<void> {
    await translateUnique('role', role.name, () =>
      this.db.updateTable('keystone_roles').set({ name: role.name, name_lower: role.name.toLowerCase(), description: role.description }).where('id', '=', role.id).execute(),
    );
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('keystone_roles').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      // role ids are unique across the server: a global role's grants are in every account, and an
      // operator may have made another domain's role imply this one (issue #16)
      await trx.deleteFrom('role_assignments').where('role_id', '=', id).execute();
      await trx
        .deleteFrom('keystone_role_implications')
        .where((eb) => eb.or([eb('prior_role_id', '=', id), eb('implied_role_id', '=', id)]))
        .execute();
      return true;
    });
  }

  async addImplication(implication: RoleImplication): Promise<void> {
    await this.db
      .insertInto('keystone_role_implications')
      .values({ account_id: implication.accountId, prior_role_id: implication.priorId, implied_role_id: implication.impliedId })
      .onConflict((oc) => oc.columns(['account_id', 'prior_role_id', 'implied_role_id']).doNothing())
      .execute();
  }

  async removeImplication(accountId: string, priorId: string, impliedId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('keystone_role_implications').where('account_id', '=', accountId).where('prior_role_id', '=', priorId).where('implied_role_id', '=', impliedId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listImplications(accountId: string): Promise<RoleImplication[]> {
    const rows = await this.db.selectFrom('keystone_role_implications').selectAll().where('account_id', 'in', [accountId, GLOBAL]).execute();
    return rows.map((r) => ({ accountId: r.account_id, priorId: r.prior_role_id, impliedId: r.implied_role_id }));
  }

  async grant(a: RoleAssignment): Promise<boolean> {
    const result = await this.db
      .insertInto('role_assignments')
      .values({
        account_id: a.accountId,
        actor_type: a.actorType,
        actor_id: a.actorId,
        target_type: a.targetType,
        target_id: a.targetId,
        role_id: a.roleId,
        inherited: a.inherited ? 1 : 0,
        created_at: a.createdAt,
      })
      .onConflict((oc) => oc.columns(['account_id', 'actor_type', 'actor_id', 'target_type', 'target_id', 'role_id', 'inherited']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async revoke(a: Omit<RoleAssignment, 'createdAt'>): Promise<boolean> {
    const result = await this.db
      .deleteFrom('role_assignments')
      .where('account_id', '=', a.accountId)
      .where('actor_type', '=', a.actorType)
      .where('actor_id', '=', a.actorId)
      .where('target_type', '=', a.targetType)
      .where('target_id', '=', a.targetId)
      .where('role_id', '=', a.roleId)
      .where('inherited', '=', a.inherited ? 1 : 0)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listAssignments(accountId: string, query: AssignmentQuery): Promise<RoleAssignment[]> {
    let q = this.db.selectFrom('role_assignments').selectAll().where('account_id', '=', accountId);
    if (query.actorType !== undefined) q = q.where('actor_type', '=', query.actorType);
    // issue #13: agencies' grants share the table; Keystone's listings name users and groups only
    else q = q.where('actor_type', '!=', 'agency');
    if (query.actorIds !== undefined) {
      if (query.actorIds.length === 0) return [];
      q = q.where('actor_id', 'in', query.actorIds);
    }
    if (query.targetType !== undefined) q = q.where('target_type', '=', query.targetType);
    if (query.targetId !== undefined) q = q.where('target_id', '=', query.targetId);
    if (query.roleId !== undefined) q = q.where('role_id', '=', query.roleId);
    if (query.inherited !== undefined) q = q.where('inherited', '=', query.inherited ? 1 : 0);
    return (await q.orderBy('created_at').execute()).map(toAssignment);
  }

  async removeActor(accountId: string, actorId: string): Promise<void> {
    await this.db.deleteFrom('role_assignments').where('account_id', '=', accountId).where('actor_id', '=', actorId).execute();
  }
}

function toRow(role: Role): KeystoneRolesTable {
  return {
    id: role.id,
    account_id: role.accountId ?? GLOBAL,
    name: role.name,
    name_lower: role.name.toLowerCase(),
    description: role.description,
    domain_role: role.isDomainRole ? 1 : 0,
    created_at: role.createdAt,
  };
}

function toRole(row: Selectable<KeystoneRolesTable>): Role {
  const isGlobal = row.account_id === GLOBAL;
  return { id: row.id, accountId: isGlobal ? null : row.account_id, isGlobal, name: row.name, description: row.description, isDomainRole: Number(row.domain_role) === 1, createdAt: Number(row.created_at) };
}

function toAssignment(row: Selectable<RoleAssignmentsTable>): RoleAssignment {
  return {
    accountId: row.account_id,
    actorType: row.actor_type as RoleAssignment['actorType'],
    actorId: row.actor_id,
    targetType: row.target_type as RoleAssignment['targetType'],
    targetId: row.target_id,
    roleId: row.role_id,
    inherited: Number(row.inherited) === 1,
    createdAt: Number(row.created_at),
  };
}
