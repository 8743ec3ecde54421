/** In-memory fakes of the repositories of migration 0019, held to the same store contract as SQL. */
import type { InstanceProfile } from '../instance-profiles/instance-profile.js';
import type { SamlProvider } from '../identity-providers/saml-provider.js';
import type { InstanceProfileRepository, RoleBoundaryRepository, RoleDeletionTaskRepository, SamlProviderRepository } from '../ports.js';
import type { RoleDeletionTask } from '../roles/service-linked-role.js';
import { checkUnique, compareBytewise, copy, requireParent, type TablesHolder } from './in-memory-tables.js';

export class InMemoryRoleBoundaryRepository implements RoleBoundaryRepository {
  constructor(private readonly db: TablesHolder) {}

  async find(roleId: string): Promise<string | undefined> {
    // the SQL row cascades with its role
    if (!this.db.tables.roles.has(roleId)) return undefined;
    return this.db.tables.roleBoundaries.get(roleId)?.policyId;
  }

  async put(accountId: string, roleId: string, policyId: string): Promise<void> {
    requireParent(this.db.tables.roles.has(roleId), 'role_permissions_boundaries', 'role_id');
    this.db.tables.roleBoundaries.set(roleId, { accountId, policyId });
  }

  async remove(roleId: string): Promise<boolean> {
    return this.db.tables.roleBoundaries.delete(roleId);
  }

  async listRoleIds(accountId: string, policyId: string): Promise<string[]> {
    return [...this.db.tables.roleBoundaries].filter(([roleId, b]) => b.accountId === accountId && b.policyId === policyId && this.db.tables.roles.has(roleId)).map(([roleId]) => roleId);
  }

  async counts(accountId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const [roleId, b] of this.db.tables.roleBoundaries) {
      if (b.accountId === accountId && this.db.tables.roles.has(roleId)) counts.set(b.policyId, (counts.get(b.policyId) ?? 0) + 1);
    }
    return counts;
  }
}

const byName = (a: { name: string }, b: { name: string }) => compareBytewise(a.name.toLowerCase(), b.name.toLowerCase());

export class InMemoryInstanceProfileRepository implements InstanceProfileRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(p: InstanceProfile): Promise<void> {
    const t = this.db.tables;
    requireParent(t.accounts.has(p.accountId), 'instance_profiles', 'account_id');
    checkUnique(t.instanceProfiles.values(), p, () => false, [(r) => r.id, (r) => r.awsId, (r) => `${r.accountId}/${r.name.toLowerCase()}`], 'instance-profile', p.name);
    t.instanceProfiles.set(p.id, copy(p));
  }

  async findByName(accountId: string, name: string): Promise<InstanceProfile | undefined> {
    const row = [...this.db.tables.instanceProfiles.values()].find((p) => p.accountId === accountId && p.name.toLowerCase() === name.toLowerCase());
    return row && copy(row);
  }

  async list(accountId: string, pathPrefix?: string): Promise<InstanceProfile[]> {
    return [...this.db.tables.instanceProfiles.values()].filter((p) => p.accountId === accountId && (!pathPrefix || p.path.startsWith(pathPrefix))).sort(byName).map(copy);
  }

  async count(accountId: string): Promise<number> {
    return [...this.db.tables.instanceProfiles.values()].filter((p) => p.accountId === accountId).length;
  }

  async listForRole(roleId: string): Promise<InstanceProfile[]> {
    return [...this.db.tables.instanceProfiles.values()].filter((p) => p.roleId === roleId).sort(byName).map(copy);
  }

  async addRole(profileId: string, roleId: string): Promise<boolean> {
    const row = this.db.tables.instanceProfiles.get(profileId);
    if (!row || row.roleId !== null) return false;
    requireParent(this.db.tables.roles.has(roleId), 'instance_profiles', 'role_id');
    row.roleId = roleId;
    return true;
  }

  async removeRole(profileId: string, roleId: string): Promise<boolean> {
    const row = this.db.tables.instanceProfiles.get(profileId);
    if (!row || row.roleId !== roleId) return false;
    row.roleId = null;
    return true;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const row = this.db.tables.instanceProfiles.get(id);
    if (!row || row.accountId !== accountId) return false;
    return this.db.tables.instanceProfiles.delete(id);
  }
}

export class InMemorySamlProviderRepository implements SamlProviderRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(p: SamlProvider): Promise<void> {
    const t = this.db.tables;
    requireParent(t.accounts.has(p.accountId), 'saml_providers', 'account_id');
    checkUnique(t.samlProviders.values(), p, () => false, [(r) => r.id, (r) => `${r.accountId}/${r.name.toLowerCase()}`], 'saml-provider', p.name);
    t.samlProviders.set(p.id, copy(p));
  }

  async findByName(accountId: string, name: string): Promise<SamlProvider | undefined> {
    const row = [...this.db.tables.samlProviders.values()].find((p) => p.accountId === accountId && p.name.toLowerCase() === name.toLowerCase());
    return row && copy(row);
  }

  async list(accountId: string): Promise<SamlProvider[]> {
    return [...this.db.tables.samlProviders.values()].filter((p) => p.accountId === accountId).sort(byName).map(copy);
  }

  async update(p: SamlProvider): Promise<void> {
    const row = this.db.tables.samlProviders.get(p.id);
    if (row && row.accountId === p.accountId) Object.assign(row, { metadata: p.metadata, validUntil: p.validUntil, updatedAt: p.updatedAt });
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const row = this.db.tables.samlProviders.get(id);
    if (!row || row.accountId !== accountId) return false;
    return this.db.tables.samlProviders.delete(id);
  }
}

export class InMemoryRoleDeletionTaskRepository implements RoleDeletionTaskRepository {
  constructor(private readonly db: TablesHolder) {}

  async create(task: RoleDeletionTask): Promise<void> {
    requireParent(this.db.tables.accounts.has(task.accountId), 'role_deletion_tasks', 'account_id');
    this.db.tables.roleDeletionTasks.set(task.id, copy(task));
  }

  async find(accountId: string, id: string): Promise<RoleDeletionTask | undefined> {
    const row = this.db.tables.roleDeletionTasks.get(id);
    return row && row.accountId === accountId ? copy(row) : undefined;
  }
}
