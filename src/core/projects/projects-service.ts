import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { DeleteConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import type { ProjectRepository } from './ports.js';
import { matchesTags, MAX_PROJECT_DEPTH, type Project, type ProjectListFilter } from './project.js';

export interface CreateProjectInput {
  name: string;
  description?: string;
  enabled?: boolean;
  parentId?: string | null;
  tags?: string[];
}

export interface UpdateProjectInput {
  name?: string;
  description?: string;
  enabled?: boolean;
  tags?: string[];
}

/** The account (Keystone domain) as the resource of project calls: projects have no resource-level name. */
const accountResource = (accountId: string): ResourceRef => ({ type: 'account', accountId });

/**
 * Keystone projects of one account (Huawei v3 KeystoneCreateProject, KeystoneListProjects, ...).
 * Reads for token scoping and rendering go through `find`, which remembers projects until any change
 * to the account's projects (the `keystone` change) so a project-scoped token costs no query.
 */
export class ProjectsService {
  private readonly remembered = new Map<string, Project | null>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly projects: ProjectRepository,
  ) {
    deps.changes.subscribe((change) => {
      if (change.kind === 'keystone' || change.kind === 'account') this.remembered.clear();
    });
  }

  /** @throws access-denied | already-exists | not-found (parent) | invalid-input (depth) */
  create(ctx: CallContext, input: CreateProjectInput): Promise<Project> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createProject, accountResource(accountId), async () => {
      const parentId = input.parentId ?? null;
      if (parentId !== null) await this.checkDepth(accountId, parentId);
      const now = this.deps.clock.now();
      const project: Project = {
        id: this.deps.ids.hexId(),
        accountId,
        name: input.name,
        description: input.description ?? '',
        enabled: input.enabled ?? true,
        parentId,
        tags: input.tags ?? [],
        createdAt: now,
        updatedAt: now,
      };
      await this.projects.create(project);
      this.changed(accountId);
      return project;
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<Project> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getProject, accountResource(accountId), () => this.require(accountId, id));
  }

  /** Keystone GET /v3/projects with its filters. @throws access-denied */
  list(ctx: CallContext, filter: ProjectListFilter = {}): Promise<Project[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listProjects, accountResource(accountId), () => this.listUnchecked(accountId, filter));
  }

  /** @throws access-denied | not-found | already-exists */
  update(ctx: CallContext, id: string, input: UpdateProjectInput): Promise<Project> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateProject, accountResource(accountId), async () => {
      const current = await this.require(accountId, id);
      const next: Project = {
        ...current,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        updatedAt: this.deps.clock.now(),
      };
      await this.projects.update(next);
      this.changed(accountId);
      return next;
    });
  }

  /**
   * Keystone DELETE /v3/projects/{id}: its grants go with it; a project with sub-projects is refused
   * (Keystone: 403 "cannot delete a project that has children", as a conflict here).
   * @throws access-denied | not-found | delete-conflict
   */
  delete(ctx: CallContext, id: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteProject, accountResource(accountId), async () => {
      await this.require(accountId, id);
      if ((await this.projects.countChildren(accountId, id)) > 0) throw new DeleteConflictError('project', id, ['projects']);
      if (!(await this.projects.delete(accountId, id))) throw new NotFoundError('project', id);
      this.changed(accountId);
    });
  }

  /**
   * Keystone user `default_project_id`: set by whoever may update the user (the dialect authorizes
   * that through the user update it is part of); the project must exist in the account.
   * @throws not-found (project)
   */
  async setDefaultProject(accountId: string, userId: string, projectId: string | null): Promise<void> {
    if (projectId !== null) await this.require(accountId, projectId);
    await this.projects.setDefaultProject(accountId, userId, projectId);
  }

  defaultProjectOf(accountId: string, userId: string): Promise<string | undefined> {
    return this.projects.defaultProjectOf(accountId, userId);
  }

  /** A project by id without authorization, for token scoping and rendering (remembered until a change). */
  async find(accountId: string, id: string): Promise<Project | undefined> {
    const key = `${accountId}:${id}`;
    const known = this.remembered.get(key);
    if (known !== undefined) return known ?? undefined;
    const project = await this.projects.findById(accountId, id);
    if (this.remembered.size > 10_000) this.remembered.clear();
    this.remembered.set(key, project ?? null);
    return project;
  }

  /** A project by name without authorization (token scope by name). */
  findByName(accountId: string, name: string): Promise<Project | undefined> {
    return this.projects.findByName(accountId, name);
  }

  /** The account's projects matching `filter`, without authorization (for the caller's own projects). */
  async listUnchecked(accountId: string, filter: ProjectListFilter): Promise<Project[]> {
    const { tagsAll: _a, tagsAny: _b, notTagsAll: _c, notTagsAny: _d, ...stored } = filter;
    const rows = await this.projects.list(accountId, stored);
    return rows.filter((project) => matchesTags(project, filter));
  }

  private async require(accountId: string, id: string): Promise<Project> {
    const project = await this.projects.findById(accountId, id);
    if (!project) throw new NotFoundError('project', id);
    return project;
  }

  /** Keystone `max_project_tree_depth`: the parent's chain plus the new project stays within the limit. */
  private async checkDepth(accountId: string, parentId: string): Promise<void> {
    let depth = 1;
    let cursor: string | null = parentId;
    while (cursor !== null) {
      const parent = await this.projects.findById(accountId, cursor);
      if (!parent) throw new NotFoundError('project', cursor);
      depth += 1;
      if (depth > MAX_PROJECT_DEPTH) throw new InvalidInputError('parent_id', `the project tree would be deeper than ${MAX_PROJECT_DEPTH} levels`);
      cursor = parent.parentId;
    }
  }

  private changed(accountId: string): void {
    this.deps.changes.emit({ kind: 'keystone', id: accountId });
  }
}
