/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { Page } from 'playwright-core';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console admin pages in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  let admin: Page;
  before(async (t) => {
    h = await openHarness(t as never);
    if (!h) return;
    admin = await h.page();
    await signIn(admin, h.server.root.account.name, h.server.root.root.user_name, h.server.root.root.password);
  });
  after(async () => h?.close());

  const notice = async (page: Page) => (await page.getByRole('status').textContent())?.trim();

  it('lets the root unlock a locked user, who can then sign in', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { account } = h.server.root;
    await h.server.polyiam.services.passwordPolicy.update(h.root, { lockoutThreshold: 2, lockoutMinutes: 60 });
    await h.user('ulla', 'Ulla#Pass2024');
    const user = await h.page();
    await signIn(user, account.name, 'ulla', 'Wrong#1');
    await signIn(user, account.name, 'ulla', 'Wrong#2');
    assert.match(await alertText(user), /locked/);

    await admin.goto('/console/users/ulla');
    assert.match((await admin.locator('#lock-state').textContent())!, /^Locked until .* UTC$/);
    await checkPage(admin, 'user-locked');
    await admin.getByRole('button', { name: 'Unlock' }).click();
    assert.equal(await notice(admin), 'The user was unlocked.');
    assert.equal(await admin.locator('#lock-state').textContent(), 'No');

    await signIn(user, account.name, 'ulla', 'Ulla#Pass2024');
    assert.match(user.url(), /\/console$/);
  });

  it('lists, searches, creates and deletes users, and manages a console password with reset required', async (t) => {
    if (!h) return t.skip('chromium missing');
    await admin.goto('/console/users');
    await admin.getByLabel('User name', { exact: true }).fill('paula');
    await admin.getByLabel('Display name').fill('Paula P.');
    await admin.getByRole('button', { name: 'Create user' }).click();
    assert.match(admin.url(), /\/console\/users\/paula$/);
    assert.equal(await admin.locator('#no-profile').textContent(), 'This user has no console password.');

    // a password that breaks the policy is refused with the rule named
    await admin.getByLabel('Password', { exact: true }).fill('short');
    await admin.getByRole('button', { name: 'Create console password' }).click();
    assert.match(await alertText(admin), /shorter than/);
    await admin.getByLabel('Password', { exact: true }).fill('Paula#Pass2024');
    await admin.getByRole('button', { name: 'Create console password' }).click();
    assert.equal(await notice(admin), 'The console password was saved.');
    await checkPage(admin, 'user');

    const paula = await h.page();
    await signIn(paula, h.server.root.account.name, 'paula', 'Paula#Pass2024');
    assert.match(paula.url(), /\/console\/change-password$/);

    await admin.getByRole('button', { name: 'Deny console sign-in' }).click();
    assert.equal(await admin.locator('#console-access').textContent(), 'Denied');
    const denied = await h.page();
    await signIn(denied, h.server.root.account.name, 'paula', 'Paula#Pass2024');
    assert.match(await alertText(denied), /not allowed/);
    await admin.getByRole('button', { name: 'Allow console sign-in' }).click();
    assert.equal(await admin.locator('#console-access').textContent(), 'Allowed');

    await admin.getByLabel('New password', { exact: true }).fill('Paula#Reset2024');
    await admin.getByRole('button', { name: 'Reset password' }).click();
    assert.equal(await notice(admin), 'The console password was saved.');

    await admin.getByRole('button', { name: 'Delete console password' }).click();
    assert.equal(await admin.locator('#no-profile').textContent(), 'This user has no console password.');

    await admin.goto('/console/users?q=paul');
    assert.deepEqual(await admin.locator('tbody td:first-child').allTextContents(), ['paula']);
    await checkPage(admin, 'users');
    await admin.getByRole('link', { name: 'paula' }).click();
    await admin.getByRole('button', { name: 'Delete user paula' }).click();
    assert.equal(await notice(admin), 'User paula was deleted.');
    assert.equal(await admin.getByRole('link', { name: 'paula' }).count(), 0);
  });

  it('sets login protection and shows access keys with their last use', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('kurt', 'Kurt#Pass2024');
    const created = await h.server.polyiam.services.accessKeys.create(h.root, { name: 'kurt' });
    const kurt = new IAMClient({ endpoint: h.server.url, region: 'eu-west-1', credentials: { accessKeyId: created.key.id, secretAccessKey: created.secret.reveal() }, maxAttempts: 1 });
    // denied (no policies), but signed right: the key's last use is recorded
    await kurt.send(new GetUserCommand({})).catch(() => undefined);
    await admin.goto('/console/users/kurt');
    const row = await admin.locator('tbody tr').first().textContent();
    assert.ok(row!.includes(created.key.id));
    assert.match(row!, /\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(row!, /iam/);
    await admin.getByRole('group', { name: 'Verify sign-ins by' }).getByLabel('Virtual MFA device').check();
    await admin.getByRole('button', { name: 'Save login protection' }).click();
    assert.equal(await notice(admin), 'Login protection was saved.');
    assert.equal(await admin.getByRole('group', { name: 'Verify sign-ins by' }).getByLabel('Virtual MFA device').isChecked(), true);
  });

  it('edits the password policy as a form, naming a bad value', async (t) => {
    if (!h) return t.skip('chromium missing');
    await admin.goto('/console/password-policy');
    await checkPage(admin, 'password-policy');
    await admin.getByLabel('Minimum length').fill('3');
    await admin.getByRole('button', { name: 'Save password policy' }).click();
    assert.match(await alertText(admin), /Minimum length must be a whole number from 6 to 128/);
    await admin.getByLabel('Minimum length').fill('12');
    await admin.getByLabel('Require a symbol').check();
    await admin.getByRole('button', { name: 'Save password policy' }).click();
    assert.equal(await notice(admin), 'The password policy was saved.');
    const policy = await h.server.polyiam.services.passwordPolicy.get(h.root);
    assert.equal(policy.minimumLength, 12);
    assert.equal(policy.requireSymbols, true);
    await h.server.polyiam.services.passwordPolicy.reset(h.root);
  });

  it('refuses admin pages to a user whose policies do not allow them, as the APIs do', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('vera', 'Vera#Pass2024');
    const vera = await h.page();
    await signIn(vera, h.server.root.account.name, 'vera', 'Vera#Pass2024');
    let response = await vera.goto('/console/users');
    assert.equal(response!.status(), 403);
    assert.match((await vera.locator('main').textContent())!, /You are not allowed/);
    await checkPage(vera, 'users-denied');
    response = await vera.goto('/console/password-policy');
    assert.equal(response!.status(), 403);
    // and the denial is in the audit trail, as for an API call
    await h.server.polyiam.services.audit.flush();
    const events = await h.server.polyiam.store.db.selectFrom('audit_events').select(['action', 'outcome', 'dialect']).where('dialect', '=', 'console').execute();
    assert.ok(events.some((e) => e.action === 'iam:users:listUsersV5' && e.outcome === 'denied'));
    assert.ok(events.some((e) => e.action === 'iam:console:signIn' && e.outcome === 'success'));
  });
});
