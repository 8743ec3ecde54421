import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIamError, PasswordPolicyError, type PasswordViolation } from '../core/errors.js';
import { PlainPassword } from '../core/secrets.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, SESSION_COOKIE, field, setCookie } from './http.js';
import type { ConsoleKit } from './kit.js';
import { guardOperation } from './operation-protection.js';
import type { MfaBinding } from './mfa-devices.js';
import { errorText, formatTime, policyRules, violationText } from './messages.js';

const form = { bodyLimit: FORM_BODY_LIMIT };

/** My security: the signed-in user's own password, MFA device and login protection. */
export function registerSelfRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get('/security', async (request, reply) => {
    const live = await kit.active(request, reply);
    if (live) return securityPage(kit, request, reply, live, {});
  });

  app.post('/security/password', form, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    // Huawei protect_policy allow_user.manage_password false: IAM users do not change their own password
    if (!(await kit.services.protectPolicy.allowsSelf(kit.context(live, request), 'managePassword'))) {
      return securityPage(kit, request, reply, live, { error: 'Your administrator does not let users change their own password (operation protection policy). Ask an administrator to reset it.' }, 403);
    }
    const newPassword = field(body, 'newPassword', 256);
    if (newPassword !== field(body, 'confirmPassword', 256)) {
      return securityPage(kit, request, reply, live, { error: 'The new password and its confirmation do not match.' }, 400);
    }
    try {
      // the same core command as AWS ChangePassword and Huawei's caller password change: it ends every
      // session of the user, and this browser gets a new one
      await kit.services.credentials.changePassword(kit.context(live, request), new PlainPassword(field(body, 'currentPassword', 256)), new PlainPassword(newPassword));
      const { token } = await kit.sessions.keepAfterOwnPasswordChange(live);
      setCookie(reply, request, SESSION_COOKIE, token);
      return kit.message(reply, 200, 'Password changed', 'Your password was changed. Your other sessions were signed out.', '/console/security', 'Back to My security');
    } catch (err) {
      if (err instanceof PasswordPolicyError) return securityPage(kit, request, reply, live, { error: 'The new password does not meet the password policy.', broken: err.violations }, 400);
      if (isIamError(err)) {
        const error = err.kind === 'invalid-input' && err.field === 'oldPassword' ? 'The current password is incorrect.' : errorText(err);
        return securityPage(kit, request, reply, live, { error }, 400);
      }
      throw err;
    }
  });

  app.post('/security/mfa', form, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    try {
      await kit.mfa.bind(kit.context(live, request), field(body, 'serial', 256), field(body, 'firstCode', 16).trim(), field(body, 'secondCode', 16).trim());
      return securityPage(kit, request, reply, live, { notice: 'The virtual MFA device is bound.' });
    } catch (err) {
      if (isIamError(err)) return securityPage(kit, request, reply, live, { error: errorText(err) }, 400);
      throw err;
    }
  });

  app.post('/security/mfa/unbind', form, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    try {
      if (!(await guardOperation(kit, live, request, reply, '/console/security', 'unbind your virtual MFA device'))) return;
      await kit.mfa.unbind(kit.context(live, request), field(body, 'serial', 256));
      return securityPage(kit, request, reply, live, { notice: 'The virtual MFA device is unbound.' });
    } catch (err) {
      if (isIamError(err)) return securityPage(kit, request, reply, live, { error: errorText(err) }, 400);
      throw err;
    }
  });
}

interface SecurityState {
  error?: string;
  notice?: string;
  broken?: PasswordViolation[];
}

async function securityPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, state: SecurityState, status = 200): Promise<void> {
  const ctx = kit.context(live, request);
  const broken = new Set((state.broken ?? []).map((v) => v.rule));
  const mfa: { available: boolean; reason: string; devices: Array<{ serial: string; boundAt: string }>; binding?: MfaBinding & { qrDataUrl: string } } = {
    available: kit.mfa.available,
    reason: kit.mfa.reason,
    devices: [],
  };
  if (kit.mfa.available) {
    try {
      mfa.devices = (await kit.mfa.list(ctx, { id: live.user.id })).map((d) => ({ serial: d.serial, boundAt: formatTime(d.boundAt) }));
      if (mfa.devices.length === 0) {
        const binding = await kit.mfa.start(ctx);
        const QRCode = (await import('qrcode')).default; // on first use (#17: start-up memory)
        mfa.binding = { ...binding, qrDataUrl: await QRCode.toDataURL(binding.otpauthUri) };
      }
    } catch (err) {
      // AWS: managing one's own device needs iam:CreateVirtualMFADevice/EnableMFADevice; the rest of the
      // page (password, login protection) stays usable for a user whose policies do not grant them
      if (!isIamError(err)) throw err;
      mfa.available = false;
      mfa.reason = err.kind === 'access-denied' ? 'Your policies do not allow you to manage a virtual MFA device. Ask an administrator.' : errorText(err);
    }
  }
  const protection = live.profile.protection;
  return kit.render(
    reply,
    'security',
    {
      title: 'My security',
      ...kit.chrome(live),
      rules: policyRules(live.policy).map((r) => ({ ...r, broken: broken.has(r.rule) })),
      violations: (state.broken ?? []).map(violationText),
      mfa,
      protection: { enabled: protection.enabled, methods: protection.methods.map(methodName).join(', ') },
      ...(state.error ? { error: state.error } : {}),
      ...(state.notice ? { notice: state.notice } : {}),
    },
    status,
  );
}

export function methodName(method: string): string {
  return method === 'vmfa' ? 'virtual MFA device' : method === 'phone' ? 'SMS' : method;
}
