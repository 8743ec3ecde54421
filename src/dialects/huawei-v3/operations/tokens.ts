import type { AuthenticatedToken, TokenScope, TokenView } from '../../../auth/tokens/token-service.js';
import type { Project } from '../../../core/projects/project.js';
import type { Account } from '../../../core/accounts/account.js';
import { TokenAuditActions } from '../../../core/tokens/token.js';
import type { PasswordSignIn, TokenSubject } from '../../../core/tokens/tokens-service.js';
import { PlainPassword } from '../../../core/secrets.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { callContext } from '../../kit/request.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { authenticateHeader, KeystoneHttpError } from '../errors.js';
import { callerOf, DIALECT, type V3Call, type V3Operation, type V3Result } from '../operation.js';
import { noCatalog, PASSWORD } from '../rules.js';
import { renderToken } from '../shapes.js';
import { isAgencyToken, issueAgencyToken, validateAgencyToken } from './agency-tokens.js';
import { operatorTokenParts, otherDomainScope, systemScope } from './operator-scope.js';
import { issueApplicationCredentialToken } from './application-credentials.js';

type DomainRef = { id: string } | { name: string };
/** Keystone `scope.project`: by `id`, or by `name` with its `domain` (an agency token's: the agency's domain when absent) */
type ProjectRef = { id: string } | { name: string; domain?: DomainRef };
/** `system`: Keystone `{"system": {"all": true}}`, cloud operators only (issue #16) */
type RequestedScope = { domain: DomainRef } | { project: ProjectRef } | { system: true };

export const tokenOperations: V3Operation[] = [
  {
    // keystoneCreateUserTokenByPassword, keystoneCreateScopedToken (token method)
    name: 'keystoneCreateUserTokenByPassword',
    method: 'POST',
    url: '/auth/tokens',
    access: 'none',
    async run(call) {
      const body = parseJsonBody(call.body) as Record<string, unknown>;
      const auth = JsonFields.of(body).onlyKnown(['auth']).requiredObject('auth');
      auth.onlyKnown(['identity', 'scope']);
      const identity = auth.requiredObject('identity');
      const method = singleMethod(identity);
      // checked before any password is: a malformed request never counts as a sign-in attempt
      const requestedScope = parseScope(auth, (body.auth as Record<string, unknown>).scope, method === 'assume_role');
      // Huawei KeystoneCreateAgencyToken (issue #13): a token of an agency in the trusting domain
      if (method === 'assume_role') {
        if (requestedScope !== null && 'system' in requestedScope) throw new WireValidationError(auth.name('scope'), 'an agency token has a `domain` or `project` scope');
        return issueAgencyToken(call, identity, requestedScope);
      }
      // Keystone application credentials (issue #16): a token of the credential's project and roles
      if (method === 'application_credential') return issueApplicationCredentialToken(call, identity, requestedScope, tokenBody);
      let view: TokenView;
      if (method === 'password' || method === 'password+totp') {
        const signIn = parsePasswordMethod(identity.requiredObject('password'));
        // Huawei keystoneCreateUserTokenByPasswordAndMfa: `totp.user` {id, passcode}; keystoneauth v3totp: {name, domain, passcode}
        if (method === 'password+totp') Object.assign(signIn, parseTotpMethod(identity.requiredObject('totp')));
        const grant = await call.services.tokens.signIn({ requestId: call.request.id, dialect: DIALECT, sourceIp: call.request.ip ?? null }, signIn);
        const scope = await checkScope(call, requestedScope, grant.subject);
        view = call.services.tokens.issue(grant, scope.scope, scope.projectId, scope.domainId);
      } else {
        const id = identity.requiredObject('token').requiredString('id', { min: 1, max: 1024 });
        let from: AuthenticatedToken;
        try {
          from = await call.services.tokens.authenticate(id);
        } catch (err) {
          // the password method audits itself in core; a token that opens nothing is recorded here
          call.services.audit.rejected({ requestId: call.request.id, dialect: DIALECT, action: TokenAuditActions.issue, sourceIp: call.request.ip ?? null }, err);
          throw err;
        }
        const scope = await checkScope(call, requestedScope, from.subject);
        view = call.services.tokens.rescope(from, scope.scope, scope.projectId, scope.domainId);
        call.services.audit.success(callContext(call.request, from.principal, DIALECT), TokenAuditActions.issue, `user/${from.subject.user.name}`);
      }
      // Huawei v3 POST /v3/auth/tokens: the token travels in X-Subject-Token, never in the body
      return { status: 201, headers: { 'x-subject-token': view.token }, body: await tokenBody(call, view) };
    },
  },
  {
    name: 'keystoneValidateToken',
    method: 'GET',
    url: '/auth/tokens',
    access: 'password-change',
    async run(call) {
      // Huawei KeystoneValidateToken of an agency token (issue #13): the assumed-role fields with it
      if (isAgencyToken(subjectToken(call))) return validateAgencyToken(call, subjectToken(call));
      const view = await inspect(call);
      return { status: 200, headers: { 'x-subject-token': view.token }, body: await tokenBody(call, view) };
    },
  },
  {
    // Keystone HEAD /v3/auth/tokens: 200 for a valid token, 404 otherwise; no body either way
    name: 'keystoneCheckToken',
    method: 'HEAD',
    url: '/auth/tokens',
    access: 'password-change',
    async run(call): Promise<V3Result> {
      if (isAgencyToken(subjectToken(call))) await validateAgencyToken(call, subjectToken(call));
      else await inspect(call);
      return { status: 200 };
    },
  },
  {
    name: 'keystoneRevokeToken',
    method: 'DELETE',
    url: '/auth/tokens',
    access: 'password-change',
    async run(call) {
      if (!(await call.services.tokens.revoke(callerOf(call), subjectToken(call), call.token))) throw tokenNotFound();
      return { status: 204 };
    },
  },
];

