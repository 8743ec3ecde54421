/**
 * Huawei IAM v3.0 OS-CREDENTIAL permanent access keys (iam_03_0001 .. iam_03_0006): the core access
 * keys every dialect serves, so a key made here signs v5, AWS-style or v3 calls alike, with the core's
 * limit of two keys per user and its secret shown once, in the create answer. Whether a user may
 * manage its own keys (protect policy `allow_user.manage_accesskey`) is the core commands' to decide.
 * Operation protection (`operation_protection`) asks its second factor on the console's sensitive
 * actions only (console/operation-protection.ts), as Huawei's does; no API asks it, v5 included.
 */
import type { AccessKeyStatus, AccessKeyView } from '../../../core/access-keys/access-key.js';
import { isIamError, NotFoundError } from '../../../core/errors.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { onlyKnownQuery, queryValue } from '../rules.js';
import { keystoneTime } from '../shapes.js';
import { withV30Code } from '../v30-codes.js';

const USER_ID: StringRule = { min: 1, max: 64 };
/** CreateCredentialOption / UpdateCredentialOption `description` (the core bounds it too) */
const DESCRIPTION: StringRule = { max: 255 };

/** Credentials / UpdateCredentialResult: `create_time` as Huawei writes it, `2020-01-08T06:25:19.014028Z` (iam_03_0001 example) */
function renderKey(key: AccessKeyView) {
  return { user_id: key.userId, access: key.id, status: key.status, create_time: keystoneTime(key.createdAt), description: key.description ?? '' };
}

/** The access key a path names: 1 to 128 characters (core answers 404 for no such key). */
function accessKeyParam(call: V3Call): string {
  const value = call.params.access_key ?? '';
  if (value.length === 0 || value.length > 128) throw new WireValidationError('access_key', 'must be 1 to 128 characters');
  return value;
}

/**
 * The user a path's key belongs to, in the caller's account. A key unknown here (or another account's)
 * is looked for among the caller's own, so the answer is the same 404 and teaches nothing.
 */
async function ownerOf(call: V3Call, keyId: string): Promise<{ id: string }> {
  const ctx = callerOf(call);
  return { id: (await call.services.accessKeys.ownerOf(ctx.principal.accountId, keyId)) ?? ctx.principal.userId };
}

/** iam_03_0001: a third key is 400 `akSkNumExceed` at Huawei; polyiam keeps the word in Huawei's v3.0 envelope */
function quotaAsHuawei(err: unknown): never {
  if (isIamError(err) && err.kind === 'limit-exceeded') {
    throw withV30Code(err, { status: 400, code: 'IAM.0007', message: `akSkNumExceed: a user has at most ${err.limit} access keys` });
  }
  throw err;
}

function statusIn(credential: JsonFields): AccessKeyStatus | undefined {
  const status = credential.optionalString('status', { max: 16 });
  if (status === undefined || status === 'active' || status === 'inactive') return status;
  throw new WireValidationError(credential.name('status'), `\`${status}\` is not one of active, inactive`);
}

export const permanentAccessKeyOperations: V3Operation[] = [
  {
    name: 'createPermanentAccessKey',
    method: 'POST',
    url: '/OS-CREDENTIAL/credentials',
    access: 'required',
    async run(call) {
      const credential = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['credential']).requiredObject('credential');
      credential.onlyKnown(['user_id', 'description']);
      const userId = credential.requiredString('user_id', USER_ID);
      const description = credential.optionalString('description', DESCRIPTION);
      const created = await call.services.accessKeys.create(callerOf(call), { id: userId }, description !== undefined ? { description } : {}).catch(quotaAsHuawei);
      // SECURITY: the one answer that carries the secret (CreateCredentialResult.secret)
      return { status: 201, body: { credential: { ...renderKey(created.key), secret: created.secret.reveal() } } };
    },
  },
  {
    name: 'listPermanentAccessKeys',
    method: 'GET',
    url: '/OS-CREDENTIAL/credentials',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['user_id']);
      const ctx = callerOf(call);
      // iam_03_0003: `user_id` is optional; without it the caller's own keys are listed
      const userId = queryValue(call, 'user_id');
      if (userId !== undefined && (userId.length === 0 || userId.length > 64)) throw new WireValidationError('user_id', 'must be 1 to 64 characters');
      const { keys } = await call.services.accessKeys.list(ctx, { id: userId ?? ctx.principal.userId });
      return { status: 200, body: { credentials: keys.map(renderKey) } };
    },
  },
  {
    name: 'showPermanentAccessKey',
    method: 'GET',
    url: '/OS-CREDENTIAL/credentials/:access_key',
    access: 'required',
    async run(call) {
      const keyId = accessKeyParam(call);
      // authorized as listing the owner's keys (Huawei v3 iam:credentials:listCredentials): no core action reads one key
      const { keys } = await call.services.accessKeys.list(callerOf(call), await ownerOf(call, keyId));
      const key = keys.find((k) => k.id === keyId);
      if (!key) throw new NotFoundError('access-key', keyId);
      // ShowCredential.last_use_time: when the key last signed a request; null while it never has
      return { status: 200, body: { credential: { ...renderKey(key), last_use_time: key.lastUsedAt === null ? null : keystoneTime(key.lastUsedAt) } } };
    },
  },
  {
    name: 'updatePermanentAccessKey',
    method: 'PUT',
    url: '/OS-CREDENTIAL/credentials/:access_key',
    access: 'required',
    async run(call) {
      const keyId = accessKeyParam(call);
      const credential = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['credential']).requiredObject('credential');
      credential.onlyKnown(['status', 'description']);
      const status = statusIn(credential);
      const description = credential.optionalString('description', DESCRIPTION);
      if (status === undefined && description === undefined) throw new WireValidationError(credential.name('status'), 'give `status`, `description` or both', 'missing');
      const key = await call.services.accessKeys.updateStatus(callerOf(call), await ownerOf(call, keyId), keyId, status, description);
      return { status: 200, body: { credential: renderKey(key) } };
    },
  },
  {
    name: 'deletePermanentAccessKey',
    method: 'DELETE',
    url: '/OS-CREDENTIAL/credentials/:access_key',
    access: 'required',
    async run(call) {
      const keyId = accessKeyParam(call);
      await call.services.accessKeys.delete(callerOf(call), await ownerOf(call, keyId), keyId);
      return { status: 204 };
    },
  },
];
