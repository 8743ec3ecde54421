/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as OTPAuth from 'otpauth';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';
import { TotpMfaDevices } from './totp-mfa-devices.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console virtual MFA binding in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  const devices = new TotpMfaDevices(() => Date.now());
  before(async (t) => {
    h = await openHarness(t as never, { consoleMfa: devices });
  });
  after(async () => h?.close());

  it('shows the QR code and the secret key, binds with two consecutive codes computed here, and unbinds', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('bind', 'Bind#Pass2024');
    const page = await h.page();
    await signIn(page, h.server.root.account.name, 'bind', 'Bind#Pass2024');
    await page.goto('/console/security');
    const qr = page.getByRole('img', { name: 'QR code of the virtual MFA secret' });
    assert.match((await qr.getAttribute('src'))!, /^data:image\/png;base64,/);
    // the browser really decoded the image (the CSP allows data: images and nothing else inline)
    assert.ok(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0));
    const secret = (await page.locator('#mfa-secret').textContent())!;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await checkPage(page, 'security-mfa-bind');

    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const now = Date.now();
    await page.getByLabel('First code').fill(totp.generate({ timestamp: now }));
    await page.getByLabel('Second code').fill(totp.generate({ timestamp: now }));
    await page.getByRole('button', { name: 'Bind' }).click();
    assert.match(await alertText(page), /not two consecutive codes/);

    await page.getByLabel('First code').fill(totp.generate({ timestamp: now - 30_000 }));
    await page.getByLabel('Second code').fill(totp.generate({ timestamp: now }));
    await page.getByRole('button', { name: 'Bind' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'The virtual MFA device is bound.');
    assert.match((await page.locator('main').textContent())!, /mfa\/bind, bound \d{4}-/);

    await page.getByRole('button', { name: 'Unbind' }).click();
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'The virtual MFA device is unbound.');
    assert.equal(await page.getByRole('button', { name: 'Bind' }).count(), 1);
  });
});
