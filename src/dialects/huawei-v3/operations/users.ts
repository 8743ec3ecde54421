import { Actions } from '../../../core/authorization/actions.js';
import { AuthenticationError, PasswordPolicyError } from '../../../core/errors.js';
import { checkPassword } from '../../../core/password-policy/password-policy.js';
import { PlainPassword } from '../../../core/secrets.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import type { User } from '../../../core/users/user.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { KeystoneHttpError } from '../errors.js';
import { callerOf, DIALECT, type V3Call, type V3Operation } from '../operation.js';
import { keystoneList, keystonePaging } from '../list-paging.js';
import { callContext } from '../../kit/request.js';
import type { CallContext } from '../../../core/principal.js';
import { reachDomain } from './operator-scope.js';
import { booleanQuery, DESCRIPTION, onlyKnownQuery, PASSWORD, pathId, queryValue, requireOwnDomain, USER_NAME } from '../rules.js';
import { renderUser } from '../shapes.js';
import { expiryFilter, profileOf, renderUsers } from './user-views.js';
import { userExtrasIn } from './user-extras.js';

/** Keystone clients send `options: {}` when no option flag was given (openstackclient `user create`). */
function refuseOptions(user: JsonFields): void {
  const options = user.has('options') ? user.requiredObject('options') : undefined;
  if (options) options.onlyKnown([]);
}

