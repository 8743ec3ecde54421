/**
 * Keystone application credentials (issue #16): `/v3/users/{user_id}/application_credentials` and the
 * `application_credential` method of `POST /v3/auth/tokens`. The secret is shown once, at creation.
 */
import type { ApplicationCredentialView } from '../../../core/keystone-credentials/application-credential.js';
import type { ApplicationCredentialInput, ApplicationCredentialRef, Creator } from '../../../core/keystone-credentials/application-credentials-service.js';
import { TokenAuditActions } from '../../../core/tokens/token.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { callContext } from '../../kit/request.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { authenticateHeader, KeystoneHttpError } from '../errors.js';
import { callerOf, DIALECT, listLinks, type V3Call, type V3Operation, type V3Result } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue } from '../rules.js';

/** Keystone application_credential/schema.py: names and descriptions up to 255, secrets any non-empty string */
const NAME: StringRule = { min: 1, max: 255 };
const DESCRIPTION: StringRule = { max: 255 };
const SECRET: StringRule = { min: 1, max: 1024 };
const ACCESS_RULE_TEXT: StringRule = { min: 1, max: 225 };
const MAX_ROLES = 64;
const MAX_ACCESS_RULES = 64;

/** ISO 8601 as Keystone takes it (`2026-01-01T00:00:00`, `.ffffff`, `Z` or an offset); naive means UTC */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseExpiresAt(field: string, value: string): number {
  const m = ISO_TIME.exec(value);
  if (!m) throw new WireValidationError(field, 'must be an ISO 8601 time such as `2030-01-01T00:00:00Z`');
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) throw new WireValidationError(field, 'is not a valid time');
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return (ms - offsetMinutes * 60_000) * 1000 + Number((frac ?? '').padEnd(6, '0'));
}

/** Python's `datetime.isoformat()` of a naive UTC time, as Keystone returns `expires_at` (tempest compares it so) */
export function renderExpiresAt(micros: number | null): string | null {
  if (micros === null) return null;
  const whole = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = micros % 1_000_000;
  return fraction === 0 ? whole : `${whole}.${String(fraction).padStart(6, '0')}`;
}

export function renderApplicationCredential(c: ApplicationCredentialView, origin: string, secret?: string) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    user_id: c.userId,
    project_id: c.projectId,
    roles: c.roles.map((r) => ({ id: r.id, name: r.name, domain_id: r.domainId })),
    expires_at: renderExpiresAt(c.expiresAtMicros),
    unrestricted: c.unrestricted,
    access_rules: c.accessRules.map((r) => ({ id: r.id, path: r.path, method: r.method, service: r.service })),
    ...(secret !== undefined ? { secret } : {}),
    links: { self: `${origin}/v3/users/${c.userId}/application_credentials/${c.id}` },
  };
}

function parseInput(call: V3Call): ApplicationCredentialInput {
  const body = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['application_credential']).requiredObject('application_credential');
  body.onlyKnown(['name', 'description', 'secret', 'roles', 'expires_at', 'unrestricted', 'access_rules']);
  const input: ApplicationCredentialInput = { name: body.requiredString('name', NAME) };
  const description = body.optionalString('description', DESCRIPTION);
  if (description !== undefined) input.description = description;
  const secret = body.optionalString('secret', SECRET);
  if (secret !== undefined) input.secret = secret;
  const expires = body.optionalString('expires_at', { min: 1, max: 64 });
  if (expires !== undefined) input.expiresAtMicros = parseExpiresAt(body.name('expires_at'), expires);
  const unrestricted = body.optionalBoolean('unrestricted');
  if (unrestricted !== undefined) input.unrestricted = unrestricted;
  const roles = body.optionalArray('roles', MAX_ROLES);
  if (roles !== undefined) {
    input.roles = roles.map((raw, i) => {
      const role = JsonFields.of(raw, body.name(`roles[${i}]`)).onlyKnown(['id', 'name', 'domain_id']);
      const id = role.optionalString('id', { min: 1, max: 64 });
      if (id !== undefined) return { id };
      return { name: role.requiredString('name', NAME) };
    });
  }
  const rules = body.optionalArray('access_rules', MAX_ACCESS_RULES);
  if (rules !== undefined) {
    input.accessRules = rules.map((raw, i) => {
      const rule = JsonFields.of(raw, body.name(`access_rules[${i}]`)).onlyKnown(['path', 'method', 'service']);
      return { path: rule.requiredString('path', ACCESS_RULE_TEXT), method: rule.requiredString('method', { min: 1, max: 16 }), service: rule.requiredString('service', ACCESS_RULE_TEXT) };
    });
  }
  return input;
}

/** The maker as its token shows it; undefined when it did not come with a project-scoped token. */
async function creatorOf(call: V3Call): Promise<Creator | undefined> {
  const token = call.token;
  if (!token || token.claims.scope !== 'project' || token.claims.projectId === undefined) return undefined;
  const project = await call.services.projects.find(token.claims.accountId, token.claims.projectId);
  if (!project) return undefined;
  let heldRoles = await call.services.grants.tokenRoles(token.subject, { type: 'project', project });
  const viaId = token.claims.applicationCredentialId;
  if (viaId !== undefined) heldRoles = await call.services.applicationCredentials.tokenRoles(viaId, heldRoles);
  return { projectId: project.id, heldRoles, ...(viaId !== undefined ? { applicationCredentialId: viaId } : {}) };
}

