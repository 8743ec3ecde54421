import type { FastifyInstance } from 'fastify';
import type { AdjustableClock } from '../core/clock.js';

/**
 * Test mode only (POLYIAM_TEST_MODE): move the server's clock to see passwords expire, lockouts end and
 * tokens die without sleeping. Never mounted otherwise.
 */
export function registerTestRoutes(app: FastifyInstance, clock: AdjustableClock): void {
  app.post('/_test/clock/advance', async (request, reply) => {
    const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    let seconds: unknown;
    try {
      seconds = (JSON.parse(text) as { seconds?: unknown }).seconds;
    } catch {
      seconds = undefined;
    }
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      return reply.code(400).send({ error: 'body must be {"seconds": <non-negative number>}' });
    }
    clock.advance(seconds * 1000);
    return { now: new Date(clock.now()).toISOString() };
  });
  // a frozen clock stands still until advanced (issue #12: a test that must stay inside one TOTP step)
  app.post('/_test/clock/freeze', async () => {
    clock.freeze();
    return { now: new Date(clock.now()).toISOString(), frozen: true };
  });
  app.post('/_test/clock/unfreeze', async () => {
    clock.unfreeze();
    return { now: new Date(clock.now()).toISOString(), frozen: false };
  });
  app.post('/_test/clock/reset', async () => {
    clock.reset();
    return { now: new Date(clock.now()).toISOString() };
  });
}
