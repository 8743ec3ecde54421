/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';

const GENERIC = 'The account, user name or password is incorrect.';

// bounded: a starved browser must fail the suite, not hang it
describe('console sign-in in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  before(async (t) => {
    h = await openHarness(t as never);
  });
  after(async () => h?.close());

  it('sends a signed-out browser to the sign-in page, signs the root in to its home page, and out', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { root, account } = h.server.root;
    // the home page shows the previous sign-in when the login policy says so (show_recent_login_info)
    await h.server.polyiam.services.loginPolicy.update(h.root, { showRecentLoginInfo: true });
    const page = await h.page();
    const response = await page.goto('/console');
    assert.match(page.url(), /\/console\/sign-in$/);
    const headers = response!.headers();
    assert.match(headers['content-security-policy']!, /frame-ancestors 'none'/);
    assert.doesNotMatch(headers['content-security-policy']!, /script-src|unsafe-inline/);
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    await checkPage(page, 'sign-in');

    await signIn(page, account.name, root.user_name, root.password);
    assert.match(page.url(), /\/console$/);
    assert.equal(await page.locator('#user-name').textContent(), `${root.user_name} (account root)`);
    assert.match((await page.locator('#account-name').textContent())!, new RegExp(account.id));
    assert.equal(await page.locator('#last-sign-in').textContent(), 'This is your first sign-in.');
    await checkPage(page, 'home');

    // the second sign-in shows the first one's time and address (the account id works as well as its name)
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.match(page.url(), /\/console\/sign-in$/);
    await signIn(page, account.id, root.user_name, root.password);
    assert.match((await page.locator('#last-sign-in').textContent())!, /UTC from 127\.0\.0\.1/);
  });

  it('gives one message for a wrong password, an unknown user, an unknown account and a user without a console password', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { root, account } = h.server.root;
    await h.server.polyiam.services.users.create(h.root, { name: 'no-profile' });
    const page = await h.page();
    for (const [acct, user, password] of [
      [account.name, root.user_name, 'Wrong#Pass2024'],
      [account.name, 'nobody', 'Wrong#Pass2024'],
      ['no-such-account', root.user_name, root.password],
      [account.name, 'no-profile', 'Wrong#Pass2024'],
    ] as const) {
      await signIn(page, acct, user, password);
      assert.equal(await alertText(page), GENERIC, `${acct}/${user}`);
      assert.match(page.url(), /\/console\/sign-in$/);
    }
    // what was typed comes back, the password never does
    assert.equal(await page.getByLabel('User name').inputValue(), 'no-profile');
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
    await checkPage(page, 'sign-in-error');
  });

  it('locks after the policy\'s failures, says until when, and lets the user in once the test clock passes it', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { account } = h.server.root;
    await h.server.polyiam.services.passwordPolicy.update(h.root, { lockoutThreshold: 3, lockoutMinutes: 10 });
    await h.user('lena', 'Lena#Pass2024');
    const page = await h.page();
    await signIn(page, account.name, 'lena', 'Wrong#1');
    await signIn(page, account.name, 'lena', 'Wrong#2');
    assert.equal(await alertText(page), GENERIC);
    await signIn(page, account.name, 'lena', 'Wrong#3');
    assert.match(await alertText(page), /locked .* until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    // the right password does not open a lock
    await signIn(page, account.name, 'lena', 'Lena#Pass2024');
    assert.match(await alertText(page), /locked/);
    await checkPage(page, 'sign-in-locked');
    await h.advanceClock(11 * 60);
    await signIn(page, account.name, 'lena', 'Lena#Pass2024');
    assert.match(page.url(), /\/console$/);
    assert.equal(await page.locator('#user-name').textContent(), 'lena');
  });

  it('forces a password change: every rule listed, each broken rule named, then the home page', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { account } = h.server.root;
    await h.user('rita', 'Rita#Pass2024', { resetRequired: true });
    const page = await h.page();
    await signIn(page, account.name, 'rita', 'Rita#Pass2024');
    assert.match(page.url(), /\/console\/change-password$/);
    const rules = await page.locator('#password-rules li').allTextContents();
    assert.ok(rules.some((r) => /At least 8 characters/.test(r)), rules.join('|'));
    assert.ok(rules.some((r) => /Not the user name/.test(r)));
    await checkPage(page, 'change-password');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1);
    // a signed-in page is out of reach until the password is changed
    await page.goto('/console/users');
    assert.match(page.url(), /\/console\/change-password$/);

    await page.getByLabel('New password', { exact: true }).fill('atir');
    await page.getByLabel('Confirm new password').fill('atir');
    await page.getByRole('button', { name: 'Change password' }).click();
    const named = await page.locator('#violations li').allTextContents();
    assert.ok(named.some((v) => /shorter than 8/.test(v)), named.join('|'));
    assert.ok(named.some((v) => /user name reversed/.test(v)), named.join('|'));
    assert.ok(named.some((v) => /kinds of characters/.test(v)), named.join('|'));
    await checkPage(page, 'change-password-violations');

    await page.getByLabel('New password', { exact: true }).fill('Rita#Next2024');
    await page.getByLabel('Confirm new password').fill('Rita#Other2024');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match(await alertText(page), /do not match/);

    await page.getByLabel('New password', { exact: true }).fill('Rita#Next2024');
    await page.getByLabel('Confirm new password').fill('Rita#Next2024');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match(page.url(), /\/console$/);
    assert.equal(await page.locator('#user-name').textContent(), 'rita');
    // and the new password is the one that signs in now
    const again = await h.page();
    await signIn(again, account.name, 'rita', 'Rita#Next2024');
    assert.match(again.url(), /\/console$/);
  });

  it('refuses a hard-expired password only after the right one, and sends a soft-expired one to the change page', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { account } = h.server.root;
    await h.user('hugo', 'Hugo#Pass2024');
    await h.user('sofia', 'Sofia#Pass2024');
    const policy = h.server.polyiam.services.passwordPolicy;
    await policy.update(h.root, { maxAgeDays: 1, hardExpiry: true });
    await h.advanceClock(2 * 86_400);
    const page = await h.page();
    await signIn(page, account.name, 'hugo', 'Wrong#Pass2024');
    assert.equal(await alertText(page), GENERIC);
    await signIn(page, account.name, 'hugo', 'Hugo#Pass2024');
    assert.match(await alertText(page), /expired and cannot be changed by you/);
    await checkPage(page, 'sign-in-expired');

    await policy.update(h.root, { hardExpiry: false });
    await signIn(page, account.name, 'sofia', 'Sofia#Pass2024');
    assert.match(page.url(), /\/console\/change-password$/);
    await policy.update(h.root, { maxAgeDays: 0 });
  });

  it('tells a user denied console sign-in, or disabled, only after the right password', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { account } = h.server.root;
    await h.user('nina', 'Nina#Pass2024', { loginAllowed: false });
    await h.user('dora', 'Dora#Pass2024');
    await h.server.polyiam.services.users.update(h.root, { name: 'dora' }, { enabled: false });
    const page = await h.page();
    await signIn(page, account.name, 'nina', 'Wrong#Pass2024');
    assert.equal(await alertText(page), GENERIC);
    await signIn(page, account.name, 'nina', 'Nina#Pass2024');
    assert.match(await alertText(page), /Console sign-in is not allowed for this user/);
    await signIn(page, account.name, 'dora', 'Wrong#Pass2024');
    assert.equal(await alertText(page), GENERIC);
    await signIn(page, account.name, 'dora', 'Dora#Pass2024');
    assert.match(await alertText(page), /This user is disabled/);
  });
});
