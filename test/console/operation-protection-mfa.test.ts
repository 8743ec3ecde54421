/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { codeAt, consecutiveCodes } from '../support/totp.js';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';

/**
 * Operation protection by a virtual MFA device (Volcengine SafeAuthType `vmfa`, Huawei operation
 * protection by virtual MFA): creating and deleting access keys ask for the device's TOTP code,
 * computed here by otpauth on the server's test clock, frozen for the whole file so that a code stays
 * in its 30-second step until the test moves the clock.
 */
describe('console operation protection by virtual MFA device in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  let seed: string;
  let rootId: string;
  before(async (t) => {
    h = await openHarness(t as never);
    if (!h) return;
    const { services, testClock } = h.server.polyiam;
    // the clock moves only when a test moves it: the replayed code below must still be in its step
    await h.freezeClock();
    rootId = h.root.principal.userId;
    const device = await services.mfaDevices.create(h.root, { name: 'root-op', label: 'root-op', forUser: { id: rootId } });
    seed = device.base32Seed;
    await services.mfaDevices.enable(h.root, { id: rootId }, { id: device.device.id }, ...consecutiveCodes(seed, testClock!.now()));
    await services.operationProtection.set(h.root, { id: rootId }, { enabled: true, methods: ['vmfa'], exemptMinutes: 10 });
    // the binding spent the current step: the first operation's code is the next one
    await h.advanceClock(30);
  });
  after(async () => h?.close());

  const now = () => h!.server.polyiam.testClock!.now();
  const keyIds = async () => (await h!.server.polyiam.store.accessKeys.listByUser(rootId)).map((k) => k.id);
  const signedInRoot = async (): Promise<Page> => {
    const page = await h!.page();
    await signIn(page, h!.server.root.account.name, h!.server.root.root.user_name, h!.server.root.root.password);
    return page;
  };
  let createdKey = '';
  let spentCode = '';

  it('asks for the TOTP code before creating an access key, refuses a wrong one, and creates after the right one', async (t) => {
    if (!h) return t.skip('chromium missing');
    const page = await signedInRoot();
    const before = await keyIds();
    await page.goto('/console/security/access-keys');
    await page.getByRole('button', { name: 'Create access key' }).click();
    assert.match((await page.locator('#operation').textContent())!, /to create an access key \(your access keys\), verify it is you first/);
    assert.match((await page.locator('main').textContent())!, /Enter the code your virtual MFA app shows/);
    assert.equal(await page.getByRole('button', { name: 'Send code' }).count(), 0, 'a virtual MFA device has nothing to send');
    await checkPage(page, 'verify-operation-vmfa');

    const right = codeAt(seed, now());
    // a code of the device, but far from now: not inside the clock window
    let wrong = codeAt(seed, now() - 3_600_000);
    if ([-30_000, 0, 30_000].some((d) => codeAt(seed, now() + d) === wrong)) wrong = wrong === '000000' ? '000001' : '000000';
    await page.getByLabel('Verification code').fill(wrong);
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await alertText(page), 'The verification code is incorrect or has expired.');
    assert.equal(await page.getByLabel('Verification code').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Verification code').getAttribute('aria-describedby'), 'form-error');
    assert.deepEqual(await keyIds(), before, 'nothing is created before the verification');
    await checkPage(page, 'verify-operation-vmfa-wrong');

    await page.getByLabel('Verification code').fill(right);
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match((await page.getByRole('status').textContent())!, /^Verified\./);
    spentCode = right;
    await page.getByRole('link', { name: 'Go back' }).click();
    await page.getByRole('button', { name: 'Create access key' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Access key created', 'inside the exemption window nothing is asked');
    createdKey = (await page.locator('#access-key-id').textContent())!;
    assert.deepEqual((await keyIds()).sort(), [...before, createdKey].sort());
  });

  it('asks another session again before deleting, refuses the code already used, and deletes after the next code', async (t) => {
    if (!h) return t.skip('chromium missing');
    assert.ok(createdKey, 'the first test created a key');
    // a second browser: its own session, not trusted by the first one's verification
    const page = await signedInRoot();
    await page.goto('/console/security/access-keys');
    await page.getByRole('link', { name: `Delete ${createdKey}` }).click();
    await page.getByRole('button', { name: 'Delete access key' }).click();
    assert.match((await page.locator('#operation').textContent())!, new RegExp(`to delete access key ${createdKey}, verify it is you first`));

    // the same code inside its 30 seconds (the clock is frozen): a TOTP code is spent once (replay)
    assert.equal(codeAt(seed, now()), spentCode, 'still the same step on the test clock');
    await page.getByLabel('Verification code').fill(spentCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await alertText(page), 'The verification code is incorrect or has expired.');
    assert.ok((await keyIds()).includes(createdKey), 'nothing is deleted after a reused code');

    await h.advanceClock(30);
    await page.getByLabel('Verification code').fill(codeAt(seed, now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match((await page.getByRole('status').textContent())!, /^Verified\./);
    await page.getByRole('link', { name: 'Go back' }).click();
    assert.match((await page.locator('#delete-question').textContent())!, /Delete access key/);
    await page.getByRole('button', { name: 'Delete access key' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), `Access key ${createdKey} was deleted.`);
    assert.equal((await keyIds()).includes(createdKey), false);
  });
});
