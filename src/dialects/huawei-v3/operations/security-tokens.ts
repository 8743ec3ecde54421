import type { AssumedRole } from '../../../core/roles/assume-role.js';
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
function renderCredential(assumed: AssumedRole) {
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

/** `auth.identity.policy` (ServicePolicy): a session policy, given as an object, evaluated in the v5 syntax. */
function sessionPolicy(identity: Record<string, unknown>): string | undefined {
  const policy = identity.policy;
  if (policy === undefined || policy === null) return undefined;
  if (typeof policy !== 'object' || Array.isArray(policy)) throw new WireValidationError('auth.identity.policy', 'must be a JSON object');
  return JSON.stringify(policy);
}

async function byAgency(call: V3Call, identity: JsonFields, raw: Record<string, unknown>) {
  const ctx = callerOf(call);
  const role = identity.requiredObject('assume_role').onlyKnown(['agency_name', 'domain_id', 'domain_name', 'duration_seconds', 'session_user']);
  const agencyName = role.requiredString('agency_name', AGENCY_NAME);
  const domainId = role.optionalString('domain_id', DOMAIN);
  const domainName = role.optionalString('domain_name', DOMAIN);
  if (domainId === undefined && domainName === undefined) throw new WireValidationError('auth.identity.assume_role.domain_id', 'either `domain_id` or `domain_name` is required', 'missing');
  const duration = role.optionalInteger('duration_seconds', MIN_SECONDS, MAX_SECONDS) ?? DEFAULT_SECONDS;
  const sessionName = role.has('session_user') ? role.requiredObject('session_user').onlyKnown(['name']).requiredString('name', SESSION_NAME) : fallbackSessionName(ctx.principal.userName);
  // a domain named by name is looked up here; an unknown one is refused by AssumeRole like an unknown agency
  const account = domainId ?? (await call.services.accounts.findByName(domainName!))?.id ?? domainName!;
  const policy = sessionPolicy(raw);
  const assumed = await call.services.assumeRole.assume(ctx, {
    role: { account, name: agencyName },
    sessionName,
    durationSeconds: duration,
    policySyntax: 'huawei-v5',
    ...(policy !== undefined ? { policy } : {}),
  });
  return renderCredential(assumed);
}

/**
 * Huawei IAM v3.0 OS-CREDENTIAL temporary AK/SK (CreateTemporaryAccessKeyByAgency, iam_04_0101): the
 * core's session credentials of the agency's role, usable with `X-Security-Token` on v3 and v5.
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
      // TODO(#13): `["token"]` (CreateTemporaryAccessKeyByToken) needs temporary credentials of a user,
      // which AWS GetSessionToken brings to core on another branch
      throw new WireValidationError('auth.identity.methods', 'must be `["assume_role"]`');
    },
  },
];
