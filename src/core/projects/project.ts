/**
 * A project (Keystone; Huawei v3 KeystoneCreateProject): a container inside an account (the Keystone
 * domain) that roles are granted on and tokens are scoped to. Top-level projects have no parent;
 * Keystone renders their `parent_id` as the domain id.
 */
export interface Project {
  /** 32 lowercase hex */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively */
  name: string;
  description: string;
  enabled: boolean;
  /** another project of the same account, or null for a top-level project */
  parentId: string | null;
  /** Keystone project tags: at most 80, each unique */
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

/** Keystone `[resource] max_project_tree_depth` default (5 levels, the domain not counted). */
export const MAX_PROJECT_DEPTH = 5;

/** Keystone project tags: "a project can have a maximum of 80 tags". */
export const MAX_PROJECT_TAGS = 80;

export interface ProjectListFilter {
  name?: string;
  enabled?: boolean;
  /** null: top-level projects only */
  parentId?: string | null;
  /** Keystone `tags`: every one of these */
  tagsAll?: string[];
  /** Keystone `tags-any`: at least one of these */
  tagsAny?: string[];
  /** Keystone `not-tags`: not all of these */
  notTagsAll?: string[];
  /** Keystone `not-tags-any`: none of these */
  notTagsAny?: string[];
  /** only these ids (projects a user holds a role on) */
  ids?: string[];
}

/** Whether a project passes the tag filters of a Keystone project list. */
export function matchesTags(project: Project, filter: ProjectListFilter): boolean {
  const has = (tag: string) => project.tags.includes(tag);
  if (filter.tagsAll && !filter.tagsAll.every(has)) return false;
  if (filter.tagsAny && !filter.tagsAny.some(has)) return false;
  if (filter.notTagsAll && filter.notTagsAll.length > 0 && filter.notTagsAll.every(has)) return false;
  if (filter.notTagsAny && filter.notTagsAny.some(has)) return false;
  return true;
}
