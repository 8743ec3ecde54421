import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError, isIamError } from '../core/errors.js';
import { CUSTOM_MESSAGE_MAX, LOGIN_POLICY_BOUNDS, type LoginPolicySettings } from '../core/login-protection/login-policy.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, field, type Form } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText } from './messages.js';

type NumberSetting = keyof typeof LOGIN_POLICY_BOUNDS;

/** The fields of Huawei's LoginPolicyOption, labelled as a person reads them. */
const NUMBERS: Array<{ name: NumberSetting; label: string }> = [
  { name: 'lockoutThreshold', label: 'Failed sign-ins before a lock (0: never lock)' },
  { name: 'failureWindowMinutes', label: 'Failed sign-ins count for minutes' },
  { name: 'lockoutMinutes', label: 'Lock duration in minutes' },
  { name: 'sessionTimeoutMinutes', label: 'Session timeout in minutes (signed out after this long unused)' },
  { name: 'accountValidityDays', label: 'Disable users unused for days (0: never)' },
];

const LABELS: Record<string, string> = {
  ...Object.fromEntries(NUMBERS.map((n) => [n.name, n.label])),
  customSignInMessage: 'Sign-in message',
};

/** The account login policy as a form: the same core get and update as Huawei's login-policy APIs. */
export function registerLoginPolicyRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get('/login-policy', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return policyPage(kit, request, reply, live, {});
  });

  app.post('/login-policy', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    const changes = settingsFrom(body);
    if (typeof changes === 'string') return policyPage(kit, request, reply, live, { error: changes, posted: body }, 400);
    try {
      await kit.services.loginPolicy.update(kit.context(live, request), changes);
      return policyPage(kit, request, reply, live, { notice: 'The login policy was saved.' });
    } catch (err) {
      if (err instanceof InvalidInputError) return policyPage(kit, request, reply, live, { error: `${LABELS[err.field] ?? err.field}: ${err.reason}.`, posted: body }, 400);
      if (isIamError(err)) return policyPage(kit, request, reply, live, { error: errorText(err) }, err.kind === 'access-denied' ? 403 : 400);
      throw err;
    }
  });
}

/** The posted settings, or what is wrong with them (named as the form labels them). */
function settingsFrom(body: Form): Partial<LoginPolicySettings> | string {
  const changes: Partial<LoginPolicySettings> = {};
  for (const { name, label } of NUMBERS) {
    const text = field(body, name, 16).trim();
    const [min, max] = LOGIN_POLICY_BOUNDS[name];
    if (!/^[0-9]+$/.test(text) || Number(text) < min || Number(text) > max) return `${label} must be a whole number from ${min} to ${max}.`;
    changes[name] = Number(text);
  }
  changes.showRecentLoginInfo = field(body, 'showRecentLoginInfo') === 'yes';
  // one more than the limit is kept, so core names an overlong message instead of it being cut silently
  changes.customSignInMessage = field(body, 'customSignInMessage', CUSTOM_MESSAGE_MAX * 2 + 1).trim();
  return changes;
}

async function policyPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, state: { error?: string; notice?: string; posted?: Form }, status = 200): Promise<void> {
  try {
    const policy = await kit.services.loginPolicy.get(kit.context(live, request));
    // a refused form shows what was typed, so the person can correct it
    const value = (name: string, saved: unknown): string => (state.posted ? field(state.posted, name, 256) : String(saved));
    return kit.render(
      reply,
      'login-policy',
      {
        title: 'Login policy',
        ...kit.chrome(live),
        numbers: NUMBERS.map((n) => ({ ...n, min: LOGIN_POLICY_BOUNDS[n.name][0], max: LOGIN_POLICY_BOUNDS[n.name][1], value: value(n.name, policy[n.name]) })),
        showRecentLoginInfo: state.posted ? field(state.posted, 'showRecentLoginInfo') === 'yes' : policy.showRecentLoginInfo,
        customSignInMessage: value('customSignInMessage', policy.customSignInMessage),
        messageMax: CUSTOM_MESSAGE_MAX,
        ...(state.error ? { error: state.error } : {}),
        ...(state.notice ? { notice: state.notice } : {}),
      },
      status,
    );
  } catch (err) {
    if (!isIamError(err)) throw err;
    return kit.render(reply, 'message', { title: 'Login policy', ...kit.chrome(live), text: errorText(err), next: '/console', nextLabel: 'Back to the home page' }, err.kind === 'access-denied' ? 403 : 400);
  }
}
