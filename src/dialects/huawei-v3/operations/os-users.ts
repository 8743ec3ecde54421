/**
 * Huawei IAM v3.0 OS-USER "recommended" user APIs: CreateUser (iam_08_0015), ShowUser (iam_08_0003),
 * UpdateUser (iam_08_0011) and UpdateUserInformation (iam_08_0010), on the core users, login profiles
 * and user extras. Refusals carry the OS-USER codes of iam_02_0006 (1100-1117, all 400).
 */
import { Actions } from '../../../core/authorization/actions.js';
import { AccessDeniedError, isIamError, PasswordPolicyError } from '../../../core/errors.js';
import { checkPassword } from '../../../core/password-policy/password-policy.js';
import { PlainPassword } from '../../../core/secrets.js';
import type { UpdateUserInput } from '../../../core/users/users-service.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { DESCRIPTION, PASSWORD, pathId, requireOwnDomain, USER_NAME } from '../rules.js';
import { v30CodeOf, withV30Code } from '../v30-codes.js';
import { ACCESS_MODES, renderCreatedUser, renderShownUser, renderUpdatedUser, type HuaweiUserExtras } from './os-user-views.js';
import { setPassword } from './users.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const AREACODE = /^\+?[0-9]{1,8}$/;
/** CreateUserOption `phone`: "a maximum of 32 digits" */
const PHONE = /^[0-9]{1,32}$/;
/** UpdateUserInformationOption `mobile`: `<country code>-<number>`, e.g. `0086-123456789` */
const MOBILE = /^\+?[0-9]{1,8}-[0-9]{1,32}$/;

const coded = (code: string) => ({ status: 400, code });

/** iam_02_0006: which OS-USER code a refusal of this field carries */
const FIELD_CODES: Record<string, string> = { name: '1101', email: '1102', password: '1103', phone: '1104', mobile: '1104', areacode: '1104', description: '1117' };

/** The documented OS-USER code of a refusal, when it has one; the error is rethrown either way. */
function asOsUserError(err: unknown): never {
  if (v30CodeOf(err)) throw err;
  if (err instanceof WireValidationError) {
    const field = err.field.split('.').pop() ?? '';
    if (err.problem === 'missing') throw withV30Code(err, coded('1100'));
    const code = FIELD_CODES[field];
    if (code) throw withV30Code(err, coded(code));
  }
  if (isIamError(err)) {
    if (err.kind === 'already-exists' && err.entity === 'user') throw withV30Code(err, coded('1109'));
    if (err.kind === 'limit-exceeded' && err.entity === 'user') throw withV30Code(err, coded('1115'));
    if (err.kind === 'password-policy') throw withV30Code(err, coded('1103'));
  }
  throw err;
}

/** `email`, `areacode` + `phone` (together, 1106) of CreateUserOption / UpdateUserOption; `''` clears. */
function contactIn(user: JsonFields): Pick<UpdateUserInput, 'email' | 'phone'> {
  const email = user.optionalString('email', { max: 255 });
  if (email !== undefined && email !== '' && !EMAIL.test(email)) throw new WireValidationError(user.name('email'), `\`${email}\` is not an email address`);
  const areacode = user.optionalString('areacode', { max: 9 });
  const phone = user.optionalString('phone', { max: 32 });
  if ((areacode === undefined) !== (phone === undefined) || (areacode === '') !== (phone === '')) {
    throw withV30Code(new WireValidationError(user.name(areacode === undefined || areacode === '' ? 'areacode' : 'phone'), 'the country code and the mobile number must be given together'), coded('1106'));
  }
  if (areacode !== undefined && areacode !== '' && !AREACODE.test(areacode)) throw new WireValidationError(user.name('areacode'), 'must be a country code of digits, e.g. `0086`');
  if (phone !== undefined && phone !== '' && !PHONE.test(phone)) throw new WireValidationError(user.name('phone'), 'must be up to 32 digits');
  return { ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone: phone === '' ? '' : `${areacode}-${phone}` } : {}) };
}

/** `access_mode`, `xuser_id` + `xuser_type` (CreateUserOption: "must be used together") */
function huaweiExtrasIn(user: JsonFields): Partial<HuaweiUserExtras> {
  const accessMode = user.optionalString('access_mode', { max: 16 });
  if (accessMode !== undefined && !(ACCESS_MODES as readonly string[]).includes(accessMode)) {
    throw new WireValidationError(user.name('access_mode'), `\`${accessMode}\` is not one of ${ACCESS_MODES.join(', ')}`);
  }
  const xuserId = user.optionalString('xuser_id', { max: 64 });
  const xuserType = user.optionalString('xuser_type', { max: 64 });
  if ((xuserId === undefined) !== (xuserType === undefined)) throw new WireValidationError(user.name(xuserId === undefined ? 'xuser_id' : 'xuser_type'), '`xuser_id` and `xuser_type` must be given together');
  return { ...(accessMode !== undefined ? { access_mode: accessMode } : {}), ...(xuserId !== undefined ? { xuser_id: xuserId, xuser_type: xuserType! } : {}) };
}

const USER_FIELDS = ['name', 'password', 'email', 'areacode', 'phone', 'enabled', 'pwd_status', 'xuser_type', 'xuser_id', 'access_mode', 'description'];

