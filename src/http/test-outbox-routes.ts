import type { FastifyInstance } from 'fastify';
import type { TestOutbox } from '../delivery/test-outbox.js';

/**
 * Test mode only (POLYIAM_TEST_MODE, loopback only): every login-protection code sent, so tests read
 * codes without a phone or a mailbox. `DELETE` empties it. Never mounted otherwise.
 */
export function registerTestOutboxRoutes(app: FastifyInstance, outbox: TestOutbox): void {
  app.get('/_test/outbox', async () => ({ messages: outbox.list() }));
  app.delete('/_test/outbox', async () => {
    outbox.clear();
    return { messages: [] };
  });
}
