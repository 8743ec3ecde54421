import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIamError } from '../core/errors.js';
import { POLICY_BOUNDS, type PasswordPolicySettings } from '../core/password-policy/password-policy.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, field, type Form } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText } from './messages.js';

type NumberSetting = keyof typeof POLICY_BOUNDS;
type FlagSetting = { [K in keyof PasswordPolicySettings]: PasswordPolicySettings[K] extends boolean ? K : never }[keyof PasswordPolicySettings];

const NUMBERS: Array<{ name: NumberSetting; label: string }> = [
  { name: 'minimumLength', label: 'Minimum length' },
  { name: 'maximumLength', label: 'Maximum length' },
  { name: 'minimumCharClasses', label: 'Kinds of characters required (0-4)' },
  { name: 'maxConsecutiveIdenticalChars', label: 'Most identical characters in a row (0: no limit)' },
  { name: 'maxAgeDays', label: 'Password expires after days (0: never)' },
  { name: 'minimumAgeMinutes', label: 'Minimum password age in minutes' },
  { name: 'reusePrevention', label: 'Previous passwords that cannot be reused' },
  { name: 'lockoutThreshold', label: 'Failed sign-ins before a lock (0: never lock)' },
  { name: 'lockoutMinutes', label: 'Lock duration in minutes' },
];

const FLAGS: Array<{ name: FlagSetting; label: string }> = [
  { name: 'requireUppercase', label: 'Require an uppercase letter' },
  { name: 'requireLowercase', label: 'Require a lowercase letter' },
  { name: 'requireNumbers', label: 'Require a number' },
  { name: 'requireSymbols', label: 'Require a symbol' },
  { name: 'notUserNameOrReversed', label: 'Forbid the user name and the user name reversed' },
  { name: 'allowUsersToChangePassword', label: 'Allow users to change their own password' },
  { name: 'hardExpiry', label: 'Expired passwords can only be reset by an administrator' },
];

/** The account's password policy as a form: the same core get and update as the APIs. */
export function registerPolicyRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get('/password-policy', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return policyPage(kit, request, reply, live, {});
  });

  app.post('/password-policy', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    const changes = settingsFrom(body);
    if (typeof changes === 'string') return policyPage(kit, request, reply, live, { error: changes }, 400);
    try {
      await kit.services.passwordPolicy.update(kit.context(live, request), changes);
      return policyPage(kit, request, reply, live, { notice: 'The password policy was saved.' });
    } catch (err) {
      if (isIamError(err)) return policyPage(kit, request, reply, live, { error: errorText(err) }, err.kind === 'access-denied' ? 403 : 400);
      throw err;
    }
  });
}

/** The posted settings, or what is wrong with them (named as the form labels them). */
function settingsFrom(body: Form): Partial<PasswordPolicySettings> | string {
  const changes: Partial<PasswordPolicySettings> = {};
  for (const { name, label } of NUMBERS) {
    const text = field(body, name, 16).trim();
    const [min, max] = POLICY_BOUNDS[name];
    if (!/^[0-9]+$/.test(text) || Number(text) < min || Number(text) > max) return `${label} must be a whole number from ${min} to ${max}.`;
    changes[name] = Number(text);
  }
  for (const { name } of FLAGS) changes[name] = field(body, name) === 'yes';
  return changes;
}

async function policyPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, state: { error?: string; notice?: string }, status = 200): Promise<void> {
  try {
    const policy = await kit.services.passwordPolicy.get(kit.context(live, request));
    return kit.render(
      reply,
      'password-policy',
      {
        title: 'Password policy',
        ...kit.chrome(live),
        numbers: NUMBERS.map((n) => ({ ...n, min: POLICY_BOUNDS[n.name][0], max: POLICY_BOUNDS[n.name][1], value: policy[n.name] })),
        flags: FLAGS.map((f) => ({ ...f, value: policy[f.name] })),
        ...state,
      },
      status,
    );
  } catch (err) {
    if (!isIamError(err)) throw err;
    return kit.render(reply, 'message', { title: 'Password policy', ...kit.chrome(live), text: errorText(err), next: '/console', nextLabel: 'Back to the home page' }, err.kind === 'access-denied' ? 403 : 400);
  }
}
