import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIamError, PasswordPolicyError } from '../core/errors.js';
import { InvalidInputError, type IamError } from '../core/errors.js';
import type { ExemptUnit, LoginProfileView, LoginProtection, ProtectionMethod } from '../core/login-profiles/login-profile.js';
import { DEFAULT_OPERATION_EXEMPT_MINUTES } from '../core/login-protection/operation-protection-service.js';
import { PlainPassword } from '../core/secrets.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, field } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText, formatTime, violationText } from './messages.js';
import { guardOperation } from './operation-protection.js';
import { methodName } from './self-routes.js';

const form = { bodyLimit: FORM_BODY_LIMIT };
const EXEMPT_UNITS: ExemptUnit[] = ['minutes', 'hours', 'days'];
/** the user page's labels of the fields core may name in an invalid-input error */
const FIELD_LABELS: Record<string, string> = { email: 'Email address', phone: 'Mobile number', exemptDuration: 'Trust a verified browser for', opExemptMinutes: 'Verified operations are not asked again for', protectionMethods: 'Verify sign-ins by' };

/** An invalid field named by its label on the page; anything else as errorText says it. */
function fieldErrorText(err: IamError): string {
  if (err instanceof InvalidInputError && FIELD_LABELS[err.field]) return `${FIELD_LABELS[err.field]}: ${err.reason}.`;
  return errorText(err);
}
const PAGE_SIZE = 50;

/**
 * Users and a user's console password, access keys and MFA devices. Every action is the core command
 * the APIs call with the signed-in user as the caller: authorized by its policies and audited alike.
 */
