import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIamError, PasswordPolicyError, type PasswordViolation } from '../core/errors.js';
import { PlainPassword } from '../core/secrets.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { DEVICE_COOKIE, FORM_BODY_LIMIT, SESSION_COOKIE, SIGN_IN_COOKIE, clearCookie, field, requestFacts, setCookie } from './http.js';
import type { ConsoleKit } from './kit.js';
import { BAD_CREDENTIALS, errorText, formatTime, policyRules, violationText } from './messages.js';

const form = { bodyLimit: FORM_BODY_LIMIT };

/** Sign-in, the forced password change, login protection's second step, sign-out. */
export function registerSignInRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.get('/', async (request, reply) => {
    if (await kit.active(request, reply)) return home(kit, request, reply);
  });

  // `?account=` names the account (a link an administrator hands its users): the field is filled and
  // the account's sign-in message shown
  app.get<{ Querystring: { ended?: string; account?: string } }>('/sign-in', async (request, reply) => {
    const live = await kit.live(request);
    if (live) return reply.redirect('/console', 303);
    const account = typeof request.query.account === 'string' ? request.query.account.slice(0, 128).trim() : '';
    return signInPage(kit, request, reply, { account, ...(request.query.ended === '1' ? { notice: 'Your session has ended. Sign in again.' } : {}) });
  });

  app.post('/sign-in', form, async (request, reply) => {
    const body = await kit.form(request, undefined);
    const account = field(body, 'account', 128).trim();
    const userName = field(body, 'userName', 128).trim();
    const password = new PlainPassword(field(body, 'password', 256));
    const deviceId = request.cookies[DEVICE_COOKIE];
    const result = await kit.sessions.signIn(requestFacts(request), { account, userName, password, ...(deviceId ? { deviceId } : {}) });
    if (result.kind === 'session') {
      // the browser's previous session (another user's, or its own) ends with the new one's start
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await kit.sessions.discard(previous);
      setCookie(reply, request, SESSION_COOKIE, result.token);
      clearCookie(reply, SIGN_IN_COOKIE);
      const next = result.session.stage === 'password-change' ? '/console/change-password' : result.session.stage === 'second-factor' ? '/console/verify' : '/console';
      return reply.redirect(next, 303);
    }
    const error =
      result.kind === 'locked'
        ? `This user is locked after too many failed sign-ins until ${formatTime(result.lockedUntil)}. Try again then, or ask your administrator to unlock it.`
        : {
            'bad-credentials': BAD_CREDENTIALS,
            throttled: 'Too many sign-in attempts. Wait a few minutes and try again.',
            'not-allowed': 'Console sign-in is not allowed for this user. Ask your administrator to allow it.',
            disabled: 'This user is disabled. Ask your administrator to enable it.',
            expired: 'Your password has expired and cannot be changed by you. Ask your administrator to reset it.',
            // Huawei console-acl-policy
            'address-not-allowed': 'Console sign-in from your network address is not allowed for this account. Ask your administrator.',
          }[result.reason];
    const status = result.kind === 'refused' && result.reason === 'throttled' ? 429 : 401;
    return signInPage(kit, request, reply, { account, userName, error }, status);
  });

  app.get('/change-password', async (request, reply) => {
    const live = await pending(kit, request, reply, 'password-change');
    if (live) return changePage(kit, reply, live, {});
  });

  app.post('/change-password', form, async (request, reply) => {
    const live = await pending(kit, request, reply, 'password-change');
    if (!live) return;
    const body = await kit.form(request, live);
    const newPassword = field(body, 'newPassword', 256);
    if (newPassword !== field(body, 'confirmPassword', 256)) {
      return changePage(kit, reply, live, { error: 'The new password and its confirmation do not match.', mismatch: true }, 400);
    }
    try {
      const { token } = await kit.sessions.changeRequiredPassword(live, new PlainPassword(newPassword), requestFacts(request));
      setCookie(reply, request, SESSION_COOKIE, token);
      return reply.redirect('/console', 303);
    } catch (err) {
      if (err instanceof PasswordPolicyError) return changePage(kit, reply, live, { error: 'The new password does not meet the password policy.', broken: err.violations }, 400);
      if (isIamError(err)) return changePage(kit, reply, live, { error: errorText(err) }, 400);
      throw err;
    }
  });

  app.get('/verify', async (request, reply) => {
    const live = await pending(kit, request, reply, 'second-factor');
    if (live) return verifyPage(kit, reply, live, {});
  });

  app.post('/verify', form, async (request, reply) => {
    const live = await pending(kit, request, reply, 'second-factor');
    if (!live) return;
    const body = await kit.form(request, live);
    const code = field(body, 'code', 16).trim();
    if (!/^[0-9]{4,8}$/.test(code)) return verifyPage(kit, reply, live, { error: 'Enter the verification code: digits only.' }, 400);
    try {
      const deviceId = deviceOf(request, reply);
      const trust = field(body, 'trustDevice') === 'yes' && live.session.challenge?.canTrustDevice === true;
      const { token, stage } = await kit.sessions.verifySecondFactor(live, code, trust, deviceId, requestFacts(request));
      setCookie(reply, request, SESSION_COOKIE, token);
      return reply.redirect(stage === 'password-change' ? '/console/change-password' : '/console', 303);
    } catch (err) {
      if (isIamError(err)) return verifyPage(kit, reply, live, { error: err.kind === 'authentication-failed' ? 'The verification code is incorrect or has expired.' : errorText(err) }, 401);
      throw err;
    }
  });

  app.post('/verify/send', form, async (request, reply) => {
    const live = await pending(kit, request, reply, 'second-factor');
    if (!live) return;
    await kit.form(request, live);
    try {
      const sent = await kit.sessions.sendSecondFactorCode(live, requestFacts(request));
      return verifyPage(kit, reply, live, { notice: `A code was sent to ${sent.maskedDestination}.`, maskedDestination: sent.maskedDestination });
    } catch (err) {
      if (isIamError(err)) return verifyPage(kit, reply, live, { error: errorText(err) }, 400);
      throw err;
    }
  });

  app.post('/sign-out', form, async (request, reply) => {
    const live = await kit.live(request);
    if (live) {
      await kit.form(request, live);
      await kit.sessions.signOut(live, requestFacts(request));
    }
    clearCookie(reply, SESSION_COOKIE);
    return reply.redirect('/console/sign-in', 303);
  });
}

