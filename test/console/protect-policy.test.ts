/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_GROUP_NAME } from '../../src/core/users/group.js';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';
import { openCodeSinks, type CodeSinks } from './code-sinks.js';

/** The account-wide operation protection policy (Huawei protect_policy) set from the console and enforced there. */
describe('console operation protection policy in Chromium', { timeout: 900_000 }, () => {
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

  const current = () => h!.server.polyiam.services.protectPolicy.current(h!.server.root.account.id);

  it('refuses a designated person without an address, tying the error to its field, then saves the policy', async (t) => {
    if (!h) return t.skip('chromium missing');
    await root.getByRole('link', { name: 'Operation protection' }).click();
    assert.equal(await root.locator('h1').textContent(), 'Operation protection policy');
    await checkPage(root, 'protect-policy');

    await root.getByLabel('Operation protection for every user of the account').check();
    await root.getByLabel('A designated person').check();
    await root.getByRole('group', { name: 'Reach the designated person by' }).getByLabel('Email').check();
    await root.getByLabel('Their access keys').uncheck();
    await root.getByRole('button', { name: 'Save operation protection policy' }).click();
    assert.equal(await alertText(root), 'Designated email address: required when a designated person verifies this way.');
    const email = root.getByLabel('Designated email address');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.getAttribute('aria-describedby'), 'form-error');
    assert.equal(await root.getByLabel('A designated person').isChecked(), true, 'what was typed is kept');
    assert.equal((await current()).operationProtection, false, 'nothing was saved');
    await checkPage(root, 'protect-policy-error');

    await email.fill('ops@example.com');
    await root.getByRole('button', { name: 'Save operation protection policy' }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), 'The operation protection policy was saved.');
    const saved = await current();
    assert.deepEqual(
      { on: saved.operationProtection, adminCheck: saved.adminCheck, scene: saved.scene, email: saved.email, keys: saved.allowUser.manageAccessKey, password: saved.allowUser.managePassword },
      { on: true, adminCheck: true, scene: 'email', email: 'ops@example.com', keys: false, password: true },
    );
  });

  it("asks the designated person's code, sent by email, before the root creates an access key", async (t) => {
    if (!h) return t.skip('chromium missing');
    await root.goto('/console/security/access-keys');
    await root.getByRole('button', { name: 'Create access key' }).click();
    assert.match((await root.locator('#operation').textContent())!, /to create an access key \(your access keys\), verify it is you first/);
    assert.equal(await root.locator('#masked-destination').textContent(), 'o***@example.com');
    await root.getByRole('button', { name: 'Send code' }).click();
    const code = await sinks.lastMailCode('ops@example.com');
    await root.getByLabel('Verification code').fill(code);
    await root.getByRole('button', { name: 'Verify' }).click();
    assert.match((await root.getByRole('status').textContent())!, /^Verified\./);
    await root.getByRole('link', { name: 'Go back' }).click();
    await root.getByRole('button', { name: 'Create access key' }).click();
    assert.equal(await root.locator('h1').textContent(), 'Access key created');
  });

  it("keeps an IAM user, even an administrator, from its own keys and password when allow_user says no", async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('ivy', 'Ivy#Pass2024');
    await h.server.polyiam.services.groups.addUser(h.root, { name: ADMIN_GROUP_NAME }, { name: 'ivy' });
    const page = await h.page();
    await signIn(page, h.server.root.account.name, 'ivy', 'Ivy#Pass2024');
    await page.goto('/console/security/access-keys');
    assert.match((await page.locator('#keys-locked').textContent())!, /does not let users manage their own access keys/);
    assert.equal(await page.getByRole('button', { name: 'Create access key' }).count(), 0);
    await checkPage(page, 'access-keys-not-self-managed');
    const csrf = await page.locator('header input[name=csrf]').inputValue();
    const forced = await page.context().request.post('/console/security/access-keys', { form: { csrf }, maxRedirects: 0 });
    assert.equal(forced.status(), 403);
    const ivy = (await h.server.polyiam.store.users.findByName(h.server.root.account.id, 'ivy'))!;
    assert.equal((await h.server.polyiam.store.accessKeys.listByUser(ivy.id)).length, 0);

    await h.server.polyiam.services.protectPolicy.update(h.root, { operationProtection: false, allowUser: { managePassword: false } });
    await page.goto('/console/security');
    await page.getByLabel('Current password').fill('Ivy#Pass2024');
    await page.getByLabel('New password', { exact: true }).fill('Ivy#Next2024x');
    await page.getByLabel('Confirm new password').fill('Ivy#Next2024x');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match(await alertText(page), /does not let users change their own password/);
  });
});
