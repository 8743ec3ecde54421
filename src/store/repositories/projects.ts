import type { Kysely, Selectable } from 'kysely';
import type { ProjectRepository } from '../../core/projects/ports.js';
import type { Project, ProjectListFilter } from '../../core/projects/project.js';
import { translateUnique } from '../errors.js';
import type { Database, ProjectsTable } from '../schema.js';

export class KyselyProjectRepository implements ProjectRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(project: Project): Promise<void> {
    await translateUnique('project', project.name, () => this.db.insertInto('projects').values(toRow(project)).execute());
  }

  async findById(accountId: string, id: string): Promise<Project | undefined> {
    const row = await this.db.selectFrom('projects').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && toProject(row);
  }

  async findByName(accountId: string, name: string): Promise<Project | undefined> {
    const row = await this.db.selectFrom('projects').selectAll().where('account_id', '=', accountId).where('name_lower', '=', name.toLowerCase()).executeTakeFirst();
    return row && toProject(row);
  }

  async list(accountId: string, filter: ProjectListFilter): Promise<Project[]> {
    let q = this.db.selectFrom('projects').selectAll().where('account_id', '=', accountId).orderBy('name_lower');
    if (filter.name !== undefined) q = q.where('name_lower', '=', filter.name.toLowerCase());
    if (filter.enabled !== undefined) q = q.where('enabled', '=', filter.enabled ? 1 : 0);
    if (filter.parentId === null) q = q.where('parent_id', 'is', null);
    else if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId);
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      q = q.where('id', 'in', filter.ids);
    }
    return (await q.execute()).map(toProject);
  }

  async update(project: Project): Promise<void> {
    const { id, account_id: _a, created_at: _c, ...changes } = toRow(project);
    await translateUnique('project', project.name, () => this.db.updateTable('projects').set(changes).where('id', '=', id).execute());
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('projects').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      // SECURITY: grants on the project go with it, so a new project can never inherit them
      await trx.deleteFrom('role_assignments').where('account_id', '=', accountId).where('target_type', '=', 'project').where('target_id', '=', id).execute();
      return true;
    });
  }

  async setDefaultProject(accountId: string, userId: string, projectId: string | null): Promise<void> {
    if (projectId === null) {
      await this.db.deleteFrom('user_default_projects').where('account_id', '=', accountId).where('user_id', '=', userId).execute();
      return;
    }
    await this.db
      .insertInto('user_default_projects')
      .values({ user_id: userId, account_id: accountId, project_id: projectId })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ project_id: projectId }))
      .execute();
  }

  async defaultProjectOf(accountId: string, userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('user_default_projects').select('project_id').where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
    return row?.project_id;
  }

  async countChildren(accountId: string, id: string): Promise<number> {
    const row = await this.db.selectFrom('projects').select((eb) => eb.fn.countAll<string | number>().as('n')).where('account_id', '=', accountId).where('parent_id', '=', id).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function toRow(project: Project): ProjectsTable {
  return {
    id: project.id,
    account_id: project.accountId,
    name: project.name,
    name_lower: project.name.toLowerCase(),
    description: project.description,
    enabled: project.enabled ? 1 : 0,
    parent_id: project.parentId,
    tags: JSON.stringify(project.tags),
    created_at: project.createdAt,
    updated_at: project.updatedAt,
  };
}

function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    enabled: Number(row.enabled) === 1,
    parentId: row.parent_id,
    tags: JSON.parse(row.tags) as string[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
