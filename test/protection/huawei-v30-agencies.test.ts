/**
 * Protection matrix, Huawei IAM v3.0 OS-AGENCY and OS-CREDENTIAL securitytokens (issue #13): every
 * operation of those tables, signed SDK-HMAC-SHA256 with the persona's access key. The agency is the
 * fixture's role; grants name the built-in `reader` role on the fixture's domain and a project made
 * for the row (with the grant already in place, for the check, revoke and list rows).
 * @see #13
 */
import { systemContext } from '../../src/core/principal.js';
import { agencyOperations } from '../../src/dialects/huawei-v3/operations/agencies.js';
import { SECURITY_TOKEN_METHODS, securityTokenOperations } from '../../src/dialects/huawei-v3/operations/security-tokens.js';
import { rawRequest } from '../conformance/huawei-v5/support.js';
import { describeMatrix } from './matrix.js';
import type { Fixture, MatrixEnv, Planned, Row } from './personas.js';

interface V30Request {
  method: string;
  path: string;
  body?: unknown;
}

/** the built-in Keystone `reader` role (IAM read-only on the domain) */
const READER = '1a84de4ba68b46c20481b1b954d6b23a';

/** A project of the fixture's account with `reader` granted to the fixture's role on it, the domain and every project. */
async function granted(env: MatrixEnv, fx: Fixture, n: number): Promise<string> {
  const s = env.server.polyiam.services;
  const ctx = systemContext(fx.account.id, 'system', 'system');
  const project = await s.projects.create(ctx, { name: `fx-agency-project-${n}` });
  for (const [targetType, targetId, inherited] of [['domain', fx.account.id, false], ['project', project.id, false], ['domain', fx.account.id, true]] as const) {
    await s.agencyGrants.grant(ctx, { agencyId: fx.role.id, targetType, targetId, roleId: READER, inherited });
  }
  fx.marks.push(project.id);
  return project.id;
}

const plan = (method: string, path: string, body?: unknown): Planned<V30Request> => ({ req: { method, path: `/v3.0${path}`, ...(body === undefined ? {} : { body }) } });

function fill(url: string, fx: Fixture, projectId: string): string {
  return url.replace(':agency_id', fx.role.id).replace(':domain_id', fx.account.id).replace(':project_id', projectId).replace(':role_id', READER);
}

const rows: Record<string, Row<V30Request>> = {
  // trusting the foreign persona's account (an agency cannot trust its own)
  createAgency: (_p, fx, n, env) => plan('POST', '/OS-AGENCY/agencies', { agency: { name: `made-${n}`, domain_id: fx.account.id, trust_domain_name: env.personas.foreign.accountName } }),
  listAgencies: (_p, fx) => plan('GET', `/OS-AGENCY/agencies?domain_id=${fx.account.id}`),
  showAgency: (_p, fx) => plan('GET', `/OS-AGENCY/agencies/${fx.role.id}`),
  updateAgency: (_p, fx) => plan('PUT', `/OS-AGENCY/agencies/${fx.role.id}`, { agency: { description: 'changed' } }),
  deleteAgency: (_p, fx) => plan('DELETE', `/OS-AGENCY/agencies/${fx.bareRole.id}`),
  // the fixture role trusts p-reader by name (allowed on the trust alone) and the account (then the
  // caller's own policies must allow sts:agencies:assume, which no persona's do); the root never assumes
  createTemporaryAccessKeyByAgency: (_p, fx) =>
    plan('POST', '/OS-CREDENTIAL/securitytokens', { auth: { identity: { methods: ['assume_role'], assume_role: { domain_id: fx.account.id, agency_name: fx.role.name } } } }),
  // the caller's own temporary AK/SK: "you do not need to obtain permissions to call this API"
  [SECURITY_TOKEN_METHODS.token]: () => plan('POST', '/OS-CREDENTIAL/securitytokens', { auth: { identity: { methods: ['token'], token: { duration_seconds: 900 } } } }),
};
for (const op of agencyOperations) {
  if (op.name in rows) continue;
  rows[op.name] = async (_p, fx, n, env) => plan(op.method, fill(op.url, fx, await granted(env, fx, n)));
}

describeMatrix<V30Request>({
  dialect: 'huawei-v3.0 agencies',
  operations: [...[...agencyOperations, ...securityTokenOperations].map((op) => op.name), SECURITY_TOKEN_METHODS.token],
  rows,
  expectations: {
    createTemporaryAccessKeyByAgency: { root: 'deny', admin: 'deny', reader: 'allow', nobody: 'deny', disabled: 'refused', foreign: 'isolated' },
    [SECURITY_TOKEN_METHODS.token]: { root: 'allow', admin: 'allow', reader: 'allow', nobody: 'allow', disabled: 'refused', foreign: 'isolated' },
  },
  async send(env, persona, r) {
    const res = await rawRequest(env.server, { method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }), keys: persona.keys });
    return { status: res.status, text: res.text };
  },
});
