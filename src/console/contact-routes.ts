import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIamError } from '../core/errors.js';
import { checkEmail, checkMobile, CONTACT_LIMITS } from '../core/users/contact-rules.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, field } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText } from './messages.js';
import { guardOperation } from './operation-protection.js';

const form = { bodyLimit: FORM_BODY_LIMIT };
const PAGE = '/console/security/contact';
/** Huawei protect_policy allow_user.manage_email and manage_mobile both false: nothing to change here */
export const CONTACT_NOT_SELF_MANAGED = 'Your administrator does not let users change their own email address or mobile number (operation protection policy). Ask an administrator.';

interface ContactState {
  error?: string;
  notice?: string;
  /** the id of the field the error is about */
  invalid?: 'email' | 'mobile';
  posted?: { email?: string; mobile?: string };
}

/**
 * My email and mobile (`/security/contact`): the signed-in user's own email address and mobile number,
 * through the core command of Huawei UpdateUserInformation (PUT /v3.0/OS-USER/users/{id}/info), with
 * its format rules. Each field is shown only when the account's protect policy lets users manage it
 * (`allow_user.manage_email`, `manage_mobile`; the root always), and the core refuses the rest. A change
 * is a sensitive operation under operation protection (Huawei's critical operations list "修改手机号、邮箱").
 */
export function registerContactRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get('/security/contact', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return contactPage(kit, request, reply, live, {});
  });

  app.post('/security/contact', form, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    const allowed = await allowedFields(kit, live, request);
    const user = await kit.services.users.caller(kit.context(live, request));
    const posted = { email: field(body, 'email', CONTACT_LIMITS.emailMax + 1).trim(), mobile: field(body, 'mobile', 64).trim() };
    // only what the page shows and the person changed; an unchanged or hidden field is no change
    const change: { email?: string; phone?: string } = {};
    if (allowed.email && posted.email !== user.email) change.email = posted.email;
    if (allowed.mobile && posted.mobile !== user.phone) change.phone = posted.mobile;
    if (!allowed.email && !allowed.mobile) return contactPage(kit, request, reply, live, { error: CONTACT_NOT_SELF_MANAGED }, 403);
    if (change.email === undefined && change.phone === undefined) return contactPage(kit, request, reply, live, { notice: 'Nothing changed.' });
    // the API's own rules, checked before the person is asked to verify the change
    try {
      if (change.email !== undefined) checkEmail(change.email);
    } catch {
      return contactPage(kit, request, reply, live, { error: `Enter an email address such as name@example.com, at most ${CONTACT_LIMITS.emailMax} characters.`, invalid: 'email', posted }, 400);
    }
    try {
      if (change.phone !== undefined) checkMobile(change.phone);
    } catch {
      return contactPage(kit, request, reply, live, { error: `Enter the country code, a hyphen and the number, such as 0086-123456789 (at most ${CONTACT_LIMITS.mobileDigitsMax} digits).`, invalid: 'mobile', posted }, 400);
    }
    try {
      if (!(await guardOperation(kit, live, request, reply, PAGE, 'change your email address or mobile number'))) return;
      await kit.services.users.updateOwnContact(kit.context(live, request), live.user.id, change);
      return contactPage(kit, request, reply, live, { notice: 'Your email address and mobile number were saved.' });
    } catch (err) {
      if (!isIamError(err)) throw err;
      return contactPage(kit, request, reply, live, { error: errorText(err), posted }, err.kind === 'access-denied' ? 403 : 400);
    }
  });
}

/** Which fields the protect policy lets the signed-in user change (the root: both). */
async function allowedFields(kit: ConsoleKit, live: LiveSession, request: FastifyRequest): Promise<{ email: boolean; mobile: boolean }> {
  const ctx = kit.context(live, request);
  const policy = kit.services.protectPolicy;
  return { email: await policy.allowsSelf(ctx, 'manageEmail'), mobile: await policy.allowsSelf(ctx, 'manageMobile') };
}

async function contactPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, state: ContactState, status = 200): Promise<void> {
  const allowed = await allowedFields(kit, live, request);
  const user = await kit.services.users.caller(kit.context(live, request));
  return kit.render(
    reply,
    'contact',
    {
      title: 'My email and mobile',
      ...kit.chrome(live),
      allowed,
      email: state.posted?.email ?? user.email,
      mobile: state.posted?.mobile ?? user.phone,
      invalid: state.invalid ?? '',
      emailMax: CONTACT_LIMITS.emailMax,
      ...(allowed.email || allowed.mobile ? {} : { closed: CONTACT_NOT_SELF_MANAGED }),
      ...(state.error ? { error: state.error } : {}),
      ...(state.notice ? { notice: state.notice } : {}),
    },
    status,
  );
}
