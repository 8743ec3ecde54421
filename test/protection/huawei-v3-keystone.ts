/**
 * Protection-matrix rows of the Keystone projects, roles and grants of the v3 table (issue #16). Each
 * row makes what it acts on (a project, a custom role, a grant, a tag) in the fixture's account through
 * the core services, before the request is watched.
 * @see #16
 */
import { systemContext } from '../../src/core/principal.js';
import type { V3Operation } from '../../src/dialects/huawei-v3/operation.js';
import type { Fixture, MatrixEnv, Planned, Row } from './personas.js';

export interface V3Request {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  unsigned?: boolean;
}

interface Made {
  projectId: string;
  roleId: string;
  impliedId: string;
}

/** A project tagged `t1`, a custom role implying another, and grants of the role to the fixture's user and group on every target. */
async function make(env: MatrixEnv, fx: Fixture, n: number): Promise<Made> {
  const s = env.server.polyiam.services;
  const ctx = systemContext(fx.account.id, 'system', 'system');
  const project = await s.projects.create(ctx, { name: `fx-project-${n}`, tags: ['t1'] });
  const role = await s.keystoneRoles.create(ctx, { name: `fx-role-${n}` });
  const implied = await s.keystoneRoles.create(ctx, { name: `fx-implied-${n}` });
  await s.keystoneRoles.imply(ctx, role.id, implied.id);
  for (const inherited of [false, true]) {
    for (const [actorType, actorId] of [['user', fx.user.id], ['group', fx.group.id]] as const) {
      for (const [targetType, targetId] of [['project', project.id], ['domain', fx.account.id]] as const) {
        await s.grants.grant(ctx, { actorType, actorId, targetType, targetId, roleId: role.id, inherited });
      }
    }
  }
  fx.marks.push(project.id, role.id);
  return { projectId: project.id, roleId: role.id, impliedId: implied.id };
}

const plan = (method: V3Request['method'], path: string, body?: unknown): Planned<V3Request> => ({ req: { method, path, ...(body === undefined ? {} : { body }) } });

/** The path of an operation with the fixture's ids in place of its parameters. */
function fill(url: string, fx: Fixture, made: Made): string {
  return `/v3${url}`
    .replace(':project_id', made.projectId)
    .replace(':domain_id', fx.account.id)
    .replace(':user_id', fx.user.id)
    .replace(':group_id', fx.group.id)
    .replace(':implied_role_id', made.impliedId)
    .replace(':role_id', made.roleId)
    .replace(':tag', 't1');
}

const BODIES: Record<string, (n: number) => unknown> = {
  keystoneCreateProject: (n) => ({ project: { name: `made-${n}` } }),
  keystoneUpdateProject: () => ({ project: { description: 'changed' } }),
  keystoneReplaceProjectTags: () => ({ tags: ['t2'] }),
  keystoneCreateRole: (n) => ({ role: { name: `made-role-${n}` } }),
  keystoneUpdateRole: () => ({ role: { description: 'changed' } }),
};

/** A row for every Keystone operation of the table that acts on projects, roles or grants. */
export function keystoneRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const op of operations) {
    if (!/^\/(projects|roles|role_|domains\/:domain_id\/(users|groups)|OS-INHERIT|users\/:user_id\/projects|auth\/projects)/.test(op.url)) continue;
    rows[op.name] = async (_persona, fx, n, env) => {
      const made = await make(env, fx, n);
      // the project delete needs a project without the grants' sub-projects: it has none
      return plan(op.method, fill(op.url, fx, made), BODIES[op.name]?.(n));
    };
  }
  return rows;
}
