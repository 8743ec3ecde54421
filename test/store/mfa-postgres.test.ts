/**
 * @see #11
 * Two polyiam nodes on one PostgreSQL database: one TOTP code used on both at once is accepted once,
 * because the device's last accepted step moves in one conditional UPDATE that the database decides.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Polyiam } from '../../src/app/polyiam.js';
import type { CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { openTwoNodes, type TwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';
import { codeAt } from '../support/totp.js';

describe('MFA codes on PostgreSQL, two nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let root: CallContext;
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    nodes = await openTwoNodes(adminUrl, 'mfa');
    ({ a, b, root } = nodes);
  });
  after(() => nodes?.close());

  it('a code raced on two nodes succeeds once; a Keystone-style password+totp sign-in on the other node refuses it too', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'racer' });
    await a!.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Racer#Pass1'), passwordResetRequired: false });
    const created = await a!.services.mfaDevices.create(root, { name: 'racer', label: 'racer' });
    // bound with the codes of the two previous steps, so the current step's code is still unused
    const now = Date.now();
    await b!.services.mfaDevices.enable(root, { id: user.id }, { id: created.device.id }, codeAt(created.base32Seed, now - 60_000), codeAt(created.base32Seed, now - 30_000));
    const code = codeAt(created.base32Seed, Date.now());
    const results = await Promise.all([a, b, a, b, a, b].map((node) => node!.services.mfaDevices.verifyUserCode(user.id, code)));
    assert.equal(results.filter(Boolean).length, 1, `one success, got ${JSON.stringify(results)}`);
    const signIn = await b!.services.credentials.signIn({ accountId: root.principal.accountId, user: { name: 'racer' }, password: new PlainPassword('Racer#Pass1'), sourceIp: null, totpCode: code });
    assert.equal(signIn.outcome, 'bad-credentials');
  });
});
