import { Actions } from '../../../core/authorization/actions.js';
import type { ProjectListFilter } from '../../../core/projects/project.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { KeystoneHttpError } from '../errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { checkTag, parseTags, PROJECT_DESCRIPTION, PROJECT_NAME, renderProject, uniqueTags } from '../project-rules.js';
import { reachDomain } from './operator-scope.js';
import { booleanQuery, onlyKnownQuery, pathId, queryValue, requireOwnDomain } from '../rules.js';

const projectId = (call: V3Call) => pathId(call, 'project_id');

/** Keystone `parent_id` in a body: the domain's own id means top level. */
function parentOf(call: V3Call, parent: string | undefined): string | null {
  return parent === undefined || parent === callerOf(call).principal.accountId ? null : parent;
}

/** Keystone `is_domain: true` makes a domain: only an operator makes domains, never through a project. */
function refuseDomainProject(isDomain: boolean | undefined): void {
  if (isDomain) throw new KeystoneHttpError(403, 'a project acting as a domain (`is_domain: true`) is not supported: domains are accounts, made by an operator');
}

/** The list filters of Keystone GET /v3/projects (and the user's and token's project lists). */
function listFilter(call: V3Call): ProjectListFilter {
  const tagList = (name: string) => {
    const value = queryValue(call, name);
    return value === undefined ? undefined : uniqueTags(value.split(','), name);
  };
  const filter: ProjectListFilter = {};
  const name = queryValue(call, 'name');
  if (name !== undefined) filter.name = name;
  const enabled = booleanQuery(call, 'enabled');
  if (enabled !== undefined) filter.enabled = enabled;
  const parent = queryValue(call, 'parent_id');
  if (parent !== undefined) filter.parentId = parentOf(call, parent);
  const tags = { tagsAll: tagList('tags'), tagsAny: tagList('tags-any'), notTagsAll: tagList('not-tags'), notTagsAny: tagList('not-tags-any') };
  for (const [key, value] of Object.entries(tags)) if (value !== undefined) filter[key as 'tagsAll'] = value;
  return filter;
}

const LIST_QUERY = ['domain_id', 'name', 'enabled', 'parent_id', 'is_domain', 'tags', 'tags-any', 'not-tags', 'not-tags-any'];