export const userOperations: V3Operation[] = [
  {
    name: 'keystoneCreateUser',
    method: 'POST',
    url: '/users',
    access: 'required',
    async run(call) {
      const user = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['user']).requiredObject('user');
      // an operator may name another domain (issue #16): the call then acts in it
      const ctx = await reachDomain(call, user.optionalString('domain_id', { min: 1, max: 64 }), Actions.createUser);
      const known = ['name', 'domain_id', 'password', 'enabled', 'description', 'options', ...keystoneFields(call)];
      const extras = userExtrasIn(call, known);
      user.onlyKnown([...known, ...Object.keys(extras)]);
      const name = user.requiredString('name', userNameRule(call));
      const email = user.optionalString('email', EMAIL);
      const defaultProject = await defaultProjectIn(call, user);
      const password = user.optionalString('password', PASSWORD);
      const enabled = user.optionalBoolean('enabled') ?? true;
      const description = user.optionalString('description', DESCRIPTION) ?? '';
      refuseOptions(user);
      if (password !== undefined) {
        // The user and its password are two core commands: check the password first, so a password
        // the policy refuses leaves no user behind.
        const violations = checkPassword(await call.services.passwordPolicy.get(ctx), password, name);
        if (violations.length > 0) throw new PasswordPolicyError(violations);
      }
      const created = await call.services.users.create(ctx, { name, enabled, description, ...(email !== undefined ? { email } : {}) });
      if (defaultProject !== undefined) await call.services.projects.setDefaultProject(ctx.principal.accountId, created.id, defaultProject);
      await call.services.userExtras.merge(ctx.principal.accountId, created.id, extras);
      let profile = null;
      if (password !== undefined) {
        try {
          // Huawei "Creating an IAM User": the user must change this password at its first sign-in
          // (Keystone has no such rule: with POLYIAM_V3_RULES=keystone the password is the user's own)
          profile = await call.services.loginProfiles.create(ctx, { id: created.id }, { password: new PlainPassword(password), passwordResetRequired: call.rules === 'huawei' });
        } catch (err) {
          await call.services.users.delete(ctx, { id: created.id }, { cascade: true }).catch(() => undefined);
          throw err;
        }
      }
      return { status: 201, body: { user: { ...renderUser(created, profile, call.origin), ...(await keystoneExtras(call, created)) } } };
    },
  },
  {
    name: 'keystoneListUsers',
    method: 'GET',
    url: '/users',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['domain_id', 'name', 'enabled', 'password_expires_at', 'limit', 'marker']);
      const ctx = await reachDomain(call, queryValue(call, 'domain_id'), Actions.listUsers);
      const name = queryValue(call, 'name');
      const enabled = booleanQuery(call, 'enabled');
      const expiry = expiryFilter(queryValue(call, 'password_expires_at'));
      const filter = { includeRoot: true, ...(name !== undefined ? { name } : {}), ...(enabled !== undefined ? { enabled } : {}) };
      return keystoneList(call, {
        collection: 'users',
        paging: keystonePaging(call),
        page: (at) => call.services.users.list(ctx, { ...filter, ...at }),
        render: (users) => renderUsers(call, users, expiry),
      });
    },
  },
  {
    name: 'keystoneShowUser',
    method: 'GET',
    url: '/users/:user_id',
    access: 'required',
    async run(call) {
      const user = await call.services.users.get(callerOf(call), { id: pathId(call, 'user_id') });
      return { status: 200, body: { user: { ...renderUser(user, await profileOf(call, user.id), call.origin), ...(await keystoneExtras(call, user)) } } };
    },
  },
  {
    name: 'keystoneUpdateUserByAdmin',
    method: 'PATCH',
    url: '/users/:user_id',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const id = pathId(call, 'user_id');
      const input = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['user']).requiredObject('user');
      // Keystone takes the user's own `id` back in a PATCH body (tempest sends it); a different one is a 400
      const known = ['name', 'domain_id', 'password', 'enabled', 'description', 'pwd_status', 'options', ...keystoneFields(call), ...(call.rules === 'keystone' ? ['id'] : [])];
      const extras = userExtrasIn(call, known);
      input.onlyKnown([...known, ...Object.keys(extras)]);
      const bodyId = input.optionalString('id', { min: 1, max: 64 });
      if (bodyId !== undefined && bodyId !== id) throw new WireValidationError(input.name('id'), 'cannot change the id of a user');
      const newName = input.optionalString('name', userNameRule(call));
      const email = input.optionalString('email', EMAIL);
      const defaultProject = await defaultProjectIn(call, input);
      requireOwnDomain(call, input.optionalString('domain_id', { min: 1, max: 64 }), Actions.updateUser);
      const password = input.optionalString('password', PASSWORD);
      const enabled = input.optionalBoolean('enabled');
      const description = input.optionalString('description', DESCRIPTION);
      // Huawei KeystoneUpdateUserOption.pwd_status: must the user change the password at its next sign-in
      const pwdStatus = input.optionalBoolean('pwd_status');
      refuseOptions(input);
      // the password first: a password the policy refuses must not leave the other changes applied
      if (password !== undefined || pwdStatus !== undefined) await setPassword(call, id, password, pwdStatus);
      const updated = await call.services.users.update(ctx, { id }, {
        ...(newName !== undefined ? { newName } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(email !== undefined ? { email } : {}),
      });
      if (defaultProject !== undefined) await call.services.projects.setDefaultProject(ctx.principal.accountId, id, defaultProject);
      await call.services.userExtras.merge(ctx.principal.accountId, id, extras);
      return { status: 200, body: { user: { ...renderUser(updated, await profileOf(call, id), call.origin), ...(await keystoneExtras(call, updated)) } } };
    },
  },
  {
    name: 'keystoneDeleteUser',
    method: 'DELETE',
    url: '/users/:user_id',
    access: 'required',
    async run(call) {
      // Keystone deletes a user with its credentials and memberships in one call
      const ctx = callerOf(call);
      const id = pathId(call, 'user_id');
      await call.services.users.delete(ctx, { id }, { cascade: true });
      await call.services.userExtras.forget(ctx.principal.accountId, id);
      return { status: 204 };
    },
  },
  {
    name: 'keystoneUpdateUserPassword',
    method: 'POST',
    url: '/users/:user_id/password',
    access: 'password-change',
    async run(call) {
      const ctx = callerOf(call);
      const id = pathId(call, 'user_id');
      const input = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['user']).requiredObject('user');
      input.onlyKnown(['original_password', 'password']);
      const original = new PlainPassword(input.requiredString('original_password', PASSWORD));
      const password = new PlainPassword(input.requiredString('password', PASSWORD));
      // POLYIAM_V3_RULES=keystone: Keystone's change_password is unenforced (keystone/api/users.py): the original password is the
      // credential. Another user's is changed as that user, once a sign-in with it succeeds (a wrong
      // one is a failed sign-in: 401, counted toward lockout).
      // Huawei's rules: a user changes only its own (an administrator resets with PATCH /v3/users/{id}).
      if (id !== ctx.principal.userId && call.rules === 'huawei') {
        throw new KeystoneHttpError(403, `a user may change only its own password; an administrator resets user \`${id}\`'s with PATCH /v3/users/${id}`);
      }
      const owner = id === ctx.principal.userId ? ctx : await signedInAs(call, id, original);
      await call.services.tokens.changeOwnPassword(owner, original, password);
      return { status: 204 };
    },
  },
];

