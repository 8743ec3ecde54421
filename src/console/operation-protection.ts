import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIamError } from '../core/errors.js';
import type { OperationChallenge } from '../core/login-protection/operation-protection-service.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import { FORM_BODY_LIMIT, field } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText } from './messages.js';

/**
 * Operation protection (Volcengine SecurityConfig, Kingsoft OpenSecurityProtection, Huawei
 * operation_protection) on the console's sensitive actions: core decides whether the caller must
 * verify; the console shows the verification page, and once the code is right the action goes through
 * when asked again inside the exemption window.
 * @returns true to go ahead; false when the verification page was rendered instead
 * @throws IamError (precondition-failed: protection on but nothing to verify with), for the caller's page
 */
export async function guardOperation(kit: ConsoleKit, live: LiveSession, request: FastifyRequest, reply: FastifyReply, back: string, what: string): Promise<boolean> {
  const challenge = await kit.services.operationProtection.check(kit.context(live, request), live.session.idHash);
  if (!challenge) return true;
  await verifyPage(kit, reply, live, { challenge, back, what }, 200);
  return false;
}

interface Pending {
  challenge: Pick<OperationChallenge, 'id' | 'method' | 'maskedDestination'>;
  back: string;
  what: string;
}

/** The verification form's own routes: send a code, answer it. */
export function registerOperationProtectionRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  app.post('/operation/verify', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const live = await kit.active(request, reply);
    if (!live) return;
    const body = await kit.form(request, live);
    const method = field(body, 'method');
    const pending: Pending = {
      challenge: { id: field(body, 'challenge', 64), method: method === 'email' || method === 'sms' ? method : 'vmfa', maskedDestination: field(body, 'masked', 64) },
      back: safeBack(field(body, 'back', 512)),
      what: field(body, 'what', 200),
    };
    const ctx = kit.context(live, request);
    const operations = kit.services.operationProtection;
    try {
      if (field(body, 'send') === 'yes') {
        const sent = await operations.sendCode(ctx, pending.challenge.id);
        return verifyPage(kit, reply, live, pending, 200, { notice: `A code was sent to ${sent.maskedDestination}.` });
      }
      const code = field(body, 'code', 16).trim();
      if (!/^[0-9]{6}$/.test(code)) return verifyPage(kit, reply, live, pending, 400, { error: 'Enter the verification code: 6 digits.' });
      await operations.verify(ctx, live.session.idHash, pending.challenge.id, code);
      return kit.render(reply, 'message', {
        title: 'Verified',
        ...kit.chrome(live),
        notice: 'Verified. Sensitive operations are not verified again for a few minutes.',
        text: `Go back and ${pending.what} again.`,
        next: pending.back,
        nextLabel: 'Go back',
      });
    } catch (err) {
      if (!isIamError(err)) throw err;
      const text = err.kind === 'authentication-failed' ? 'The verification code is incorrect or has expired.' : errorText(err);
      return verifyPage(kit, reply, live, pending, err.kind === 'authentication-failed' ? 401 : 400, { error: text });
    }
  });
}

/** SECURITY: only a console page of this server to go back to (no open redirect through the form). */
function safeBack(back: string): string {
  return /^\/console\/[A-Za-z0-9/_.%~-]*$/.test(back) && !back.includes('//') ? back : '/console';
}

function verifyPage(kit: ConsoleKit, reply: FastifyReply, live: LiveSession, pending: Pending, status: number, state: { error?: string; notice?: string } = {}): Promise<void> {
  return kit.render(
    reply,
    'verify-operation',
    {
      title: 'Verify this operation',
      ...kit.chrome(live),
      challengeId: pending.challenge.id,
      method: pending.challenge.method,
      maskedDestination: pending.challenge.maskedDestination ?? '',
      back: safeBack(pending.back),
      what: pending.what,
      ...state,
    },
    status,
  );
}