/** Keystone projects (Huawei v3 "Project Management": KeystoneCreateProject, KeystoneListProjects, ...). */
export const projectOperations: V3Operation[] = [
  {
    name: 'keystoneCreateProject',
    method: 'POST',
    url: '/projects',
    access: 'required',
    async run(call) {
      const project = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['project']).requiredObject('project');
      project.onlyKnown(['name', 'description', 'domain_id', 'enabled', 'parent_id', 'is_domain', 'tags', 'options']);
      const name = project.requiredString('name', PROJECT_NAME);
      const description = project.optionalString('description', PROJECT_DESCRIPTION);
      const enabled = project.optionalBoolean('enabled');
      refuseDomainProject(project.optionalBoolean('is_domain'));
      await reachDomain(call, project.optionalString('domain_id', { min: 1, max: 64 }), Actions.createProject);
      const parentId = parentOf(call, project.optionalString('parent_id', { min: 1, max: 64 }));
      const tags = parseTags(project);
      const created = await call.services.projects.create(callerOf(call), {
        name,
        parentId,
        ...(description !== undefined ? { description } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
        ...(tags !== undefined ? { tags } : {}),
      });
      return { status: 201, body: { project: renderProject(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListProjects',
    method: 'GET',
    url: '/projects',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, LIST_QUERY);
      await reachDomain(call, queryValue(call, 'domain_id'), Actions.listProjects);
      // polyiam projects are never domains: asking for domains only finds none
      const projects = booleanQuery(call, 'is_domain') === true ? [] : await call.services.projects.list(callerOf(call), listFilter(call));
      return { status: 200, body: { projects: projects.map((p) => renderProject(p, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowProject',
    method: 'GET',
    url: '/projects/:project_id',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['parents_as_list', 'subtree_as_list', 'parents_as_ids', 'subtree_as_ids', 'include_limits']);
      return { status: 200, body: { project: renderProject(await call.services.projects.get(callerOf(call), projectId(call)), call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateProject',
    method: 'PATCH',
    url: '/projects/:project_id',
    access: 'required',
    async run(call) {
      const project = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['project']).requiredObject('project');
      project.onlyKnown(['name', 'description', 'domain_id', 'enabled', 'parent_id', 'is_domain', 'tags', 'options']);
      const name = project.optionalString('name', PROJECT_NAME);
      const description = project.optionalString('description', PROJECT_DESCRIPTION);
      const enabled = project.optionalBoolean('enabled');
      const tags = parseTags(project);
      // Keystone: a project's domain and place in the tree are fixed once made
      const id = projectId(call);
      const current = await call.services.projects.get(callerOf(call), id);
      const domainId = project.optionalString('domain_id', { min: 1, max: 64 });
      if (domainId !== undefined && domainId !== current.accountId) throw new WireValidationError(project.name('domain_id'), 'cannot change the domain of a project');
      const parent = project.optionalString('parent_id', { min: 1, max: 64 });
      if (parent !== undefined && parentOf(call, parent) !== current.parentId) throw new KeystoneHttpError(403, 'cannot change the parent of a project');
      if (project.optionalBoolean('is_domain') === true) throw new WireValidationError(project.name('is_domain'), 'cannot change a project into a domain');
      const updated = await call.services.projects.update(callerOf(call), id, {
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
        ...(tags !== undefined ? { tags } : {}),
      });
      return { status: 200, body: { project: renderProject(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteProject',
    method: 'DELETE',
    url: '/projects/:project_id',
    access: 'required',
    async run(call) {
      await call.services.projects.delete(callerOf(call), projectId(call));
      return { status: 204 };
    },
  },
  {
    // Keystone GET /v3/projects/{project_id}/tags
    name: 'keystoneListProjectTags',
    method: 'GET',
    url: '/projects/:project_id/tags',
    access: 'required',
    async run(call) {
      return { status: 200, body: { tags: (await call.services.projects.get(callerOf(call), projectId(call))).tags } };
    },
  },
  {
    // Keystone PUT /v3/projects/{project_id}/tags: replaces every tag
    name: 'keystoneReplaceProjectTags',
    method: 'PUT',
    url: '/projects/:project_id/tags',
    access: 'required',
    async run(call) {
      const body = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['tags']);
      const tags = parseTags(body) ?? [];
      const updated = await call.services.projects.update(callerOf(call), projectId(call), { tags });
      return { status: 200, body: { tags: updated.tags } };
    },
  },
  {
    name: 'keystoneDeleteProjectTags',
    method: 'DELETE',
    url: '/projects/:project_id/tags',
    access: 'required',
    async run(call) {
      await call.services.projects.update(callerOf(call), projectId(call), { tags: [] });
      return { status: 204 };
    },
  },
  {
    // Keystone GET /v3/projects/{project_id}/tags/{tag}: 204 when the project has it, 404 otherwise
    name: 'keystoneCheckProjectTag',
    method: 'GET',
    url: '/projects/:project_id/tags/:tag',
    access: 'required',
    async run(call) {
      const tag = pathTag(call);
      const project = await call.services.projects.get(callerOf(call), projectId(call));
      if (!project.tags.includes(tag)) throw new KeystoneHttpError(404, `could not find tag \`${tag}\` on project \`${project.id}\``);
      return { status: 204 };
    },
  },
  {
    // Keystone PUT /v3/projects/{project_id}/tags/{tag}: 201 with the location of the tag
    name: 'keystoneAddProjectTag',
    method: 'PUT',
    url: '/projects/:project_id/tags/:tag',
    access: 'required',
    async run(call) {
      const tag = pathTag(call);
      const project = await call.services.projects.get(callerOf(call), projectId(call));
      if (!project.tags.includes(tag)) {
        if (project.tags.length >= 80) throw new WireValidationError('tags', 'a project has at most 80 tags');
        await call.services.projects.update(callerOf(call), project.id, { tags: [...project.tags, tag] });
      }
      return { status: 201, headers: { location: `${call.origin}/v3/projects/${project.id}/tags/${encodeURIComponent(tag)}` } };
    },
  },
  {
    name: 'keystoneDeleteProjectTag',
    method: 'DELETE',
    url: '/projects/:project_id/tags/:tag',
    access: 'required',
    async run(call) {
      const tag = pathTag(call);
      const project = await call.services.projects.get(callerOf(call), projectId(call));
      if (!project.tags.includes(tag)) throw new KeystoneHttpError(404, `could not find tag \`${tag}\` on project \`${project.id}\``);
      await call.services.projects.update(callerOf(call), project.id, { tags: project.tags.filter((t) => t !== tag) });
      return { status: 204 };
    },
  },
];

function pathTag(call: V3Call): string {
  const tag = call.params.tag ?? '';
  checkTag(tag, 'tag');
  return tag;
}
