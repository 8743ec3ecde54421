/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';
import { openCodeSinks, type CodeSinks } from './code-sinks.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console second step by email and SMS in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  let sinks: CodeSinks;
  let admin: Page;
  before(async (t) => {
    sinks = await openCodeSinks();
    h = await openHarness(t as never, { config: sinks.config });
    if (!h) return;
    admin = await h.page();
    await signIn(admin, h.server.root.account.name, h.server.root.root.user_name, h.server.root.root.password);
  });
  after(async () => {
    await h?.close();
    await sinks.close();
  });

  /** The administrator's side, on the user's page: contact details, then login protection. */
  const protect = async (name: string, contact: { email?: string; phone?: string }, method: 'Email' | 'SMS', trustMinutes?: number) => {
    await admin.goto(`/console/users/${name}`);
    if (contact.email) await admin.getByLabel('Email address').fill(contact.email);
    if (contact.phone) await admin.getByLabel('Mobile number').fill(contact.phone);
    await admin.getByRole('button', { name: 'Save contact details' }).click();
    assert.equal((await admin.getByRole('status').textContent())?.trim(), 'The contact details were saved.');
    await admin.getByRole('group', { name: 'Verify sign-ins by' }).getByLabel(method, { exact: true }).check();
    if (trustMinutes !== undefined) {
      await admin.getByLabel('Let the user trust a verified browser').check();
      await admin.getByLabel('Trust a verified browser for').fill(String(trustMinutes));
      await admin.getByLabel('Unit of the trust period').selectOption('minutes');
    }
    await admin.getByRole('button', { name: 'Save login protection' }).click();
    assert.equal((await admin.getByRole('status').textContent())?.trim(), 'Login protection was saved.');
  };

  it('sends the code by email over SMTP with Send code, shows the masked address, and signs in with it', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('emma', 'Emma#Pass2024');
    await protect('emma', { email: 'emma.stone@example.com' }, 'Email');
    assert.match((await admin.locator('#protection-state').textContent())!, /On, by email/i);
    await checkPage(admin, 'user-protection');

    const page = await h.page();
    await signIn(page, h.server.root.account.name, 'emma', 'Emma#Pass2024');
    assert.match(page.url(), /\/console\/verify$/);
    assert.equal(await page.locator('#masked-destination').textContent(), 'e***@example.com');
    // no exemption window: no Trust this browser
    assert.equal(await page.getByLabel('Trust this browser').count(), 0);
    await checkPage(page, 'verify-email');
    assert.equal(sinks.mails.length, 0, 'nothing is sent before Send code');
    await page.getByRole('button', { name: 'Send code' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'A code was sent to e***@example.com.');
    const code = await sinks.lastMailCode('emma.stone@example.com');
    assert.match(sinks.mails.at(-1)!.raw, /^From: polyiam <no-reply@example\.com>/m);
    // the code never reaches the server's log
    assert.equal(h.server.logs.join('').includes(code), false);
    // a second send within the minute is refused with a clear message
    await page.getByRole('button', { name: 'Send code' }).click();
    assert.match(await alertText(page), /sent less than 60 seconds ago/);
    assert.equal(sinks.mails.length, 1);

    await page.getByLabel('Verification code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await alertText(page), 'The verification code is incorrect or has expired.');
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match(page.url(), /\/console$/);
    assert.equal(await page.locator('#user-name').textContent(), 'emma');
  });

  it('sends the code by SMS through the signed webhook and signs in with it', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('sami', 'Sami#Pass2024');
    await protect('sami', { phone: '+8613900001111' }, 'SMS');
    const page = await h.page();
    await signIn(page, h.server.root.account.name, 'sami', 'Sami#Pass2024');
    assert.match(page.url(), /\/console\/verify$/);
    assert.equal(await page.locator('#masked-destination').textContent(), '+86****1111');
    await checkPage(page, 'verify-sms');
    await page.getByRole('button', { name: 'Send code' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'A code was sent to +86****1111.');
    const code = await sinks.lastTextCode('+8613900001111');
    assert.equal(sinks.refused, 0, 'the receiver accepted the HMAC');
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match(page.url(), /\/console$/);
    assert.equal(await page.locator('#user-name').textContent(), 'sami');
    // the code was spent: the challenge cannot be answered again (its session moved on)
    await page.goto('/console/verify');
    assert.match(page.url(), /\/console$/);
  });

  it('a wrong password still shows the second step, but no code is ever sent and none is accepted', async (t) => {
    if (!h) return t.skip('chromium missing');
    const page = await h.page();
    const before = sinks.texts.length;
    await h.advanceClock(61);
    await signIn(page, h.server.root.account.name, 'sami', 'Wrong#Pass2024');
    assert.match(page.url(), /\/console\/verify$/);
    await page.getByRole('button', { name: 'Send code' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'A code was sent to +86****1111.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(sinks.texts.length, before, 'a password guess reaches no phone');
    await page.getByLabel('Verification code').fill('123456');
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await alertText(page), 'The verification code is incorrect or has expired.');
  });

  it('skips the second step in a trusted browser until the window ends on the test clock', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('tess', 'Tess#Pass2024');
    await protect('tess', { email: 'tess@example.com' }, 'Email', 30);
    assert.match((await admin.locator('#protection-state').textContent())!, /trusted for 30 minutes/);
    const page = await h.page();
    const account = h.server.root.account.name;
    await signIn(page, account, 'tess', 'Tess#Pass2024');
    assert.match(page.url(), /\/console\/verify$/);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Verification code').fill(await sinks.lastMailCode('tess@example.com'));
    await page.getByLabel('Trust this browser').check();
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match(page.url(), /\/console$/);

    // signed out and in again: this browser is inside the window
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, account, 'tess', 'Tess#Pass2024');
    assert.match(page.url(), /\/console$/, 'no second step in the trusted browser');
    // another browser is not trusted
    const other = await h.page();
    await signIn(other, account, 'tess', 'Tess#Pass2024');
    assert.match(other.url(), /\/console\/verify$/);

    // past the window, the trusted browser is asked again
    await page.getByRole('button', { name: 'Sign out' }).click();
    await h.advanceClock(31 * 60);
    await signIn(page, account, 'tess', 'Tess#Pass2024');
    assert.match(page.url(), /\/console\/verify$/);
  });

  it('names a bad contact detail or trust period by its label, and changes nothing', async (t) => {
    if (!h) return t.skip('chromium missing');
    await admin.goto('/console/users/tess');
    await admin.getByLabel('Email address').fill('not an address');
    await admin.getByRole('button', { name: 'Save contact details' }).click();
    assert.equal(await alertText(admin), 'Email address: is not an email address.');
    await admin.getByLabel('Trust a verified browser for').fill('2');
    await admin.getByRole('button', { name: 'Save login protection' }).click();
    assert.equal(await alertText(admin), 'Trust a verified browser for: must be from 5 to 1440 minutes.');
    await checkPage(admin, 'user-protection-error');
    const user = await h.server.polyiam.store.users.findByName(h.server.root.account.id, 'tess');
    assert.equal(user?.email, 'tess@example.com');
  });
});
