import { huaweiV3PolicyAsV5 } from '../../../core/policies/huawei-v3-policy.js';
import type { IssuedSession } from '../../../core/roles/session-credentials.js';
import { USER_CREDENTIALS_MAX_SECONDS, USER_CREDENTIALS_MIN_SECONDS } from '../../../core/roles/user-temporary-credentials.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { keystoneTime } from '../shapes.js';

/** IdentityAssumerole `duration_seconds`: 15 minutes to 24 hours, 15 minutes by default (iam_04_0101) */
const MIN_SECONDS = 900;
const MAX_SECONDS = 86_400;
const DEFAULT_SECONDS = 900;
/** AssumeroleSessionuser `name`; held to the session-name rule every dialect shares (AWS RoleSessionName) */
const SESSION_NAME: StringRule = { min: 2, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: 'must hold only letters, digits and `_+=,.@-`' };
const AGENCY_NAME: StringRule = { min: 1, max: 64 };
const DOMAIN: StringRule = { min: 1, max: 64 };
/** the session name when no `session_user` is given: the caller's name, when it is a valid one */
const fallbackSessionName = (name: string) => (SESSION_NAME.pattern!.test(name) && name.length >= 2 ? name.slice(0, 64) : 'huawei-session');

/**
 * Credential `expires_at`: 6 fractional digits and `Z` (the Huawei SDK core strips `000Z` before
 * parsing, auth/BaseCredentials.js), i.e. the Keystone time format.
 */
function renderCredential(assumed: IssuedSession) {
  return {
    credential: {
      access: assumed.accessKeyId,
      // SECURITY: the one response that carries the temporary secret
      secret: assumed.secret.reveal(),
      securitytoken: assumed.sessionToken.reveal(),
      expires_at: keystoneTime(assumed.expiresAt),
    },
  };
}

/**
 * `auth.identity.policy` (ServicePolicy): a session policy, given as an object, in the v3 syntax
 * (`"Version": "1.1"`, the documented examples) or the v5 one (`"5.0"`); evaluated as v5 either way.
 */
function sessionPolicy(identity: Record<string, unknown>): string | undefined {
  const policy = identity.policy;
  if (policy === undefined || policy === null) return undefined;
  if (typeof policy !== 'object' || Array.isArray(policy)) throw new WireValidationError('auth.identity.policy', 'must be a JSON object');
  return huaweiV3PolicyAsV5(JSON.stringify(policy));
}

/**
 * `duration_seconds`: an Integer in the parameter tables, a string (`"900"`) in iam_04_0002's request
 * example; both are read.
 */
function durationOf(fields: JsonFields, written: unknown, min: number, max: number): number | undefined {
  const raw = typeof written === 'object' && written !== null ? (written as Record<string, unknown>).duration_seconds : undefined;
  if (typeof raw === 'string' && /^\d{1,9}$/.test(raw)) {
    const value = Number(raw);
    if (value < min || value > max) throw new WireValidationError(fields.name('duration_seconds'), `must be from ${min} to ${max}`);
    return value;
  }
  return fields.optionalInteger('duration_seconds', min, max);
}

/**
 * Huawei CreateTemporaryAccessKeyByToken (iam_04_0002): temporary AK/SK of the caller itself. The caller
 * is whoever authenticated the request: "Authorization and the body's token both given: Authorization
 * wins", likewise X-Auth-Token; the body's `token.id` is therefore only checked for its form.
 */
async function byToken(call: V3Call, identity: JsonFields, raw: Record<string, unknown>) {
  const ctx = callerOf(call);
  let duration: number | undefined;
  if (identity.has('token')) {
    const token = identity.requiredObject('token').onlyKnown(['id', 'duration_seconds']);
    token.optionalString('id', { min: 1, max: 16_384 });
    duration = durationOf(token, raw.token, USER_CREDENTIALS_MIN_SECONDS, USER_CREDENTIALS_MAX_SECONDS);
  }
  const policy = sessionPolicy(raw);
  const issued = await call.services.userTemporaryCredentials.issue(ctx, {
    ...(duration !== undefined ? { durationSeconds: duration } : {}),
    ...(policy !== undefined ? { policy: { text: policy, syntax: 'huawei-v5' } } : {}),
  });
  return renderCredential(issued);
}

/** The SDK method of each `auth.identity.methods` value of this one route (protection matrix rows, coverage). */
export const SECURITY_TOKEN_METHODS = { assume_role: 'createTemporaryAccessKeyByAgency', token: 'createTemporaryAccessKeyByToken' } as const;

async function byAgency(call: V3Call, identity: JsonFields, raw: Record<string, unknown>) {
  const ctx = callerOf(call);
  const role = identity.requiredObject('assume_role').onlyKnown(['agency_name', 'domain_id', 'domain_name', 'duration_seconds', 'session_user']);
  const agencyName = role.requiredString('agency_name', AGENCY_NAME);
  const domainId = role.optionalString('domain_id', DOMAIN);
  const domainName = role.optionalString('domain_name', DOMAIN);
  if (domainId === undefined && domainName === undefined) throw new WireValidationError('auth.identity.assume_role.domain_id', 'either `domain_id` or `domain_name` is required', 'missing');
  const duration = durationOf(role, raw.assume_role, MIN_SECONDS, MAX_SECONDS) ?? DEFAULT_SECONDS;
  const sessionName = role.has('session_user') ? role.requiredObject('session_user').onlyKnown(['name']).requiredString('name', SESSION_NAME) : fallbackSessionName(ctx.principal.userName);
  // a domain named by name is looked up here; an unknown one is refused by AssumeRole like an unknown agency
  const account = domainId ?? (await call.services.accounts.findByName(domainName!))?.id ?? domainName!;
  const policy = sessionPolicy(raw);
  const assumed = await call.services.assumeRole.assume(ctx, {
    role: { account, name: agencyName },
    sessionName,
    durationSeconds: duration,
    vendorMaxDuration: MAX_SECONDS,
    policySyntax: 'huawei-v5',
    ...(policy !== undefined ? { policy } : {}),
  });
  return renderCredential(assumed);
}

/**
 * Huawei IAM v3.0 OS-CREDENTIAL temporary AK/SK, one route for two SDK methods: by agency
 * (CreateTemporaryAccessKeyByAgency, iam_04_0101), the core's session credentials of the agency's role;
 * by token (CreateTemporaryAccessKeyByToken, iam_04_0002), the caller's own. Both sign v3 and v5 calls
 * with `X-Security-Token`.
 */
export const securityTokenOperations: V3Operation[] = [
  {
    name: 'createTemporaryAccessKeyByAgency',
    method: 'POST',
    url: '/OS-CREDENTIAL/securitytokens',
    access: 'required',
    async run(call) {
      const body = parseJsonBody(call.body);
      const auth = JsonFields.of(body).onlyKnown(['auth']).requiredObject('auth').onlyKnown(['identity']);
      const identity = auth.requiredObject('identity').onlyKnown(['methods', 'assume_role', 'token', 'policy']);
      const raw = (body as { auth: { identity: Record<string, unknown> } }).auth.identity;
      const methods = identity.optionalArray('methods', 2);
      if (methods === undefined) throw new WireValidationError('auth.identity.methods', 'is required', 'missing');
      if (methods.length === 1 && methods[0] === 'assume_role') return { status: 201, body: await byAgency(call, identity, raw) };
      if (methods.length === 1 && methods[0] === 'token') return { status: 201, body: await byToken(call, identity, raw) };
      throw new WireValidationError('auth.identity.methods', 'must be `["token"]` or `["assume_role"]`');
    },
  },
];
