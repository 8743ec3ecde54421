import type { AuthenticatedToken, TokenScope, TokenView } from '../../../auth/tokens/token-service.js';
import type { Account } from '../../../core/accounts/account.js';
import { TokenAuditActions } from '../../../core/tokens/token.js';
import type { PasswordSignIn } from '../../../core/tokens/tokens-service.js';
import { PlainPassword } from '../../../core/secrets.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { callContext } from '../../kit/request.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { authenticateHeader, KeystoneHttpError } from '../errors.js';
import { callerOf, DIALECT, type V3Call, type V3Operation, type V3Result } from '../operation.js';
import { noCatalog, PASSWORD } from '../rules.js';
import { renderToken } from '../shapes.js';

type DomainRef = { id: string } | { name: string };

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
      const requestedScope = parseScope(auth, (body.auth as Record<string, unknown>).scope);
      let view: TokenView;
      if (method === 'password' || method === 'password+totp') {
        const signIn = parsePasswordMethod(identity.requiredObject('password'));
        // Huawei keystoneCreateUserTokenByPasswordAndMfa: `totp.user` {id, passcode}
        if (method === 'password+totp') Object.assign(signIn, parseTotpMethod(identity.requiredObject('totp')));
        const grant = await call.services.tokens.signIn({ requestId: call.request.id, dialect: DIALECT, sourceIp: call.request.ip ?? null }, signIn);
        view = call.services.tokens.issue(grant, checkScope(requestedScope, grant.subject.account));
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
        view = call.services.tokens.rescope(from, checkScope(requestedScope, from.subject.account));
        call.services.audit.success(callContext(call.request, from.principal, DIALECT), TokenAuditActions.issue, `user/${from.subject.user.name}`);
      }
      // Huawei v3 POST /v3/auth/tokens: the token travels in X-Subject-Token, never in the body
      return { status: 201, headers: { 'x-subject-token': view.token }, body: renderToken(view, { origin: call.origin, catalog: !noCatalog(call) }) };
    },
  },
  {
    name: 'keystoneValidateToken',
    method: 'GET',
    url: '/auth/tokens',
    access: 'password-change',
    async run(call) {
      const view = await inspect(call);
      return { status: 200, headers: { 'x-subject-token': view.token }, body: renderToken(view, { origin: call.origin, catalog: !noCatalog(call) }) };
    },
  },
  {
    // Keystone HEAD /v3/auth/tokens: 200 for a valid token, 404 otherwise; no body either way
    name: 'keystoneCheckToken',
    method: 'HEAD',
    url: '/auth/tokens',
    access: 'password-change',
    async run(call): Promise<V3Result> {
      await inspect(call);
      return { status: 200 };
    },
  },
  {
    name: 'keystoneRevokeToken',
    method: 'DELETE',
    url: '/auth/tokens',
    access: 'password-change',
    async run(call) {
      if (!(await call.services.tokens.revoke(callerOf(call), subjectToken(call)))) throw tokenNotFound();
      return { status: 204 };
    },
  },
];

async function inspect(call: V3Call): Promise<AuthenticatedToken> {
  const view = await call.services.tokens.inspect(callerOf(call), subjectToken(call), call.token);
  if (!view) throw tokenNotFound();
  return view;
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
function singleMethod(identity: JsonFields): 'password' | 'token' | 'password+totp' {
  const raw = identity.optionalArray('methods', 8);
  if (raw === undefined) throw new WireValidationError(identity.name('methods'), 'is required', 'missing');
  const methods = raw.map((m) => (typeof m === 'string' ? m.trim() : m));
  if (methods.length === 2 && methods.includes('password') && methods.includes('totp')) return 'password+totp';
  if (methods.length !== 1 || (methods[0] !== 'password' && methods[0] !== 'token')) {
    throw new WireValidationError(identity.name('methods'), 'must be `["password"]`, `["token"]` or `["password", "totp"]`');
  }
  return methods[0];
}

/** `identity.totp.user`: the user's id and the 6-digit code of its virtual MFA device */
function parseTotpMethod(totp: JsonFields): { totpCode: string; totpUserId: string } {
  const user = totp.requiredObject('user');
  const totpUserId = user.requiredString('id', { min: 1, max: 64 });
  // SECURITY: a malformed code is a failed sign-in like a wrong one (401), never an echo of the code
  const totpCode = user.requiredString('passcode', { min: 1, max: 12 });
  return { totpCode, totpUserId };
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
 * Keystone `auth.scope`: absent or `"unscoped"` for an unscoped token, or `{"domain": {id|name}}`.
 * Huawei's project scopes name regions, which polyiam does not have.
 */
function parseScope(auth: JsonFields, raw: unknown): DomainRef | null {
  if (raw === undefined || raw === null || raw === 'unscoped') return null;
  const scope = auth.requiredObject('scope');
  if (scope.has('project')) {
    throw new WireValidationError(scope.name('project'), 'project scope is not supported: scope the token to the domain, or leave it unscoped');
  }
  if (scope.has('system') || scope.has('OS-TRUST:trust')) throw new WireValidationError(auth.name('scope'), 'only a `domain` scope is supported');
  scope.onlyKnown(['domain']);
  return domainRef(scope.requiredObject('domain'));
}

/** A user may scope a token to its own domain only (Keystone: 401, the user has no access to that domain). */
function checkScope(requested: DomainRef | null, account: Account): TokenScope {
  if (requested === null) return 'unscoped';
  const matches = 'id' in requested ? requested.id === account.id : requested.name.toLowerCase() === account.name.toLowerCase();
  if (!matches) {
    const named = 'id' in requested ? requested.id : requested.name;
    throw new KeystoneHttpError(401, `the user has no access to domain \`${named}\``, authenticateHeader());
  }
  return 'domain';
}
