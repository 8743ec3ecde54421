import type { Account } from '../../../core/accounts/account.js';
import type { CallContext } from '../../../core/principal.js';
import { AuthenticationError } from '../../../core/errors.js';
import type { Role as KeystoneRole } from '../../../core/keystone-roles/role.js';
import type { Project } from '../../../core/projects/project.js';
import { JsonFields } from '../../kit/json-fields.js';
import { callContext, toSignedRequest } from '../../kit/request.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { authenticateHeader, KeystoneHttpError } from '../errors.js';
import { DIALECT, type V3Call, type V3Result } from '../operation.js';
import { catalog, keystoneTime } from '../shapes.js';
import { noCatalog } from '../rules.js';

type DomainRef = { id: string } | { name: string };
type Scope = { domain: DomainRef } | { project: { id: string } | { name: string; domain: DomainRef } } | null;

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
    project = 'id' in ref ? await call.services.projects.find(account.id, ref.id) : sameDomain(ref.domain, account) ? await call.services.projects.findByName(account.id, ref.name) : undefined;
    const roles = project?.enabled ? await call.services.agencyGrants.tokenRoles(account.id, assumed.role.id, { type: 'project', projectId: project.id }) : [];
    if (!project || roles.length === 0) throw noAccess(`project \`${'id' in ref ? ref.id : ref.name}\``);
  }
  const roles = await call.services.agencyGrants.tokenRoles(account.id, assumed.role.id, project ? { type: 'project', projectId: project.id } : { type: 'domain' });
  const callerAccount = await call.services.accounts.findById(ctx.principal.accountId);
  // Huawei POST /v3/auth/tokens: the token travels in X-Subject-Token, never in the body
  return { status: 201, headers: { 'x-subject-token': assumed.sessionToken.reveal() }, body: { token: render(call, assumed, account, callerAccount, ctx, roles, project) } };
}

/** AgencyTokenResult: methods, expires_at, issued_at, assumed_by.user, catalog, domain | project, roles, user (the agency). */
function render(call: V3Call, assumed: Awaited<ReturnType<V3Call['services']['assumeRole']['assume']>>, account: Account, callerAccount: Account | undefined, ctx: CallContext, roles: KeystoneRole[], project: Project | undefined) {
  const domain = { id: account.id, name: account.name };
  return {
    methods: ['assume_role'],
    issued_at: keystoneTime(assumed.session.issuedAt),
    expires_at: keystoneTime(assumed.expiresAt),
    assumed_by: { user: { id: ctx.principal.userId, name: ctx.principal.userName, domain: { id: ctx.principal.accountId, name: callerAccount?.name ?? '' }, password_expires_at: '' } },
    user: { id: assumed.role.id, name: `${account.name}/${assumed.role.name}`, domain },
    ...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    ...(noCatalog(call) ? {} : { catalog: catalog(call.origin) }),
  };
}