export function registerAdminRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get<{ Querystring: { q?: string; marker?: string } }>('/users', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return usersPage(kit, request, reply, live, {});
  });

  app.post('/users', form, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    const name = field(body, 'name', 128).trim();
    const displayName = field(body, 'displayName', 256).trim();
    try {
      await kit.services.users.create(kit.context(live, request), { name, ...(displayName ? { displayName } : {}) });
      return reply.redirect(`/console/users/${encodeURIComponent(name)}`, 303);
    } catch (err) {
      if (isIamError(err)) return usersPage(kit, request, reply, live, { error: errorText(err) }, 400);
      throw err;
    }
  });

  app.get<{ Params: { name: string } }>('/users/:name', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return userPage(kit, request, reply, live, request.params.name, {});
  });

  // Each action on a user: the core command, then the user's page with what happened.
  const actions: Record<string, { done: string; sensitive?: string; run: (kit: ConsoleKit, live: LiveSession, request: FastifyRequest, name: string, body: URLSearchParams) => Promise<unknown> }> = {
    'login-profile': {
      done: 'The console password was saved.',
      sensitive: 'set the console password',
      run: (k, live, request, name, body) => {
        const ctx = k.context(live, request);
        const password = new PlainPassword(field(body, 'password', 256));
        const passwordResetRequired = field(body, 'resetRequired') === 'yes';
        return field(body, 'create') === 'yes'
          ? k.services.loginProfiles.create(ctx, { name }, { password, passwordResetRequired })
          : k.services.loginProfiles.update(ctx, { name }, { password, passwordResetRequired });
      },
    },
    'login-profile/delete': {
      done: 'The console password was deleted.',
      sensitive: 'delete the console password',
      run: (k, live, request, name) => k.services.loginProfiles.delete(k.context(live, request), { name }),
    },
    unlock: { done: 'The user was unlocked.', run: (k, live, request, name) => k.services.loginProfiles.unlock(k.context(live, request), { name }) },
    'console-access': {
      done: 'Console sign-in was changed.',
      run: (k, live, request, name, body) => k.services.loginProfiles.update(k.context(live, request), { name }, { loginAllowed: field(body, 'allowed') === 'yes' }),
    },
    protection: {
      done: 'Login protection was saved.',
      sensitive: 'change login protection',
      run: (k, live, request, name, body) => {
        const method = field(body, 'method');
        const methods: ProtectionMethod[] = method === 'vmfa' || method === 'email' || method === 'phone' ? [method] : [];
        const protection: Partial<LoginProtection> = { enabled: methods.length > 0, methods, exemptRequired: field(body, 'exemptRequired') === 'yes' };
        // the exemption window (Volcengine SafeAuthExemptRequired/Unit/Duration): core checks the unit's range
        if (protection.exemptRequired) {
          const unit = field(body, 'exemptUnit');
          const duration = field(body, 'exemptDuration', 8).trim();
          if (!/^[0-9]{1,6}$/.test(duration)) throw new InvalidInputError('exemptDuration', 'must be a whole number');
          protection.exemptDuration = Number(duration);
          protection.exemptUnit = EXEMPT_UNITS.includes(unit as ExemptUnit) ? (unit as ExemptUnit) : 'minutes';
        }
        return k.services.loginProfiles.update(k.context(live, request), { name }, { protection });
      },
    },
    'operation-protection': {
      done: 'Operation protection was saved.',
      sensitive: 'change operation protection',
      run: async (k, live, request, name, body) => {
        const method = field(body, 'opMethod');
        const methods: ProtectionMethod[] = method === 'vmfa' || method === 'email' || method === 'phone' ? [method] : [];
        const minutes = field(body, 'opExemptMinutes', 8).trim();
        if (!/^[0-9]{1,4}$/.test(minutes)) throw new InvalidInputError('opExemptMinutes', 'must be a whole number');
        try {
          return await k.services.operationProtection.set(k.context(live, request), { name }, { enabled: methods.length > 0, methods, exemptMinutes: Number(minutes) });
        } catch (err) {
          // core names Volcengine's field; the page names its own
          if (err instanceof InvalidInputError && err.field === 'exemptDuration') throw new InvalidInputError('opExemptMinutes', err.reason);
          throw err;
        }
      },
    },
    contact: {
      done: 'The contact details were saved.',
      sensitive: 'change the contact details',
      run: (k, live, request, name, body) => {
        const email = field(body, 'email', 256).trim();
        const phone = field(body, 'phone', 64).trim();
        // where login protection sends its codes: checked here, as each dialect checks its own fields
        if (email !== '' && (email.length > 255 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) throw new InvalidInputError('email', 'is not an email address');
        if (phone !== '' && !/^\+?[0-9][0-9 -]{4,30}$/.test(phone)) throw new InvalidInputError('phone', 'is not a mobile number (digits, an optional leading +)');
        return k.services.users.update(k.context(live, request), { name }, { email, phone });
      },
    },
  };
  for (const [path, action] of Object.entries(actions)) {
    app.post<{ Params: { name: string } }>(`/users/:name/${path}`, form, async (request, reply) => {
      const live = await kit.active(request, reply);
      if (!live) return;
      const body = await kit.form(request, live);
      const name = request.params.name;
      try {
        if (action.sensitive && !(await guardOperation(kit, live, request, reply, `/console/users/${encodeURIComponent(name)}`, `${action.sensitive} of ${name}`))) return;
        await action.run(kit, live, request, name, body);
        return userPage(kit, request, reply, live, name, { notice: action.done });
      } catch (err) {
        if (err instanceof PasswordPolicyError) return userPage(kit, request, reply, live, name, { error: `The password does not meet the password policy. ${err.violations.map(violationText).join(' ')}` }, 400);
        if (isIamError(err)) return userPage(kit, request, reply, live, name, { error: fieldErrorText(err) }, err.kind === 'access-denied' ? 403 : 400);
        throw err;
      }
    });
  }

  app.post<{ Params: { name: string } }>('/users/:name/delete', form, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    await kit.form(request, live);
    try {
      if (!(await guardOperation(kit, live, request, reply, `/console/users/${encodeURIComponent(request.params.name)}`, `delete user ${request.params.name}`))) return;
      // the console deletes what hangs off the user with it, as Huawei's console and Keystone do
      await kit.services.users.delete(kit.context(live, request), { name: request.params.name }, { cascade: true });
      return usersPage(kit, request, reply, live, { notice: `User ${request.params.name} was deleted.` });
    } catch (err) {
      if (isIamError(err)) return userPage(kit, request, reply, live, request.params.name, { error: errorText(err) }, err.kind === 'access-denied' ? 403 : 400);
      throw err;
    }
  });
}

