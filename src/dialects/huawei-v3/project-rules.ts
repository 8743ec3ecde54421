import type { Project } from '../../core/projects/project.js';
import { MAX_PROJECT_TAGS } from '../../core/projects/project.js';
import type { JsonFields, StringRule } from '../kit/json-fields.js';
import { WireValidationError } from '../kit/wire-errors.js';

/**
 * Keystone project `name` (resource/schema.py `_name_properties`): 1 to 64 characters with at least one
 * that is not white space. Huawei KeystoneCreateProject names regions' sub-projects `{region}_{name}`;
 * polyiam's projects are not regions, so the Keystone rule applies.
 */
export const PROJECT_NAME: StringRule = { min: 1, max: 64, pattern: /\S/, patternText: 'must not be only white space' };

/** Keystone `description`: free text (bounded here, as the other v3 descriptions are). */
export const PROJECT_DESCRIPTION: StringRule = { max: 255 };

/** Keystone project tags (resource/schema.py `_project_tag_name_properties`): 1 to 255 characters, no `,` or `/`. */
export const PROJECT_TAG: StringRule = { min: 1, max: 255, pattern: /^[^,/]*$/, patternText: 'must not contain `,` or `/`' };

/** `tags` of a project body: unique strings, at most 80. */
export function parseTags(fields: JsonFields, field = 'tags'): string[] | undefined {
  const raw = fields.optionalArray(field, MAX_PROJECT_TAGS);
  if (raw === undefined) return undefined;
  return uniqueTags(raw, fields.name(field));
}

export function uniqueTags(raw: unknown[], name: string): string[] {
  const tags: string[] = [];
  for (const [i, tag] of raw.entries()) {
    if (typeof tag !== 'string') throw new WireValidationError(`${name}[${i}]`, 'must be a string');
    checkTag(tag, `${name}[${i}]`);
    if (tags.includes(tag)) throw new WireValidationError(name, `\`${tag}\` is given more than once`);
    tags.push(tag);
  }
  return tags;
}

export function checkTag(tag: string, field: string): void {
  const length = [...tag].length;
  if (length < 1 || length > 255) throw new WireValidationError(field, 'must be 1 to 255 characters');
  if (!PROJECT_TAG.pattern!.test(tag)) throw new WireValidationError(field, PROJECT_TAG.patternText!);
}

/** Keystone project: a top-level project's `parent_id` is its domain's id; polyiam projects are never domains. */
export function renderProject(project: Project, origin: string) {
  return {
    id: project.id,
    name: project.name,
    domain_id: project.accountId,
    description: project.description,
    enabled: project.enabled,
    parent_id: project.parentId ?? project.accountId,
    is_domain: false,
    tags: project.tags,
    options: {},
    links: { self: `${origin}/v3/projects/${project.id}` },
  };
}
