import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError, isIamError } from '../core/errors.js';
import type { AllowUser, ProtectPolicySettings } from '../core/login-protection/protect-policy.js';
import type { ProtectPolicyChanges } from '../core/login-protection/protect-policy-service.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, field, type Form } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText } from './messages.js';
import { guardOperation } from './operation-protection.js';

/** AllowUserBody, labelled as a person reads it */
const ALLOW: Array<{ name: keyof AllowUser; label: string }> = [
  { name: 'manageAccessKey', label: 'Their access keys' },
  { name: 'managePassword', label: 'Their password' },
  { name: 'manageEmail', label: 'Their email address' },
  { name: 'manageMobile', label: 'Their mobile number' },
];
/** the form field that holds each core field an invalid-input error may name */
const FIELD_OF: Record<string, { id: string; label: string }> = {
  scene: { id: 'scene-email', label: 'Reach the designated person by' },
  email: { id: 'designatedEmail', label: 'Designated email address' },
  mobile: { id: 'designatedMobile', label: 'Designated mobile number' },
};

/**
 * The account's operation protection policy as a form (Huawei's "Operation Protection" security
 * setting): the same core get and update as ShowDomainProtectPolicy / UpdateDomainProtectPolicy.
 * Changing it is itself a sensitive operation.
 */
export function registerProtectPolicyRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get('/protect-policy', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return policyPage(kit, request, reply, live, {});
  });

  app.post('/protect-policy', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    try {
      if (!(await guardOperation(kit, live, request, reply, '/console/protect-policy', 'change the operation protection policy'))) return;
      await kit.services.protectPolicy.update(kit.context(live, request), changesFrom(body));
      return policyPage(kit, request, reply, live, { notice: 'The operation protection policy was saved.' });
    } catch (err) {
      if (err instanceof InvalidInputError && FIELD_OF[err.field]) {
        const target = FIELD_OF[err.field]!;
        // core names Huawei's wire fields (admin_check, scene); the page names its own
        const reason = err.reason.startsWith('is required') ? 'required when a designated person verifies this way' : err.reason;
        return policyPage(kit, request, reply, live, { error: `${target.label}: ${reason}.`, invalid: target.id, posted: body }, 400);
      }
      if (isIamError(err)) return policyPage(kit, request, reply, live, { error: errorText(err) }, err.kind === 'access-denied' ? 403 : 400);
      throw err;
    }
  });
}

function changesFrom(body: Form): ProtectPolicyChanges {
  const scene = field(body, 'scene');
  return {
    operationProtection: field(body, 'operationProtection') === 'yes',
    adminCheck: field(body, 'adminCheck') === 'on',
    scene: scene === 'email' || scene === 'mobile' ? scene : null,
    email: field(body, 'designatedEmail', 256).trim(),
    mobile: field(body, 'designatedMobile', 64).trim(),
    allowUser: Object.fromEntries(ALLOW.map((a) => [a.name, field(body, a.name) === 'yes'])),
  };
}

interface PageState {
  error?: string;
  notice?: string;
  /** the id of the field the error is about */
  invalid?: string;
  posted?: Form;
}

async function policyPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, state: PageState, status = 200): Promise<void> {
  let saved: ProtectPolicySettings;
  try {
    saved = await kit.services.protectPolicy.get(kit.context(live, request));
  } catch (err) {
    if (!isIamError(err)) throw err;
    return kit.render(reply, 'message', { title: 'Operation protection policy', ...kit.chrome(live), text: errorText(err), next: '/console', nextLabel: 'Back to the home page' }, err.kind === 'access-denied' ? 403 : 400);
  }
  // a refused form shows what was typed, so the person can correct it
  const policy = state.posted ? { ...saved, ...changesFrom(state.posted), allowUser: { ...saved.allowUser, ...changesFrom(state.posted).allowUser } } : saved;
  return kit.render(
    reply,
    'protect-policy',
    {
      title: 'Operation protection policy',
      ...kit.chrome(live),
      policy,
      allow: ALLOW.map((a) => ({ ...a, checked: policy.allowUser[a.name] })),
      invalid: state.invalid ?? '',
      ...(state.error ? { error: state.error } : {}),
      ...(state.notice ? { notice: state.notice } : {}),
    },
    status,
  );
}
