/**
 * What Keystone projects, roles and grants need from storage (issue #16). Kept
 * apart from `Repositories` like the token ports: each write is one statement, or a transaction the
 * repository opens itself. `store/repositories/projects.ts` and `roles.ts` implement them.
 */
import type { Role, RoleAssignment, RoleImplication } from '../keystone-roles/role.js';
import type { Project, ProjectListFilter } from './project.js';

export interface ProjectRepository {
  /** @throws already-exists when the name is taken in the account (case-insensitively) */
  create(project: Project): Promise<void>;
  findById(accountId: string, id: string): Promise<Project | undefined>;
  findByName(accountId: string, name: string): Promise<Project | undefined>;
  /** ordered by lowercased name; tag filters are applied by the caller */
  list(accountId: string, filter: Omit<ProjectListFilter, 'tagsAll' | 'tagsAny' | 'notTagsAll' | 'notTagsAny'>): Promise<Project[]>;
  /** @throws already-exists when a rename collides */
  update(project: Project): Promise<void>;
  /** removes the project and every grant on it; false when nothing was deleted */
  delete(accountId: string, id: string): Promise<boolean>;
  countChildren(accountId: string, id: string): Promise<number>;
  /** Keystone user `default_project_id`; null clears it */
  setDefaultProject(accountId: string, userId: string, projectId: string | null): Promise<void>;
  defaultProjectOf(accountId: string, userId: string): Promise<string | undefined>;
}

export interface AssignmentQuery {
  actorType?: RoleAssignment['actorType'];
  actorIds?: string[];
  targetType?: RoleAssignment['targetType'];
  targetId?: string;
  roleId?: string;
  inherited?: boolean;
}

export interface RoleRepository {
  /** @throws already-exists when the name is taken in the account (among global roles for a global one) */
  create(role: Role): Promise<void>;
  /** the account's own role or a global one (issue #16) */
  findById(accountId: string, id: string): Promise<Role | undefined>;
  /** any stored role by id, whatever its account: for a cloud operator's checks across domains only */
  findAnywhere(id: string): Promise<Role | undefined>;
  /** the global roles and the account's own */
  list(accountId: string): Promise<Role[]>;
  /** @throws already-exists when a rename collides */
  update(role: Role): Promise<void>;
  /**
   * Removes the role (`accountId` '' for a global one) and, in the same transaction, its grants and the
   * implications naming it in every account; false when nothing was deleted.
   */
  delete(accountId: string, id: string): Promise<boolean>;
  /** idempotent */
  addImplication(implication: RoleImplication): Promise<void>;
  removeImplication(accountId: string, priorId: string, impliedId: string): Promise<boolean>;
  /** the global implications (stored under '') and the account's own */
  listImplications(accountId: string): Promise<RoleImplication[]>;
  /** idempotent: false when it was already granted */
  grant(assignment: RoleAssignment): Promise<boolean>;
  revoke(assignment: Omit<RoleAssignment, 'createdAt'>): Promise<boolean>;
  listAssignments(accountId: string, query: AssignmentQuery): Promise<RoleAssignment[]>;
  /** a deleted user's or group's grants go with it */
  removeActor(accountId: string, actorId: string): Promise<void>;
}
