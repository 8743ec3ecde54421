/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeleteLoginProfileCommand, GetUserCommand, IAMClient, UpdateLoginProfileCommand } from '@aws-sdk/client-iam';
import type { Page } from 'playwright-core';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console sessions in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  let aws: IAMClient;
  before(async (t) => {
    h = await openHarness(t as never);
    if (h) aws = new IAMClient({ endpoint: h.server.url, region: 'us-east-1', credentials: { accessKeyId: h.server.root.root.access_key_id, secretAccessKey: h.server.root.root.secret_access_key }, maxAttempts: 1 });
  });
  after(async () => h?.close());

  const signedIn = async (name: string, password: string): Promise<Page> => {
    const page = await h!.page();
    await signIn(page, h!.server.root.account.name, name, password);
    assert.match(page.url(), /\/console$/, `${name} signed in`);
    return page;
  };
  const isSignedOut = async (page: Page) => {
    await page.goto('/console');
    if (!/\/console\/sign-in\?ended=1$/.test(page.url())) return false;
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'Your session has ended. Sign in again.');
    return true;
  };

  it('keeps the session id in an HttpOnly, SameSite=Lax cookie on /console, a new one at every sign-in', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('cora', 'Cora#Pass2024');
    const page = await signedIn('cora', 'Cora#Pass2024');
    const first = (await page.context().cookies()).find((c) => c.name === 'polyiam_session')!;
    assert.equal(first.httpOnly, true);
    assert.equal(first.sameSite, 'Lax');
    assert.equal(first.path, '/console');
    // plain HTTP on loopback: Secure is set only over TLS
    assert.equal(first.secure, false);
    assert.ok(first.value.length >= 43);
    // the sign-in is what the APIs report as the password's last use (AWS GetUser PasswordLastUsed)
    const reported = await aws.send(new GetUserCommand({ UserName: 'cora' }));
    assert.ok(reported.User?.PasswordLastUsed instanceof Date);
    // no fixation: a browser that arrives with a session id (its own dead one, or one planted) gets a new one
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.context().addCookies([{ ...first }]);
    await signIn(page, h.server.root.account.name, 'cora', 'Cora#Pass2024');
    assert.match(page.url(), /\/console$/);
    const second = (await page.context().cookies()).find((c) => c.name === 'polyiam_session')!;
    assert.notEqual(second.value, first.value);
    // the store keeps only a hash of the id
    const stored = await h.server.polyiam.store.db.withTables<{ console_sessions: { id_hash: string } }>().selectFrom('console_sessions').select('id_hash').execute();
    assert.ok(stored.length > 0);
    assert.ok(stored.every((s) => s.id_hash !== first.value && s.id_hash !== second.value && /^[0-9a-f]{64}$/.test(s.id_hash)));
  });

  it('ends every session of a user whose password is changed through the AWS API, and when its login profile is deleted', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('erin', 'Erin#Pass2024');
    const one = await signedIn('erin', 'Erin#Pass2024');
    const two = await signedIn('erin', 'Erin#Pass2024');
    await aws.send(new UpdateLoginProfileCommand({ UserName: 'erin', Password: 'Erin#Next2024', PasswordResetRequired: false }));
    assert.equal(await isSignedOut(one), true);
    assert.equal(await isSignedOut(two), true);
    const three = await signedIn('erin', 'Erin#Next2024');
    await aws.send(new DeleteLoginProfileCommand({ UserName: 'erin' }));
    assert.equal(await isSignedOut(three), true);
  });

  it('ends the sessions of a user that is disabled or deleted', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { users } = h.server.polyiam.services;
    await h.user('dave', 'Dave#Pass2024');
    await h.user('gina', 'Gina#Pass2024');
    const dave = await signedIn('dave', 'Dave#Pass2024');
    const gina = await signedIn('gina', 'Gina#Pass2024');
    await users.update(h.root, { name: 'dave' }, { enabled: false });
    await users.delete(h.root, { name: 'gina' }, { cascade: true });
    assert.equal(await isSignedOut(dave), true);
    assert.equal(await isSignedOut(gina), true);
  });

  it('ends a session after its idle timeout on the test clock (the login policy\'s default 60 minutes)', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('ivan', 'Ivan#Pass2024');
    const page = await signedIn('ivan', 'Ivan#Pass2024');
    await h.advanceClock(50 * 60);
    await page.goto('/console');
    assert.match(page.url(), /\/console$/);
    await h.advanceClock(61 * 60);
    assert.equal(await isSignedOut(page), true);
  });

  it('refuses a form posted without its CSRF token with a 403 page, and changes nothing', async (t) => {
    if (!h) return t.skip('chromium missing');
    const page = await signedIn(h.server.root.root.user_name, h.server.root.root.password);
    await page.goto('/console/users');
    await page.locator('input[name=csrf]').last().evaluate((input) => ((input as HTMLInputElement).value = 'forged'));
    await page.getByLabel('User name', { exact: true }).fill('mallory');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Create user' }).click()]);
    assert.equal(response.status(), 403);
    assert.match((await page.locator('main').textContent())!, /did not come from this console/);
    await checkPage(page, 'csrf-refused');
    // a cross-site post carries the cookie (same browser) but not the token
    const posted = await page.request.post('/console/users', { form: { name: 'mallory' } });
    assert.equal(posted.status(), 403);
    await page.goto('/console/users/mallory');
    assert.equal(await page.locator('h1').textContent(), 'User');
    assert.match((await page.locator('main').textContent())!, /no longer exists/);
    // a signed-out sign-in form without its cookie's token is refused too
    const anonymous = await (await h.context()).request.post('/console/sign-in', { form: { account: 'acme', userName: 'x', password: 'y' } });
    assert.equal(anonymous.status(), 403);
  });

  it('refuses an oversized or malformed form with a clear page', async (t) => {
    if (!h) return t.skip('chromium missing');
    const page = await signedIn(h.server.root.root.user_name, h.server.root.root.password);
    const big = await page.request.post('/console/users', { form: { name: 'x'.repeat(40_000) } });
    assert.equal(big.status(), 413);
    assert.match(await big.text(), /Form too large/);
    const json = await page.request.post('/console/users', { data: { name: 'x' } });
    assert.equal(json.status(), 400);
    assert.doesNotMatch(await json.text(), /at .*\.ts:\d+/);
  });

  it('shows script in user names and display names as text', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.server.polyiam.services.users.create(h.root, { name: 'x<script>alert(1)</script>', displayName: '<img src=x onerror=alert(2)>"\'&' });
    const page = await signedIn(h.server.root.root.user_name, h.server.root.root.password);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.goto('/console/users');
    assert.ok((await page.locator('table').textContent())!.includes('x<script>alert(1)</script>'));
    assert.ok((await page.locator('table').textContent())!.includes('<img src=x onerror=alert(2)>"\'&'));
    await page.getByRole('link', { name: 'x<script>alert(1)</script>' }).click();
    assert.equal(await page.locator('#user-name').textContent(), 'x<script>alert(1)</script>');
    assert.equal(await page.locator('#display-name').textContent(), '<img src=x onerror=alert(2)>"\'&');
    assert.equal(await page.locator('script, img[src=x]').count(), 0);
    // typed into the console's own form as well
    await page.goto('/console/users');
    await page.getByLabel('User name', { exact: true }).fill('y"><svg onload=alert(3)>');
    await page.getByRole('button', { name: 'Create user' }).click();
    assert.equal(await page.locator('svg').count(), 0);
    assert.equal(dialogs, 0);
  });

  it('changes the own password on My security: this browser stays signed in, the others are signed out', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('mona', 'Mona#Pass2024');
    const other = await signedIn('mona', 'Mona#Pass2024');
    const page = await signedIn('mona', 'Mona#Pass2024');
    await page.goto('/console/security');
    await checkPage(page, 'security');
    await page.getByLabel('Current password').fill('Wrong#Pass2024');
    await page.getByLabel('New password', { exact: true }).fill('Mona#Next2024');
    await page.getByLabel('Confirm new password').fill('Mona#Next2024');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.equal(await alertText(page), 'The current password is incorrect.');
    await page.getByLabel('Current password').fill('Mona#Pass2024');
    await page.getByLabel('New password', { exact: true }).fill('Mona#Next2024');
    await page.getByLabel('Confirm new password').fill('Mona#Next2024');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match((await page.locator('main').textContent())!, /Your password was changed/);
    await page.goto('/console');
    assert.equal(await page.locator('#user-name').textContent(), 'mona');
    assert.equal(await isSignedOut(other), true);
  });

  it('limits sign-in attempts per user on top of the lockout', async (t) => {
    if (!h) return t.skip('chromium missing');
    // a fresh window, and no lockout, so only the form's limit can stop the guesses
    await h.advanceClock(10 * 60);
    await h.server.polyiam.services.passwordPolicy.update(h.root, { lockoutThreshold: 0 });
    await h.user('tara', 'Tara#Pass2024');
    const context = await h.context();
    await context.request.get('/console/sign-in');
    const csrf = (await context.cookies()).find((c) => c.name === 'polyiam_signin')!.value;
    const attempt = (password: string) => context.request.post('/console/sign-in', { form: { csrf, account: 'acme', userName: 'tara', password }, maxRedirects: 0 });
    for (let i = 0; i < 10; i++) assert.equal((await attempt(`Wrong#${i}`)).status(), 401);
    const limited = await attempt('Tara#Pass2024');
    assert.equal(limited.status(), 429);
    assert.match(await limited.text(), /Too many sign-in attempts/);
    await h.advanceClock(6 * 60);
    assert.equal((await attempt('Tara#Pass2024')).status(), 303);
  });
});
