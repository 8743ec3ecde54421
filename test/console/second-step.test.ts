/** @see #12 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import * as OTPAuth from 'otpauth';
import type { CredentialsService, SignInResult } from '../../src/core/credentials/sign-in.js';
import { AuthenticationError } from '../../src/core/errors.js';
import { alertText, checkPage, openHarness, signIn, type ConsoleHarness } from './browser.js';

// bounded: a starved browser must fail the suite, not hang it
describe('console second step (login protection) in Chromium', { timeout: 900_000 }, () => {
  let h: ConsoleHarness | undefined;
  before(async (t) => {
    h = await openHarness(t as never);
  });
  after(async () => h?.close());

  /**
   * The console's side of the second step, with core's answers simulated: the page, its labels and its
   * flow checked against the contract's shapes (SignInResult.challenge, completeSignIn, sendSignInCode).
   */
  it('asks for the verification code with the masked destination, Send code and Trust this browser, then signs in', async (t) => {
    if (!h) return t.skip('chromium missing');
    await h.user('sam', 'Sam#Pass2024');
    const credentials = h.server.polyiam.services.credentials as CredentialsService;
    const realSignIn = credentials.signIn.bind(credentials);
    const seen: Array<{ deviceId?: string; trustDevice?: boolean }> = [];
    const expiresAt = Date.now() + 300_000;
    const patched = credentials as unknown as Record<string, unknown>;
    patched.signIn = async (input: Parameters<CredentialsService['signIn']>[0]): Promise<SignInResult> => {
      const result = await realSignIn(input);
      if (result.outcome !== 'ok' || result.user?.name !== 'sam') return result;
      return { ...result, outcome: 'second-factor-required', challenge: { id: 'challenge-1', method: 'email', maskedDestination: 's**@example.com', expiresAt, canTrustDevice: true } };
    };
    patched.sendSignInCode = async () => ({ maskedDestination: 's**@example.com', resendAfter: 60 });
    patched.completeSignIn = async (input: Parameters<CredentialsService['completeSignIn']>[0]): Promise<SignInResult> => {
      seen.push({ ...(input.deviceId ? { deviceId: input.deviceId } : {}), ...(input.trustDevice !== undefined ? { trustDevice: input.trustDevice } : {}) });
      if (input.challengeId !== 'challenge-1' || input.code !== '123456') throw new AuthenticationError('bad-credentials');
      return { outcome: 'ok' };
    };
    try {
      const page = await h.page();
      await signIn(page, h.server.root.account.name, 'sam', 'Sam#Pass2024');
      assert.match(page.url(), /\/console\/verify$/);
      assert.equal(await page.locator('#masked-destination').textContent(), 's**@example.com');
      await checkPage(page, 'verify');
      // nothing signed in is reachable before the second step
      await page.goto('/console/security');
      assert.match(page.url(), /\/console\/verify$/);

      await page.getByRole('button', { name: 'Send code' }).click();
      assert.equal((await page.getByRole('status').textContent())?.trim(), 'A code was sent to s**@example.com.');
      await page.getByLabel('Verification code').fill('654321');
      await page.getByRole('button', { name: 'Verify' }).click();
      assert.equal(await alertText(page), 'The verification code is incorrect or has expired.');
      await page.getByLabel('Verification code').fill('123456');
      await page.getByLabel('Trust this browser').check();
      await page.getByRole('button', { name: 'Verify' }).click();
      assert.match(page.url(), /\/console$/);
      assert.equal(await page.locator('#user-name').textContent(), 'sam');
      assert.equal(seen.at(-1)?.trustDevice, true);
      assert.match(seen.at(-1)?.deviceId ?? '', /^[A-Za-z0-9_-]{16,64}$/);
    } finally {
      delete patched.signIn;
      delete patched.sendSignInCode;
      delete patched.completeSignIn;
    }
  });

  /** @see #12 core names no user with second-factor-required: the console used to refuse the sign-in for it */
  it('signs in with a virtual MFA device bound through the AWS API, its TOTP codes computed here', async (t) => {
    if (!h) return t.skip('chromium missing');
    const { root, account } = h.server.root;
    const aws = new IAMClient({ endpoint: h.server.url, region: 'us-east-1', credentials: { accessKeyId: root.access_key_id, secretAccessKey: root.secret_access_key }, maxAttempts: 1 });
    await h.user('tomas', 'Tomas#Pass2024');
    const device = (await aws.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'tomas' }))).VirtualMFADevice!;
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(new TextDecoder().decode(device.Base32StringSeed!)), digits: 6, period: 30, algorithm: 'SHA1' });
    const now = Date.now();
    await aws.send(new EnableMFADeviceCommand({ UserName: 'tomas', SerialNumber: device.SerialNumber!, AuthenticationCode1: totp.generate({ timestamp: now - 30_000 }), AuthenticationCode2: totp.generate({ timestamp: now }) }));

    const admin = await h.page();
    await signIn(admin, account.name, root.user_name, root.password);
    await admin.goto('/console/users/tomas');
    await admin.getByRole('group', { name: 'Verify sign-ins by' }).getByLabel('Virtual MFA device').check();
    await admin.getByRole('button', { name: 'Save login protection' }).click();

    const page = await h.page();
    await signIn(page, account.name, 'tomas', 'Tomas#Pass2024');
    assert.match(page.url(), /\/console\/verify$/);
    await page.getByLabel('Verification code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await alertText(page), 'The verification code is incorrect or has expired.');
    await h.advanceClock(30);
    await page.getByLabel('Verification code').fill(totp.generate({ timestamp: h.server.polyiam.services.clock.now() }));
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.match(page.url(), /\/console$/);
  });
});