/** The call context of user `id` of the caller's domain, signed in with its password. @throws authentication-failed */
async function signedInAs(call: V3Call, id: string, password: PlainPassword): Promise<CallContext> {
  const grant = await call.services.tokens.signIn({ requestId: call.request.id, dialect: DIALECT, sourceIp: call.request.ip ?? null }, { user: { id }, password });
  if (grant.subject.account.id !== callerOf(call).principal.accountId) throw new AuthenticationError('bad-credentials');
  const view = call.services.tokens.issue(grant, 'unscoped');
  const signedIn = await call.services.tokens.authenticate(view.token);
  return callContext(call.request, signedIn.principal, DIALECT, 'keystoneUpdateUserPassword');
}

/** An administrator sets (or creates) a user's password, or only whether it must be changed. */
export async function setPassword(call: V3Call, id: string, password: string | undefined, pwdStatus: boolean | undefined): Promise<void> {
  const ctx = callerOf(call);
  const existing = await profileOf(call, id);
  if (existing === null) {
    if (password === undefined) throw new WireValidationError('user.pwd_status', 'the user has no password to reset; set `password` too');
    await call.services.loginProfiles.create(ctx, { id }, { password: new PlainPassword(password), passwordResetRequired: pwdStatus ?? call.rules === 'huawei' });
    return;
  }
  await call.services.loginProfiles.update(ctx, { id }, {
    ...(password !== undefined ? { password: new PlainPassword(password) } : {}),
    // an administrator's password is temporary unless it says otherwise
    passwordResetRequired: pwdStatus ?? (password !== undefined ? call.rules === 'huawei' : existing.passwordResetRequired),
  });
}

/** Keystone user `name` (identity/schema.py): 1 to 255 characters, not only white space. */
const KEYSTONE_USER_NAME: StringRule = { min: 1, max: 255, pattern: /\S/, patternText: 'must not be only white space' };

/** Keystone keeps `email` as an extra attribute; bounded like the users table's other text. */
const EMAIL: StringRule = { max: 255 };

/** Keystone's extra user fields; Huawei's KeystoneCreateUser has neither, so its rules refuse them. */
function keystoneFields(call: V3Call): string[] {
  return call.rules === 'keystone' ? ['email', 'default_project_id'] : [];
}

function userNameRule(call: V3Call): StringRule {
  return call.rules === 'keystone' ? KEYSTONE_USER_NAME : USER_NAME;
}

/** `default_project_id`: a project of the caller's account (Keystone refuses a domain or an unknown id), or null to clear. */
async function defaultProjectIn(call: V3Call, user: JsonFields): Promise<string | null | undefined> {
  if (!user.has('default_project_id')) return undefined;
  const id = user.optionalString('default_project_id', { min: 1, max: 64 });
  if (id === undefined) return null;
  if (!(await call.services.projects.find(callerOf(call).principal.accountId, id))) throw new WireValidationError(user.name('default_project_id'), `project \`${id}\` does not exist in the domain`);
  return id;
}

/** Keystone's extra user attributes, shown only when set: `email`, `default_project_id`. */
export async function keystoneExtras(call: V3Call, user: User): Promise<Record<string, unknown>> {
  const defaultProject = await call.services.projects.defaultProjectOf(user.accountId, user.id);
  // other extra attributes (POLYIAM_V3_RULES=keystone) first: they never hide a field of Keystone's own
  const extras = call.rules === 'keystone' ? await call.services.userExtras.get(user.accountId, user.id) : {};
  return { ...extras, ...(user.email !== '' ? { email: user.email } : {}), ...(defaultProject !== undefined ? { default_project_id: defaultProject } : {}) };
}
