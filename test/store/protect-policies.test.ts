/** @see #12 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

describe('protect policy on PostgreSQL (migration 0024)', () => {
  it('is kept per account, read by every node, and enforced by the operation protection check on each', async (t) => {
    const adminUrl = requirePostgres(t);
    if (!adminUrl) return;
    const nodes = await openTwoNodes(adminUrl, 'protect');
    try {
      const { a, b, root } = nodes;
      assert.equal((await b.services.protectPolicy.get(root)).operationProtection, false);
      await a.services.protectPolicy.update(root, { operationProtection: true, adminCheck: true, scene: 'mobile', mobile: '0086-123456789', allowUser: { manageEmail: false } });
      const seen = await b.services.protectPolicy.get(root);
      assert.deepEqual(
        { on: seen.operationProtection, scene: seen.scene, mobile: seen.mobile, allow: seen.allowUser },
        { on: true, scene: 'mobile', mobile: '0086-123456789', allow: { manageAccessKey: true, manageEmail: false, manageMobile: true, managePassword: true } },
      );
      // the designated person's number, masked, on the other node
      const challenge = await b.services.operationProtection.check(root, 'pg-holder');
      assert.equal(challenge?.method, 'sms');
      assert.equal(challenge?.maskedDestination, '008****6789');
    } finally {
      await nodes.close();
    }
  });
});
