/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';
import { openCodeSinks, type CodeSinks } from './code-sinks.js';

/**
 * My email and mobile: the signed-in user's own contact details, with the rules of Huawei
 * UpdateUserInformation, the fields the account's protect policy (`allow_user.manage_email`,
 * `manage_mobile`) lets users manage, and operation protection before the change.
 */
describe('console: my email and mobile in Chromium', { timeout: 600_000 }, () => {
  let h: ConsoleHarness | undefined;
  let sinks: CodeSinks;
  let root: Page;
  before(async (t) => {
    sinks = await openCodeSinks();
    h = await openHarness(t as never, { config: sinks.config });
    if (!h) return;
    root = await h.page();
    await signIn(root, h.server.root.account.name, h.server.root.root.user_name, h.server.root.root.password);
  });
  after(async () => {
    await h?.close();
    await sinks.close();
  });

  const stored = async (name: string) => {
    const user = await h!.server.polyiam.services.users.get(h!.root, { name });
    return { email: user.email, phone: user.phone };
  };

  it('the root: both fields, a malformed mobile tied to its field with nothing saved, then saved', async (t) => {
    if (!h) return t.skip('chromium missing');
    await root.getByRole('link', { name: 'My email and mobile' }).click();
    assert.equal(await root.locator('h1').textContent(), 'My email and mobile');
    await checkPage(root, 'contact');

    await root.getByLabel('Email address').fill('root@example.com');
    await root.getByLabel('Mobile number').fill('123 456');
    await root.getByRole('button', { name: 'Save' }).click();
    assert.match(await alertText(root), /^Enter the country code, a hyphen and the number/);
    const mobile = root.getByLabel('Mobile number');
    assert.equal(await mobile.getAttribute('aria-invalid'), 'true');
    assert.equal(await mobile.getAttribute('aria-describedby'), 'mobile-hint form-error');
    assert.equal(await mobile.inputValue(), '123 456', 'what was typed is kept');
    assert.equal(await root.getByLabel('Email address').getAttribute('aria-invalid'), null);
    assert.deepEqual(await stored(h.server.root.root.user_name), { email: '', phone: '' }, 'nothing half-written');
    await checkPage(root, 'contact-error');

    await mobile.fill('0086-123456789');
    await root.getByRole('button', { name: 'Save' }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), 'Your email address and mobile number were saved.');
    assert.deepEqual(await stored(h.server.root.root.user_name), { email: 'root@example.com', phone: '0086-123456789' });
  });

  it('asks for a code first when operation protection is on, then saves', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.server.polyiam.services.protectPolicy.update(h.root, { operationProtection: true });
    await root.goto('/console/security/contact');
    await root.getByLabel('Mobile number').fill('0086-987654321');
    await root.getByRole('button', { name: 'Save' }).click();
    assert.match((await root.locator('#operation').textContent())!, /to change your email address or mobile number, verify it is you first/);
    assert.equal(await root.locator('#masked-destination').textContent(), 'r***@example.com');
    assert.equal((await stored(h.server.root.root.user_name)).phone, '0086-123456789', 'not before the code');
    await root.getByRole('button', { name: 'Send code' }).click();
    await root.getByLabel('Verification code').fill(await sinks.lastMailCode('root@example.com'));
    await root.getByRole('button', { name: 'Verify' }).click();
    await root.getByRole('link', { name: 'Go back' }).click();
    await root.getByLabel('Mobile number').fill('0086-987654321');
    await root.getByRole('button', { name: 'Save' }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), 'Your email address and mobile number were saved.');
    assert.equal((await stored(h.server.root.root.user_name)).phone, '0086-987654321');
    await h.server.polyiam.services.protectPolicy.update(h.root, { operationProtection: false });
  });

  it('an IAM user sees only what allow_user lets it change, and nothing when both are off', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('cora', 'Cora#Pass2024');
    await h.server.polyiam.services.protectPolicy.update(h.root, { allowUser: { manageEmail: false, manageMobile: true } });
    const page = await h.page();
    await signIn(page, h.server.root.account.name, 'cora', 'Cora#Pass2024');
    await page.goto('/console/security/contact');
    assert.equal(await page.getByLabel('Email address').count(), 0, 'no email field when manage_email is off');
    await page.getByLabel('Mobile number').fill('0086-111222333');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'Your email address and mobile number were saved.');
    assert.deepEqual(await stored('cora'), { email: '', phone: '0086-111222333' });

    await h.server.polyiam.services.protectPolicy.update(h.root, { allowUser: { manageMobile: false } });
    await page.goto('/console/security/contact');
    assert.match((await page.locator('#contact-closed').textContent())!, /does not let users change their own email address or mobile number/);
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
    await checkPage(page, 'contact-closed');
    await h.server.polyiam.services.protectPolicy.update(h.root, { allowUser: { manageEmail: true, manageMobile: true } });
  });
});
