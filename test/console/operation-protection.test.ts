/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';
import { openCodeSinks, type CodeSinks } from './code-sinks.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console operation protection in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  let sinks: CodeSinks;
  let admin: Page;
  let rootName: string;
  before(async (t) => {
    sinks = await openCodeSinks();
    h = await openHarness(t as never, { config: sinks.config });
    if (!h) return;
    rootName = h.server.root.root.user_name;
    admin = await h.page();
    await signIn(admin, h.server.root.account.name, rootName, h.server.root.root.password);
  });
  after(async () => {
    await h?.close();
    await sinks.close();
  });

  const exists = async (name: string) => (await h!.server.polyiam.store.users.findByName(h!.server.root.account.id, name)) !== undefined;

  it('asks the protected caller for a code by email before deleting a user, and deletes it once verified', async (t) => {
    if (!h) return t.skip('chromium missing');
    // the root protects its own sensitive operations, with its address to receive the codes
    await admin.goto(`/console/users/${rootName}`);
    await admin.getByLabel('Email address').fill('root@example.com');
    await admin.getByRole('button', { name: 'Save contact details' }).click();
    await admin.getByRole('group', { name: 'Verify sensitive operations by' }).getByLabel('Email', { exact: true }).check();
    await admin.getByLabel('Verified operations are not asked again for').fill('10');
    await admin.getByRole('button', { name: 'Save operation protection' }).click();
    assert.equal((await admin.getByRole('status').textContent())?.trim(), 'Operation protection was saved.');
    assert.equal((await admin.locator('#operation-protection-state').textContent())?.trim(), 'On, by email');
    await checkPage(admin, 'user-operation-protection');

    await h.user('victim', 'Victim#Pass2024');
    await admin.goto('/console/users/victim');
    await admin.getByRole('button', { name: 'Delete user victim' }).click();
    assert.match((await admin.locator('#operation').textContent())!, /to delete user victim, verify it is you first/);
    assert.equal(await admin.locator('#masked-destination').textContent(), 'r***@example.com');
    assert.equal(await exists('victim'), true, 'nothing is deleted before the verification');
    await checkPage(admin, 'verify-operation');

    await admin.getByRole('button', { name: 'Send code' }).click();
    assert.equal((await admin.getByRole('status').textContent())?.trim(), 'A code was sent to r***@example.com.');
    const code = await sinks.lastMailCode('root@example.com');
    await admin.getByLabel('Verification code').fill(code === '000000' ? '111111' : '000000');
    await admin.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await alertText(admin), 'The verification code is incorrect or has expired.');
    assert.equal(await exists('victim'), true);
    const form = admin.locator('form:has(#code)');
    const fields = { csrf: await form.locator('input[name=csrf]').inputValue(), challenge: await form.locator('input[name=challenge]').inputValue(), method: 'email', masked: '', back: '/console/users/victim', what: 'delete user victim', code };
    await admin.getByLabel('Verification code').fill(code);
    await admin.getByRole('button', { name: 'Verify' }).click();
    assert.match((await admin.getByRole('status').textContent())!, /^Verified\./);
    await checkPage(admin, 'verify-operation-done');

    // a replayed challenge (the same form posted again, right code and all) is refused
    const replay = await admin.context().request.post('/console/operation/verify', { form: fields, maxRedirects: 0 });
    assert.equal(replay.status(), 401);
    assert.match(await replay.text(), /The verification code is incorrect or has expired\./);

    await admin.goto('/console/users/victim');
    await admin.getByRole('button', { name: 'Delete user victim' }).click();
    assert.equal((await admin.getByRole('status').textContent())?.trim(), 'User victim was deleted.');
    assert.equal(await exists('victim'), false);
  });

  it('does not ask again inside the exemption window, and asks again after it on the test clock', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('wendy', 'Wendy#Pass2024');
    await admin.goto('/console/users/wendy');
    await admin.getByRole('button', { name: 'Delete console password' }).click();
    assert.equal((await admin.getByRole('status').textContent())?.trim(), 'The console password was deleted.');

    await h.advanceClock(11 * 60);
    // the session outlives the 11 minutes (60 minutes idle by default): only the window has ended
    await admin.goto('/console/users/wendy');
    await admin.getByLabel('Password', { exact: true }).fill('Wendy#Next2024');
    await admin.getByRole('button', { name: 'Create console password' }).click();
    assert.match((await admin.locator('#operation').textContent())!, /to set the console password of wendy/);
    const profile = await h.server.polyiam.store.loginProfiles.find((await h.server.polyiam.store.users.findByName(h.server.root.account.id, 'wendy'))!.id);
    assert.equal(profile, undefined, 'no password was set before the verification');
  });

  it('refuses a sensitive operation with a clear message when protection is on but nothing can verify it', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('xena', 'Xena#Pass2024');
    await h.server.polyiam.services.users.update(h.root, { name: rootName }, { email: '' });
    await admin.goto('/console/users/xena');
    await admin.getByRole('button', { name: 'Delete user xena' }).click();
    assert.match(await alertText(admin), /operation protection is on, but the user has no virtual MFA device, email address or mobile number/i);
    assert.equal(await exists('xena'), true);
  });
});
