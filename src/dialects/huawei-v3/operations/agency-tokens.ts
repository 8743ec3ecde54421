import type { Account } from '../../../core/accounts/account.js';
import type { CallContext, RoleSession } from '../../../core/principal.js';
import { TokenAuditActions } from '../../../core/tokens/token.js';
import { AuthenticationError } from '../../../core/errors.js';
import type { Role as KeystoneRole } from '../../../core/keystone-roles/role.js';
import type { Project } from '../../../core/projects/project.js';
import { JsonFields } from '../../kit/json-fields.js';
import { callContext, toSignedRequest } from '../../kit/request.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { authenticateHeader, KeystoneHttpError } from '../errors.js';
import { callerOf, DIALECT, type V3Call, type V3Result } from '../operation.js';
import { catalog, keystoneTime } from '../shapes.js';
import { noCatalog } from '../rules.js';

type DomainRef = { id: string } | { name: string };
/** an agency token's project by name needs no domain: it is looked up in the agency's (AgencyTokenScopeProject has `id`, `name`) */
type Scope = { domain: DomainRef } | { project: { id: string } | { name: string; domain?: DomainRef } } | null;

const NAME = { min: 1, max: 64 };
/** the session name of an agency token: the caller's name when it is a valid one (AWS RoleSessionName rule) */
const sessionNameOf = (name: string) => (/^[\w+=,.@-]{2,64}$/.test(name) ? name : 'huawei-session');

/**
 * The caller of POST /v3/auth/tokens by `assume_role`: Huawei's docs send the caller's token in
 * X-Auth-Token, the SDK signs with AK/SK instead (roles-sts.md §5); both are accepted.
 */
async function caller(call: V3Call): Promise<CallContext> {
  const token = call.request.headers['x-auth-token'];
  if (typeof token === 'string') {
    const authenticated = await call.services.tokens.authenticate(token);
    const ctx = callContext(call.request, authenticated.principal, DIALECT, 'keystoneCreateAgencyToken');
    ctx.sessionId = authenticated.claims.tokenId;
    return ctx;
  }
  if (call.request.headers.authorization === undefined) throw new AuthenticationError('missing');
  const { principal } = await call.services.authenticator.authenticate(toSignedRequest(call.request), ['huawei-sdk-hmac']);
  return callContext(call.request, principal, DIALECT, 'keystoneCreateAgencyToken');
}

const sameDomain = (ref: DomainRef, account: Account) => ('id' in ref ? ref.id === account.id : ref.name.toLowerCase() === account.name.toLowerCase());
const noAccess = (what: string) => new KeystoneHttpError(401, `the agency has no access to ${what}`, authenticateHeader());

/**
 * Huawei KeystoneCreateAgencyToken (POST /v3/auth/tokens, `identity.methods: ["assume_role"]`,
 * iam_04_0101... AgencyTokenIdentity): a token for the agency's rights in the trusting domain or one
 * of its projects. The token is the agency's session token (core session credentials), so its checks
 * are the temporary AK/SK's: expiry, the role's deletion and revocation, the trust policy at issue.
 */
