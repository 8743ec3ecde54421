/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console access keys in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  let root: Page;
  /** the key the first test creates */
  let created: { id: string };
  before(async (t) => {
    h = await openHarness(t as never);
    if (!h) return;
    const context = await h.context();
    // the copy button writes to the clipboard; the test reads it back
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
    root = await context.newPage();
    await signIn(root, h.server.root.account.name, h.server.root.root.user_name, h.server.root.root.password);
  });
  after(async () => h?.close());

  const storedKeys = async (userName: string) => {
    const user = (await h!.server.polyiam.store.users.findByName(h!.server.root.account.id, userName))!;
    return h!.server.polyiam.store.accessKeys.listByUser(user.id);
  };
  const rowOf = (page: Page, keyId: string) => page.locator('tbody tr', { hasText: keyId });

  it('creates the signed-in user its own key, shows the secret once with a copy button and a warning, and lists it', async (t) => {
    if (!h) return t.skip('chromium missing');
    await root.getByRole('link', { name: 'My access keys' }).click();
    assert.equal(await root.locator('h1').textContent(), 'My access keys');
    const before = (await storedKeys(h.server.root.root.user_name)).length;
    assert.equal(await root.locator('tbody tr').count(), before, "the root's bootstrap key is listed");
    await checkPage(root, 'access-keys-before');

    await root.getByRole('button', { name: 'Create access key' }).click();
    assert.equal(await root.locator('h1').textContent(), 'Access key created');
    assert.match((await root.locator('#secret-warning').textContent())!, /only time the secret access key is shown/);
    const keyId = (await root.locator('#access-key-id').textContent())!;
    created = { id: keyId };
    assert.equal((await storedKeys(h.server.root.root.user_name)).length, before + 1);
    const secret = await root.getByLabel('Secret access key').inputValue();
    // the secret shown is the one the server signs with
    const signing = await h.server.polyiam.services.accessKeys.resolveSigningKey(keyId);
    assert.equal(secret, signing.secret.reveal());
    // the page's own script (no inline script: the CSP allows 'self' only) shows and runs the copy button
    const csp = (await root.context().request.get('/console/security/access-keys')).headers()['content-security-policy']!;
    assert.doesNotMatch(csp, /script-src/, 'the other pages run no script at all');
    await root.getByRole('button', { name: 'Copy secret access key' }).click();
    // the click returns before the clipboard write settles: wait for the status the script sets after it
    await root.waitForFunction(() => document.getElementById('copy-status')?.textContent?.trim() !== '');
    assert.equal((await root.locator('#copy-status').textContent())?.trim(), 'Copied.');
    assert.equal(await root.evaluate(() => navigator.clipboard.readText()), secret);
    await checkPage(root, 'access-key-created');

    await root.getByRole('link', { name: 'I have saved the secret access key' }).click();
    const row = rowOf(root, keyId);
    assert.deepEqual((await row.locator('td').allTextContents()).slice(1, 5).map((s) => s.trim()), ['Active', (await row.locator('td').nth(2).textContent())!.trim(), 'never', '-']);
    assert.match((await row.locator('td').nth(2).textContent())!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    assert.equal((await root.content()).includes(secret), false, 'the secret is never shown again');
    await checkPage(root, 'access-keys');
  });

  it('deactivates and activates a key through the core, as the APIs see it', async (t) => {
    if (!h) return t.skip('chromium missing');
    await root.goto('/console/security/access-keys');
    const key = created;
    await root.getByRole('button', { name: `Deactivate ${key.id}` }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), `Access key ${key.id} is inactive.`);
    assert.equal((await rowOf(root, key.id).locator('td').nth(1).textContent())?.trim(), 'Inactive');
    assert.equal((await storedKeys(h.server.root.root.user_name)).find((k) => k.id === key.id)!.status, 'inactive');
    await root.getByRole('button', { name: `Activate ${key.id}` }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), `Access key ${key.id} is active.`);
    assert.equal((await storedKeys(h.server.root.root.user_name)).find((k) => k.id === key.id)!.status, 'active');
  });

  it("refuses a third key with the vendor's quota message, and creates nothing", async (t) => {
    if (!h) return t.skip('chromium missing');
    // the root's bootstrap key and the one made above
    await root.goto('/console/security/access-keys');
    assert.match((await root.locator('#key-limit').textContent())!, /already 2 access keys/);
    await root.getByRole('button', { name: 'Create access key' }).click();
    assert.equal(await alertText(root), 'Cannot exceed quota for AccessKeysPerUser: 2. Delete an access key before creating another.');
    assert.equal((await storedKeys(h.server.root.root.user_name)).length, 2);
    await checkPage(root, 'access-keys-limit');
  });

  it('asks for a confirmation before deleting a key; Cancel keeps it, the button deletes it', async (t) => {
    if (!h) return t.skip('chromium missing');
    await root.goto('/console/security/access-keys');
    const key = created;
    await root.getByRole('link', { name: `Delete ${key.id}` }).click();
    assert.match((await root.locator('#delete-question').textContent())!, new RegExp(`Delete access key ${key.id}\\?`));
    await checkPage(root, 'access-key-delete');
    await root.getByRole('link', { name: 'Cancel' }).click();
    assert.equal((await storedKeys(h.server.root.root.user_name)).length, 2);

    // a post without the confirmation's field (another form, a forged one with the token) is asked again
    const csrf = await root.locator('form[action="/console/security/access-keys"] input[name=csrf]').inputValue();
    const unconfirmed = await root.context().request.post(`/console/security/access-keys/${key.id}/delete`, { form: { csrf }, maxRedirects: 0 });
    assert.equal(unconfirmed.status(), 303);
    assert.equal((await storedKeys(h.server.root.root.user_name)).length, 2);

    await root.getByRole('link', { name: `Delete ${key.id}` }).click();
    await root.getByRole('button', { name: 'Delete access key' }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), `Access key ${key.id} was deleted.`);
    assert.deepEqual((await storedKeys(h.server.root.root.user_name)).map((k) => k.id).includes(key.id), false);

    const missing = await root.context().request.post(`/console/security/access-keys/${key.id}/delete`, { form: { csrf, confirm: 'yes' }, maxRedirects: 0 });
    assert.equal(missing.status(), 404);
    assert.match(await missing.text(), /There is no such access key\./);
  });

  it("lets an administrator see, create and delete a user's keys, and shows their last use", async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('kim', 'Kim#Pass2024');
    const made = await h.server.polyiam.services.accessKeys.create(h.root, { name: 'kim' });
    await h.server.polyiam.services.accessKeys.markUsed(made.key.id, 'iam', 'cn-north-4');
    await root.goto('/console/users/kim');
    await root.getByRole('link', { name: 'Manage access keys of kim' }).click();
    assert.equal(await root.locator('h1').textContent(), 'Access keys of kim');
    const row = rowOf(root, made.key.id);
    assert.match((await row.locator('td').nth(3).textContent())!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    assert.equal((await row.locator('td').nth(4).textContent())?.trim(), 'iam');
    await checkPage(root, 'user-access-keys');

    await root.getByRole('button', { name: 'Create access key' }).click();
    const keyId = (await root.locator('#access-key-id').textContent())!;
    assert.equal((await storedKeys('kim')).length, 2);
    await root.goto(`/console/users/kim/access-keys/${keyId}/delete`);
    await root.getByRole('button', { name: 'Delete access key' }).click();
    assert.equal((await root.getByRole('status').textContent())?.trim(), `Access key ${keyId} was deleted.`);
    assert.deepEqual((await storedKeys('kim')).map((k) => k.id), [made.key.id]);
  });

  it('works without JavaScript: the secret is shown as text to copy by hand, the copy button stays hidden', async (t) => {
    if (!h) return t.skip('chromium missing');
    const context = await h.browser.newContext({ baseURL: h.server.url, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, h.server.root.account.name, h.server.root.root.user_name, h.server.root.root.password);
      await page.goto('/console/users/kim/access-keys');
      await page.getByRole('button', { name: 'Create access key' }).click();
      const keyId = (await page.locator('#access-key-id').textContent())!;
      assert.equal(await page.getByLabel('Secret access key').inputValue(), (await h.server.polyiam.services.accessKeys.resolveSigningKey(keyId)).secret.reveal());
      assert.equal(await page.getByRole('button', { name: 'Copy secret access key' }).isVisible(), false);
      await page.getByRole('link', { name: 'I have saved the secret access key' }).click();
      await page.getByRole('link', { name: `Delete ${keyId}` }).click();
      await page.getByRole('button', { name: 'Delete access key' }).click();
      assert.equal((await page.getByRole('status').textContent())?.trim(), `Access key ${keyId} was deleted.`);
    } finally {
      await context.close();
    }
  });

  it("refuses a user without the permission its own keys, and another user's, with a clear page", async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('nopol', 'Nopol#Pass2024');
    const page = await h.page();
    await signIn(page, h.server.root.account.name, 'nopol', 'Nopol#Pass2024');
    const own = await page.goto('/console/security/access-keys');
    assert.equal(own!.status(), 403);
    assert.match((await page.locator('main').textContent())!, /not allowed to do this/);
    const other = await page.goto('/console/users/kim/access-keys');
    assert.equal(other!.status(), 403);
    assert.equal((await storedKeys('nopol')).length, 0);
  });
});
