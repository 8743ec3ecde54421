/**
 * Two polyiam nodes on one PostgreSQL database (POLYIAM_TEST_PG_URL): each serves users, login profiles
 * and password policies from its read cache (core/caching), and a change made on one node reaches the
 * other's cache through the change log; a credential check never waits for that.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Polyiam } from '../../src/app/polyiam.js';
import type { CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { eventually, openTwoNodes, type TwoNodes } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

describe('read caches on PostgreSQL, two nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let root: CallContext;
  let nodes: TwoNodes | undefined;

  before(async () => {
    const adminUrl = process.env.POLYIAM_TEST_PG_URL;
    if (!adminUrl) return;
    nodes = await openTwoNodes(adminUrl, 'cache');
    ({ a, b, root } = nodes);
  });
  after(() => nodes?.close());

  it('a login profile and password policy changed on A are read anew on B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'cached-reader' });
    await a!.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Cached#Pass1'), passwordResetRequired: false });
    // B reads (and caches) the user, the profile and the account's policy
    assert.equal((await b!.services.loginProfiles.get(root, { id: user.id })).passwordResetRequired, false);
    assert.equal((await b!.services.loginProfiles.get(root, { id: user.id })).passwordExpiresAt, null);

    await a!.services.loginProfiles.update(root, { id: user.id }, { passwordResetRequired: true });
    await a!.services.passwordPolicy.update(root, { maxAgeDays: 30 });
    await a!.services.users.update(root, { id: user.id }, { newName: 'cached-reader-renamed' });

    assert.ok(await eventually(async () => (await b!.services.loginProfiles.get(root, { id: user.id })).passwordResetRequired, 5_000), 'B sees the reset flag');
    assert.ok(await eventually(async () => (await b!.services.loginProfiles.get(root, { id: user.id })).passwordExpiresAt !== null, 5_000), 'B applies the new max age');
    assert.ok(await eventually(() => b!.services.users.get(root, { name: 'cached-reader-renamed' }).then((u) => u.id === user.id, () => false), 5_000), 'B finds the new name');
  });

  it('a password changed on A signs in on B at once, and the old one no longer does', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(root, { name: 'cached-signer' });
    await a!.services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Cached#Old1'), passwordResetRequired: false });
    const signIn = (node: Polyiam, password: string) =>
      node.services.credentials.signIn({ accountId: root.principal.accountId, user: { name: 'cached-signer' }, password: new PlainPassword(password), sourceIp: null });
    assert.equal((await signIn(b!, 'Cached#Old1')).outcome, 'ok');
    await b!.services.loginProfiles.get(root, { id: user.id });

    await a!.services.loginProfiles.update(root, { id: user.id }, { password: new PlainPassword('Cached#New1') });
    assert.equal((await signIn(b!, 'Cached#New1')).outcome, 'ok');
    assert.equal((await signIn(b!, 'Cached#Old1')).outcome, 'bad-credentials');
  });

  it('a node whose connections the server ends keeps serving on new ones', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    await a!.services.users.list(root, { limit: 1 });
    await nodes!.database.terminateConnections();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // the first query may meet a connection that is already gone; the pool replaces it
    assert.ok(await eventually(() => a!.services.users.list(root, { limit: 1 }).then(() => true, () => false), 5_000));
  });
});