async function usersPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, state: { error?: string; notice?: string }, status = 200): Promise<void> {
  // a POST renders the list without its query
  const query = (request.method === 'GET' ? (request.query ?? {}) : {}) as { q?: unknown; marker?: unknown };
  const q = typeof query.q === 'string' ? query.q.slice(0, 128) : '';
  const marker = typeof query.marker === 'string' ? query.marker.slice(0, 512) : undefined;
  const data = { title: 'Users', ...kit.chrome(live), q, users: [] as unknown[], next: '', ...state };
  try {
    const page = await kit.services.users.list(kit.context(live, request), { limit: PAGE_SIZE, includeRoot: true, ...(q ? { textContains: q } : {}), ...(marker ? { marker } : {}) });
    data.users = page.items.map((u) => ({ name: u.name, displayName: u.displayName, enabled: u.enabled, created: formatTime(u.createdAt) }));
    if (page.nextMarker) data.next = new URLSearchParams({ ...(q ? { q } : {}), marker: page.nextMarker }).toString();
  } catch (err) {
    if (!isIamError(err)) throw err;
    return kit.render(reply, 'message', { ...data, text: errorText(err), next: '/console', nextLabel: 'Back to the home page' }, err.kind === 'access-denied' ? 403 : 400);
  }
  return kit.render(reply, 'users', data, status);
}

async function userPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, name: string, state: { error?: string; notice?: string }, status = 200): Promise<void> {
  const ctx = kit.context(live, request);
  let user;
  try {
    user = await kit.services.users.get(ctx, { name });
  } catch (err) {
    if (!isIamError(err)) throw err;
    const text = state.notice ?? errorText(err);
    return kit.render(reply, 'message', { title: 'User', ...kit.chrome(live), text, next: '/console/users', nextLabel: 'Back to users' }, err.kind === 'access-denied' ? 403 : err.kind === 'not-found' ? 404 : 400);
  }
  let profile: LoginProfileView | undefined;
  try {
    profile = await kit.services.loginProfiles.get(ctx, { id: user.id });
  } catch (err) {
    if (!isIamError(err) || err.kind !== 'not-found') throw err;
  }
  let keys: unknown[] = [];
  let keysError = '';
  try {
    keys = (await kit.services.accessKeys.list(ctx, { id: user.id })).keys.map((k) => ({
      id: k.id,
      status: k.status === 'active' ? 'Active' : 'Inactive',
      created: formatTime(k.createdAt),
      lastUsed: formatTime(k.lastUsedAt),
      service: k.lastUsedService ?? '-',
      region: k.lastUsedRegion ?? '-',
    }));
  } catch (err) {
    if (!isIamError(err)) throw err;
    keysError = errorText(err);
  }
  // no record is protection off (Volcengine GetSecurityConfig SecurityConfigNotExist)
  let operations: { enabled: boolean; method: string; exemptMinutes: number } = { enabled: false, method: '', exemptMinutes: DEFAULT_OPERATION_EXEMPT_MINUTES };
  try {
    const { protection } = await kit.services.operationProtection.get(ctx, { id: user.id });
    operations = { enabled: protection.enabled, method: protection.methods[0] ?? '', exemptMinutes: protection.exemptMinutes };
  } catch (err) {
    if (!isIamError(err) || (err.kind !== 'not-found' && err.kind !== 'access-denied')) throw err;
  }
  const devices = kit.mfa.available ? await kit.mfa.list(ctx, { id: user.id }) : [];
  return kit.render(
    reply,
    'user',
    {
      title: `User ${user.name}`,
      ...kit.chrome(live),
      base: `/console/users/${encodeURIComponent(user.name)}`,
      user,
      profile: profile && {
        loginAllowed: profile.loginAllowed,
        passwordResetRequired: profile.passwordResetRequired,
        isLocked: profile.isLocked,
        lockedUntil: formatTime(profile.lockedUntil),
        lastLogin: profile.lastLoginAt === null ? 'never' : `${formatTime(profile.lastLoginAt)} from ${profile.lastLoginIp ?? 'an unknown address'}`,
        passwordExpires: profile.passwordExpiresAt === null ? 'Never' : formatTime(profile.passwordExpiresAt),
        protection: {
          enabled: profile.protection.enabled,
          methods: profile.protection.methods.map(methodName).join(', '),
          method: profile.protection.methods[0] ?? '',
          exemptRequired: profile.protection.exemptRequired,
          exemptDuration: profile.protection.exemptDuration,
          exemptUnit: profile.protection.exemptUnit,
        },
      },
      operations,
      keys,
      keysError,
      mfa: { available: kit.mfa.available, reason: kit.mfa.reason, devices: devices.map((d) => ({ serial: d.serial, boundAt: formatTime(d.boundAt) })) },
      ...state,
    },
    status,
  );
}