export async function issueAgencyToken(call: V3Call, identity: JsonFields, scope: Scope): Promise<V3Result> {
  const assume = identity.requiredObject('assume_role').onlyKnown(['domain_id', 'domain_name', 'agency_name']);
  const agencyName = assume.requiredString('agency_name', NAME);
  const domainId = assume.optionalString('domain_id', NAME);
  const domainName = domainId === undefined ? assume.optionalString('domain_name', NAME) : undefined;
  if (domainId === undefined && domainName === undefined) throw new WireValidationError(assume.name('domain_id'), 'either `domain_id` or `domain_name` is required', 'missing');
  const ctx = await caller(call);
  const trusting = domainId !== undefined ? await call.services.accounts.findById(domainId) : await call.services.accounts.findByName(domainName!);
  const assumed = await call.services.assumeRole.assume(ctx, {
    role: { account: trusting?.id ?? domainId ?? domainName!, name: agencyName },
    sessionName: sessionNameOf(ctx.principal.userName),
    policySyntax: 'huawei-v5',
  });
  const account = assumed.account;
  let project: Project | undefined;
  if (scope !== null && 'domain' in scope) {
    if (!sameDomain(scope.domain, account)) throw noAccess(`domain \`${'id' in scope.domain ? scope.domain.id : scope.domain.name}\``);
  } else if (scope !== null) {
    const ref = scope.project;
    project = 'id' in ref ? await call.services.projects.find(account.id, ref.id) : !ref.domain || sameDomain(ref.domain, account) ? await call.services.projects.findByName(account.id, ref.name) : undefined;
    const roles = project?.enabled ? await call.services.agencyGrants.tokenRoles(account.id, assumed.role.id, { type: 'project', projectId: project.id }) : [];
    if (!project || roles.length === 0) throw noAccess(`project \`${'id' in ref ? ref.id : ref.name}\``);
  }
  const roles = await call.services.agencyGrants.tokenRoles(account.id, assumed.role.id, project ? { type: 'project', projectId: project.id } : { type: 'domain' });
  // the project is sealed in the token, for its validation to show
  const token = project ? call.services.sessionCredentials.scopedToProject(assumed.sessionToken, project.id) : assumed.sessionToken;
  // Huawei POST /v3/auth/tokens: the token travels in X-Subject-Token, never in the body
  return { status: 201, headers: { 'x-subject-token': token.reveal() }, body: { token: await render(call, assumed.session, account, roles, project) } };
}

/** An agency token is a sealed session token: it has dots, a Keystone token of this server never does. */
export const isAgencyToken = (token: string) => token.includes('.');

// SECURITY: the message never echoes the token: it is a credential
const notFound = () => new KeystoneHttpError(404, 'could not find the token given in `X-Subject-Token`: it is invalid, expired or revoked');

/**
 * Keystone GET/HEAD /v3/auth/tokens of an agency token (X-Subject-Token): its body as at issue, with
 * the roles and project as they are now. The token itself may validate itself; anyone else must be of
 * the agency's domain and allowed to show the agency (v5 `iam:agencies:getAgencyV5`). Expired, revoked,
 * tampered, or its agency or project gone: 404.
 */
export async function validateAgencyToken(call: V3Call, subject: string): Promise<V3Result> {
  const ctx = callerOf(call);
  let principal;
  try {
    ({ principal } = await call.services.sessionCredentials.resolveToken(subject));
  } catch (err) {
    if (err instanceof AuthenticationError) throw notFound();
    throw err;
  }
  const session = principal.session;
  // a user's temporary credentials are no Keystone token
  if (!session || principal.accountId !== ctx.principal.accountId) throw notFound();
  const own = call.request.headers['x-auth-token'] === subject;
  if (!own) await call.services.agencies.get(ctx, session.roleId);
  const account = await call.services.accounts.findById(principal.accountId);
  const project = session.projectId !== undefined ? await call.services.projects.find(principal.accountId, session.projectId) : undefined;
  if (!account || (session.projectId !== undefined && !project?.enabled)) throw notFound();
  const roles = await call.services.agencyGrants.tokenRoles(account.id, session.roleId, project ? { type: 'project', projectId: project.id } : { type: 'domain' });
  call.services.audit.success(ctx, TokenAuditActions.validate, `role/${session.roleName}`);
  return { status: 200, headers: { 'x-subject-token': subject }, body: { token: await render(call, session, account, roles, project) } };
}

/** AgencyTokenResult: methods, expires_at, issued_at, assumed_by.user, catalog, domain | project, roles, user (the agency). */
async function render(call: V3Call, session: RoleSession, account: Account, roles: KeystoneRole[], project: Project | undefined) {
  const domain = { id: account.id, name: account.name };
  const by = session.assumedBy;
  const byAccount = by.accountId === account.id ? account : await call.services.accounts.findById(by.accountId);
  return {
    methods: ['assume_role'],
    issued_at: keystoneTime(session.issuedAt),
    expires_at: keystoneTime(session.expiresAt),
    assumed_by: { user: { id: by.userId, name: by.userName, domain: { id: by.accountId, name: byAccount?.name ?? '' }, password_expires_at: '' } },
    user: { id: session.roleId, name: `${account.name}/${session.roleName}`, domain },
    ...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    ...(noCatalog(call) ? {} : { catalog: catalog(call.origin) }),
  };
}