async function inspect(call: V3Call): Promise<AuthenticatedToken> {
  const view = await call.services.tokens.inspect(callerOf(call), subjectToken(call), call.token);
  if (!view) throw tokenNotFound();
  // a token scoped to a project that was disabled or deleted since is no longer valid (Keystone 404)
  if (view.claims.scope === 'project' && !(await scopedProject(call, view))) throw tokenNotFound();
  return view;
}

/** The token's project when it is still there and enabled. */
async function scopedProject(call: V3Call, view: TokenView): Promise<Project | undefined> {
  const project = await call.services.projects.find(view.claims.accountId, view.claims.projectId ?? '');
  return project?.enabled ? project : undefined;
}

/** The token body with its project (when scoped to one) and the catalog unless `nocatalog`. */
async function tokenBody(call: V3Call, view: TokenView) {
  const { claims, subject } = view;
  const operator = await operatorTokenParts(call, view);
  if (operator) {
    const entries = noCatalog(call) ? [] : await call.services.catalog.entries(operator.scopedDomain?.id ?? claims.accountId);
    return renderToken(view, { origin: call.origin, catalog: !noCatalog(call), roles: operator.roles, entries, ...(operator.scopedDomain ? { scopedDomain: operator.scopedDomain } : {}) });
  }
  const project = claims.scope === 'project' ? await scopedProject(call, view) : undefined;
  // a token good only for changing the password carries no role; an unscoped token has none either
  let roles =
    claims.passwordChangeOnly || claims.scope === 'unscoped'
      ? []
      : await call.services.grants.tokenRoles(subject, project ? { type: 'project', project } : { type: 'domain' });
  // a token of an application credential carries the credential's roles the user still holds (issue #16)
  const appCredential = claims.applicationCredentialId === undefined ? undefined : await call.services.applicationCredentials.usable(claims.applicationCredentialId);
  if (claims.applicationCredentialId !== undefined) roles = await call.services.applicationCredentials.tokenRoles(claims.applicationCredentialId, roles);
  // Keystone: an unscoped token has no catalog (tempest test_tokens checks it is absent)
  const withCatalog = claims.scope !== 'unscoped' && !noCatalog(call);
  const entries = withCatalog ? await call.services.catalog.entries(claims.accountId) : [];
  const rendered = renderToken(view, { origin: call.origin, catalog: withCatalog, roles, entries, ...(project ? { project } : {}) });
  // Keystone names the credential in its tokens (`token.application_credential`)
  if (appCredential) Object.assign(rendered.token, { application_credential: { id: appCredential.id, name: appCredential.name, restricted: !appCredential.unrestricted } });
  return rendered;
}