async function signInPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, data: { account?: string; userName?: string; error?: string; notice?: string }, status = 200): Promise<void> {
  // the sign-in form's CSRF token lives in its own short cookie, kept while it lasts (two tabs share it)
  const existing = request.cookies[SIGN_IN_COOKIE];
  const csrf = existing && /^[A-Za-z0-9_-]{22}$/.test(existing) ? existing : randomBytes(16).toString('base64url');
  setCookie(reply, request, SIGN_IN_COOKIE, csrf, 3600);
  // the login policy's custom_info_for_login of the account typed or linked (escaped like all data)
  const loginMessage = data.account ? await kit.sessions.signInMessage(data.account) : '';
  await kit.render(reply, 'sign-in', { title: 'Sign in', account: '', userName: '', ...data, loginMessage, csrf }, status);
}

/** The session of a half-done sign-in at `stage`, or a redirect to where this browser belongs. */
async function pending(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, stage: 'password-change' | 'second-factor'): Promise<LiveSession | undefined> {
  const live = await kit.live(request);
  if (live?.session.stage === stage) return live;
  await reply.redirect(live ? '/console' : '/console/sign-in', 303);
  return undefined;
}

function changePage(kit: ConsoleKit, reply: FastifyReply, live: LiveSession, data: { error?: string; broken?: PasswordViolation[]; mismatch?: boolean }, status = 200): Promise<void> {
  const broken = new Set((data.broken ?? []).map((v) => v.rule));
  return kit.render(
    reply,
    'change-password',
    {
      title: 'Change your password',
      csrf: live.session.csrfToken,
      // a half-done sign-in can be abandoned (to sign in as someone else)
      signOut: true,
      userName: live.user.name,
      rules: policyRules(live.policy).map((r) => ({ ...r, broken: broken.has(r.rule) })),
      violations: (data.broken ?? []).map(violationText),
      mismatch: data.mismatch ?? false,
      ...(data.error ? { error: data.error } : {}),
    },
    status,
  );
}

function verifyPage(kit: ConsoleKit, reply: FastifyReply, live: LiveSession, data: { error?: string; notice?: string; maskedDestination?: string }, status = 200): Promise<void> {
  const challenge = live.session.challenge;
  return kit.render(
    reply,
    'verify',
    {
      title: 'Verify it is you',
      csrf: live.session.csrfToken,
      // a half-done sign-in can be abandoned (to sign in as someone else)
      signOut: true,
      method: challenge?.method ?? 'vmfa',
      maskedDestination: data.maskedDestination ?? challenge?.maskedDestination ?? '',
      canTrustDevice: challenge?.canTrustDevice ?? false,
      ...(data.error ? { error: data.error } : {}),
      ...(data.notice ? { notice: data.notice } : {}),
    },
    status,
  );
}

async function home(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const live = (await kit.live(request))!;
  const { session, user, account } = live;
  const policy = await kit.sessions.loginPolicy(account.id);
  return kit.render(reply, 'home', {
    title: 'Home',
    ...kit.chrome(live),
    userName: user.name,
    isRoot: user.isRoot,
    accountName: account.name,
    accountId: account.id,
    // Huawei login policy show_recent_login_info: the previous sign-in's time and address on the home page
    showRecentLogin: policy.showRecentLoginInfo,
    previousLoginAt: session.previousLoginAt === null ? null : formatTime(session.previousLoginAt),
    previousLoginIp: session.previousLoginIp,
    passwordExpires: live.passwordExpiresAt === null ? 'Never' : formatTime(live.passwordExpiresAt),
  });
}

/** This browser's device id, made on first need (login protection's "trust this browser"). */
function deviceOf(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
  const id = randomBytes(16).toString('base64url');
  setCookie(reply, request, DEVICE_COOKIE, id, 400 * 86_400);
  return id;
}