function userBody(call: V3Call, known: string[]): JsonFields {
  return JsonFields.of(parseJsonBody(call.body)).onlyKnown(['user']).requiredObject('user').onlyKnown(known);
}

async function createUser(call: V3Call) {
  const ctx = callerOf(call);
  const user = userBody(call, ['domain_id', ...USER_FIELDS]);
  const name = user.requiredString('name', USER_NAME);
  requireOwnDomain(call, user.requiredString('domain_id', { min: 1, max: 64 }), Actions.createUser);
  const password = user.optionalString('password', PASSWORD);
  const contact = contactIn(user);
  const extras = huaweiExtrasIn(user);
  const enabled = user.optionalBoolean('enabled') ?? true;
  // iam_08_0015 `pwd_status`: must the password be changed at the first sign-in; true by default
  const pwdStatus = user.optionalBoolean('pwd_status') ?? true;
  const description = user.optionalString('description', DESCRIPTION) ?? '';
  if (password !== undefined) {
    // the user and its password are two core commands: a password the policy refuses leaves no user behind
    const violations = checkPassword(await call.services.passwordPolicy.get(ctx), password, name);
    if (violations.length > 0) throw new PasswordPolicyError(violations);
  }
  const created = await call.services.users.create(ctx, { name, enabled, description, ...contact });
  let profile = null;
  try {
    await call.services.userExtras.merge(ctx.principal.accountId, created.id, extras);
    if (password !== undefined) profile = await call.services.loginProfiles.create(ctx, { id: created.id }, { password: new PlainPassword(password), passwordResetRequired: pwdStatus });
  } catch (err) {
    await call.services.users.delete(ctx, { id: created.id }, { cascade: true }).catch(() => undefined);
    await call.services.userExtras.forget(ctx.principal.accountId, created.id).catch(() => undefined);
    throw err;
  }
  return { status: 201, body: { user: await renderCreatedUser(call, created, profile) } };
}

async function updateUser(call: V3Call) {
  const ctx = callerOf(call);
  const id = pathId(call, 'user_id');
  const user = userBody(call, USER_FIELDS);
  const newName = user.optionalString('name', USER_NAME);
  const password = user.optionalString('password', PASSWORD);
  const contact = contactIn(user);
  const extras = huaweiExtrasIn(user);
  const enabled = user.optionalBoolean('enabled');
  const pwdStatus = user.optionalBoolean('pwd_status');
  const description = user.optionalString('description', DESCRIPTION);
  // the password first: a password the policy refuses must not leave the other changes applied
  if (password !== undefined || pwdStatus !== undefined) await setPassword(call, id, password, pwdStatus);
  const updated = await call.services.users.update(ctx, { id }, {
    ...contact,
    ...(newName !== undefined ? { newName } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    ...(description !== undefined ? { description } : {}),
  });
  await call.services.userExtras.merge(ctx.principal.accountId, id, extras);
  return { status: 200, body: { user: await renderUpdatedUser(call, updated) } };
}

async function updateUserInformation(call: V3Call) {
  const ctx = callerOf(call);
  const id = pathId(call, 'user_id');
  // iam_08_0010: "token of the IAM user corresponding to the user_id specified in the URL": a user's own
  // information only (an administrator uses UpdateUser)
  if (id !== ctx.principal.userId) {
    const err = new AccessDeniedError(Actions.updateUser, `user/${id}`, 'not-allowed');
    call.services.audit.failure(ctx, Actions.updateUser, `user/${id}`, err);
    throw err;
  }
  const user = userBody(call, ['email', 'mobile']);
  const email = user.optionalString('email', { max: 255 });
  if (email !== undefined && !EMAIL.test(email)) throw new WireValidationError(user.name('email'), `\`${email}\` is not an email address`);
  const mobile = user.optionalString('mobile', { max: 42 });
  if (mobile !== undefined && !MOBILE.test(mobile)) throw new WireValidationError(user.name('mobile'), 'must be `<country code>-<number>`, e.g. `0086-123456789`');
  if (email === undefined && mobile === undefined) throw new WireValidationError(user.name('email'), 'give `email`, `mobile` or both', 'missing');
  // no permission asked ("当前API调用无需策略权限"); the account's protect policy (`allow_user.manage_email` /
  // `manage_mobile`) is the core's to apply to a user changing its own
  await call.services.users.updateOwnContact(ctx, id, { ...(email !== undefined ? { email } : {}), ...(mobile !== undefined ? { phone: mobile } : {}) });
  return { status: 204 };
}

export const osUserOperations: V3Operation[] = [
  { name: 'createUser', method: 'POST', url: '/OS-USER/users', access: 'required', run: (call) => createUser(call).catch(asOsUserError) },
  {
    name: 'showUser',
    method: 'GET',
    url: '/OS-USER/users/:user_id',
    access: 'required',
    async run(call) {
      const user = await call.services.users.get(callerOf(call), { id: pathId(call, 'user_id') });
      return { status: 200, body: { user: await renderShownUser(call, user) } };
    },
  },
  { name: 'updateUser', method: 'PUT', url: '/OS-USER/users/:user_id', access: 'required', run: (call) => updateUser(call).catch(asOsUserError) },
  { name: 'updateUserInformation', method: 'PUT', url: '/OS-USER/users/:user_id/info', access: 'required', run: (call) => updateUserInformation(call).catch(asOsUserError) },
];