function subjectToken(call: V3Call): string {
  const value = call.request.headers['x-subject-token'];
  if (typeof value !== 'string' || value === '') throw new WireValidationError('X-Subject-Token', 'the header is required', 'missing');
  return value;
}

// SECURITY: the message never echoes the token: it is a credential
const tokenNotFound = () => new KeystoneHttpError(404, 'could not find the token given in `X-Subject-Token`: it is invalid, expired or revoked');

/**
 * Keystone `identity.methods`: `password`, `token`, or `password` with `totp` (Huawei password +
 * virtual MFA). Names are trimmed: the Huawei SDK's MfaIdentityMethodsEnum.TOTP is `" totp"`.
 */
function singleMethod(identity: JsonFields): 'password' | 'token' | 'password+totp' | 'assume_role' | 'application_credential' {
  const raw = identity.optionalArray('methods', 8);
  if (raw === undefined) throw new WireValidationError(identity.name('methods'), 'is required', 'missing');
  const methods = raw.map((m) => (typeof m === 'string' ? m.trim() : m));
  if (methods.length === 2 && methods.includes('password') && methods.includes('totp')) return 'password+totp';
  if (methods.length === 1 && methods[0] === 'assume_role') return 'assume_role';
  if (methods.length === 1 && methods[0] === 'application_credential') return 'application_credential';
  if (methods.length !== 1 || (methods[0] !== 'password' && methods[0] !== 'token')) {
    throw new WireValidationError(identity.name('methods'), 'must be `["password"]`, `["token"]` or `["password", "totp"]`');
  }
  return methods[0];
}

/**
 * `identity.totp.user`: the user (Huawei's SDK sends its `id`; keystoneauth's TOTP method its `name`
 * and `domain` when the user was given by name) and the 6-digit code of its virtual MFA device.
 */
function parseTotpMethod(totp: JsonFields): Pick<PasswordSignIn, 'totpCode' | 'totpUser'> {
  const user = totp.requiredObject('user');
  // SECURITY: a malformed code is a failed sign-in like a wrong one (401), never an echo of the code
  const totpCode = user.requiredString('passcode', { min: 1, max: 12 });
  const id = user.optionalString('id', { min: 1, max: 64 });
  if (id !== undefined) return { totpCode, totpUser: { id } };
  const name = user.optionalString('name', { min: 1, max: 64 });
  if (name === undefined) throw new WireValidationError(user.name('id'), 'a user `id`, or a `name` with its `domain`, is required', 'missing');
  if (!user.has('domain')) throw new WireValidationError(user.name('domain'), 'is required when the user is given by name', 'missing');
  return { totpCode, totpUser: { name, domain: domainRef(user.requiredObject('domain')) } };
}

/** `identity.password.user`: by `id`, or by `name` with `domain` `{id}` or `{name}`. */
function parsePasswordMethod(password: JsonFields): PasswordSignIn {
  const user = password.requiredObject('user');
  const secret = new PlainPassword(user.requiredString('password', PASSWORD));
  const id = user.optionalString('id', { min: 1, max: 64 });
  if (id !== undefined) return { user: { id }, password: secret };
  const name = user.optionalString('name', { min: 1, max: 64 });
  if (name === undefined) throw new WireValidationError(user.name('id'), 'a user `id`, or a `name` with its `domain`, is required', 'missing');
  if (!user.has('domain')) throw new WireValidationError(user.name('domain'), 'is required when the user is given by name', 'missing');
  return { user: { name, domain: domainRef(user.requiredObject('domain')) }, password: secret };
}