const credentialId = (call: V3Call) => pathId(call, 'application_credential_id');

export const applicationCredentialOperations: V3Operation[] = [
  {
    name: 'keystoneCreateApplicationCredential',
    method: 'POST',
    url: '/users/:user_id/application_credentials',
    access: 'required',
    async run(call) {
      const input = parseInput(call);
      const made = await call.services.applicationCredentials.create(callerOf(call), pathId(call, 'user_id'), await creatorOf(call), input);
      return { status: 201, body: { application_credential: renderApplicationCredential(made.credential, call.origin, made.secret) } };
    },
  },
  {
    name: 'keystoneListApplicationCredentials',
    method: 'GET',
    url: '/users/:user_id/application_credentials',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['name']);
      const list = await call.services.applicationCredentials.list(callerOf(call), pathId(call, 'user_id'), queryValue(call, 'name'));
      return { status: 200, body: { application_credentials: list.map((c) => renderApplicationCredential(c, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowApplicationCredential',
    method: 'GET',
    url: '/users/:user_id/application_credentials/:application_credential_id',
    access: 'required',
    async run(call) {
      const found = await call.services.applicationCredentials.get(callerOf(call), pathId(call, 'user_id'), credentialId(call));
      return { status: 200, body: { application_credential: renderApplicationCredential(found, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteApplicationCredential',
    method: 'DELETE',
    url: '/users/:user_id/application_credentials/:application_credential_id',
    access: 'required',
    async run(call) {
      await call.services.applicationCredentials.delete(callerOf(call), pathId(call, 'user_id'), credentialId(call), call.token?.claims.applicationCredentialId);
      return { status: 204 };
    },
  },
];

/**
 * Keystone `identity.application_credential`: `{id, secret}`, or `{name, secret, user: {id} | {name,
 * domain}}` (keystoneauth's v3applicationcredential).
 */
export function parseApplicationCredentialMethod(identity: JsonFields): { ref: ApplicationCredentialRef; secret: string } {
  const method = identity.requiredObject('application_credential');
  method.onlyKnown(['id', 'name', 'secret', 'user']);
  const secret = method.requiredString('secret', SECRET);
  const id = method.optionalString('id', { min: 1, max: 64 });
  if (id !== undefined) return { ref: { id }, secret };
  const name = method.optionalString('name', NAME);
  if (name === undefined) throw new WireValidationError(method.name('id'), 'an application credential `id`, or a `name` with its `user`, is required', 'missing');
  const user = method.requiredObject('user');
  const userId = user.optionalString('id', { min: 1, max: 64 });
  if (userId !== undefined) return { ref: { name, user: { id: userId } }, secret };
  const userName = user.requiredString('name', NAME);
  const domain = user.requiredObject('domain');
  const domainId = domain.optionalString('id', { min: 1, max: 64 });
  return { ref: { name, user: { name: userName, domain: domainId !== undefined ? { id: domainId } : { name: domain.requiredString('name', { min: 1, max: 64 }) } } }, secret };
}

/**
 * `POST /v3/auth/tokens` by application credential: a token scoped to the credential's project. The
 * credential decides the scope, so a requested one is refused (Keystone does the same).
 */
export async function issueApplicationCredentialToken(call: V3Call, identity: JsonFields, requestedScope: unknown, render: (call: V3Call, view: Awaited<ReturnType<V3Call['services']['tokens']['issueForApplicationCredential']>>) => Promise<unknown>): Promise<V3Result> {
  const facts = { requestId: call.request.id, dialect: DIALECT, action: TokenAuditActions.issue, sourceIp: call.request.ip ?? null };
  const { ref, secret } = parseApplicationCredentialMethod(identity);
  if (requestedScope !== null) throw new WireValidationError('auth.scope', 'a token of an application credential is scoped to its project: give no scope');
  let view;
  try {
    const credential = await call.services.applicationCredentials.authenticate(ref, secret);
    view = await call.services.tokens.issueForApplicationCredential(credential);
    // the project must still be there, enabled, and the user still hold a role on it (Keystone 401)
    const project = await call.services.projects.find(credential.accountId, credential.projectId);
    if (!project?.enabled || !(await call.services.grants.mayScopeTo(view.subject, project))) {
      throw new KeystoneHttpError(401, `the user has no access to project \`${credential.projectId}\``, authenticateHeader());
    }
  } catch (err) {
    call.services.audit.rejected(facts, err);
    throw err;
  }
  const principal = { accountId: view.subject.account.id, userId: view.subject.user.id, userName: view.subject.user.name, isRoot: view.subject.user.isRoot, authMethod: 'token' as const, mfaAuthenticated: false };
  call.services.audit.success(callContext(call.request, principal, DIALECT), TokenAuditActions.issue, `user/${view.subject.user.name}`);
  return { status: 201, headers: { 'x-subject-token': view.token }, body: await render(call, view) };
}
