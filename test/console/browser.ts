import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { MfaDevices } from '../../src/console/mfa-devices.js';
import type { Config } from '../../src/config/config.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { requireTool } from '../support/tools.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = 'test-output/console';

/** One Chromium (Debian's, never downloaded) and one polyiam on loopback for a whole test file. */
export interface ConsoleHarness {
  server: TestServer;
  browser: Browser;
  /** the account root acting without a request, for setting up what a test needs */
  root: CallContext;
  /** a fresh browser profile (no cookies) */
  context(): Promise<BrowserContext>;
  page(): Promise<Page>;
  advanceClock(seconds: number): Promise<void>;
  /** stops the server's test clock: it stands still until `advanceClock` moves it */
  freezeClock(): Promise<void>;
  /** a user with a console password */
  user(name: string, password: string, options?: { resetRequired?: boolean; loginAllowed?: boolean; displayName?: string }): Promise<void>;
  close(): Promise<void>;
}

export async function openHarness(t: TestContext, options: { consoleMfa?: MfaDevices; config?: Partial<Config> } = {}): Promise<ConsoleHarness | undefined> {
  if (!requireTool(t, '/usr/bin/chromium')) return undefined;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { config = {}, ...serverOptions } = options;
  const [server, browser] = await Promise.all([startTestServer(config, serverOptions), chromium.launch({ executablePath: '/usr/bin/chromium', headless: true })]);
  const rootUser = (await server.polyiam.store.users.findByName(server.root.account.id, server.root.root.user_name))!;
  const root = systemContext(server.root.account.id, rootUser.id, rootUser.name);
  const contexts: BrowserContext[] = [];
  const harness: ConsoleHarness = {
    server,
    browser,
    root,
    async context() {
      const context = await browser.newContext({ baseURL: server.url });
      contexts.push(context);
      return context;
    },
    async page() {
      return (await harness.context()).newPage();
    },
    async advanceClock(seconds) {
      const response = await fetch(`${server.url}/_test/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
      assert.equal(response.status, 200);
    },
    async freezeClock() {
      const response = await fetch(`${server.url}/_test/clock/freeze`, { method: 'POST' });
      assert.equal(response.status, 200);
    },
    async user(name, password, options = {}) {
      const { users, loginProfiles } = server.polyiam.services;
      await users.create(root, { name, ...(options.displayName ? { displayName: options.displayName } : {}) });
      await loginProfiles.create(root, { name }, { password: new PlainPassword(password), passwordResetRequired: options.resetRequired ?? false, ...(options.loginAllowed === undefined ? {} : { loginAllowed: options.loginAllowed }) });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
  return harness;
}

/** Fills the sign-in form by its visible labels and submits it. */
export async function signIn(page: Page, account: string, userName: string, password: string): Promise<void> {
  if (!page.url().endsWith('/console/sign-in')) await page.goto('/console/sign-in');
  await page.getByLabel('Account name or id').fill(account);
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * axe-core run inside the page (through the DevTools protocol, which the page's CSP does not govern:
 * the console itself never runs a script): no serious or critical violation. Then a screenshot.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${name}: accessibility violations`);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** The text of the page's error message (role=alert). */
export async function alertText(page: Page): Promise<string> {
  return (await page.getByRole('alert').first().textContent())?.trim() ?? '';
}