function domainRef(domain: JsonFields): DomainRef {
  const id = domain.optionalString('id', { min: 1, max: 64 });
  if (id !== undefined) return { id };
  const name = domain.optionalString('name', { min: 1, max: 64 });
  if (name !== undefined) return { name };
  throw new WireValidationError(domain.name('id'), 'a domain `id` or `name` is required', 'missing');
}

/**
 * Keystone `auth.scope`: absent or `"unscoped"` for an unscoped token, `{"domain": {id|name}}`, or
 * `{"project": {id} | {name, domain}}`.
 */
function parseScope(auth: JsonFields, raw: unknown, agency = false): RequestedScope | null {
  if (raw === undefined || raw === null || raw === 'unscoped') return null;
  const scope = auth.requiredObject('scope');
  if (scope.has('OS-TRUST:trust')) throw new WireValidationError(auth.name('scope'), 'only a `system`, `domain` or `project` scope is supported');
  scope.onlyKnown(['domain', 'project', 'system']);
  if (scope.has('system')) {
    if (scope.has('domain') || scope.has('project')) throw new WireValidationError(auth.name('scope'), 'give a `system`, `domain` or `project` scope, not several');
    // Keystone auth schema: `system` is `{"all": true}`, the only system there is
    const system = scope.requiredObject('system');
    system.onlyKnown(['all']);
    if (!system.requiredBoolean('all')) throw new WireValidationError(scope.name('system'), 'must be `{"all": true}`');
    return { system: true };
  }
  if (scope.has('project')) {
    if (scope.has('domain')) throw new WireValidationError(auth.name('scope'), 'give a `domain` or a `project`, not both');
    const project = scope.requiredObject('project');
    project.onlyKnown(['id', 'name', 'domain']);
    const id = project.optionalString('id', { min: 1, max: 64 });
    if (id !== undefined) return { project: { id } };
    const name = project.optionalString('name', { min: 1, max: 64 });
    if (name === undefined) throw new WireValidationError(project.name('id'), 'a project `id`, or a `name` with its `domain`, is required', 'missing');
    if (agency && !project.has('domain')) return { project: { name } };
    return { project: { name, domain: domainRef(project.requiredObject('domain')) } };
  }
  return { domain: domainRef(scope.requiredObject('domain')) };
}

const sameDomain = (ref: DomainRef, account: Account) => ('id' in ref ? ref.id === account.id : ref.name.toLowerCase() === account.name.toLowerCase());

/**
 * A user may scope a token to its own domain, or to a project of it that is enabled and that it holds
 * a role on (Keystone: 401, the user has no access to that domain or project).
 */
async function checkScope(call: V3Call, requested: RequestedScope | null, subject: TokenSubject): Promise<{ scope: TokenScope; projectId?: string; domainId?: string }> {
  if (requested === null) return { scope: 'unscoped' };
  const account = subject.account;
  if ('system' in requested) return systemScope(call, subject);
  if ('domain' in requested) {
    // another domain: cloud operators only (issue #16), everyone else gets Keystone's 401
    if (!sameDomain(requested.domain, account)) return otherDomainScope(call, requested.domain, subject);
    return { scope: 'domain' };
  }
  const ref = requested.project;
  const named = 'id' in ref ? ref.id : ref.name;
  const project =
    'id' in ref ? await call.services.projects.find(account.id, ref.id) : ref.domain !== undefined && sameDomain(ref.domain, account) ? await call.services.projects.findByName(account.id, ref.name) : undefined;
  if (!project || !project.enabled || !(await call.services.grants.mayScopeTo(subject, project))) {
    throw new KeystoneHttpError(401, `the user has no access to project \`${named}\``, authenticateHeader());
  }
  return { scope: 'project', projectId: project.id };
}
