import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/**
 * Finds a command-line tool. Where it is missing the test skips on a developer machine, but fails in
 * CI (CI=true): there a skip would hide that the suite did not run.
 */
export function requireTool(t: TestContext, command: string, versionArgs: string[] = ['--version']): boolean {
  try {
    execFileSync(command, versionArgs, { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`\`${command}\` is required in CI but was not found`);
    t.skip(`\`${command}\` is not installed`);
    return false;
  }
}

/** PostgreSQL for the store suite: POLYIAM_TEST_PG_URL, set by .ci/run. Same skip-or-fail rule. */
export function requirePostgres(t: TestContext): string | undefined {
  const url = process.env.POLYIAM_TEST_PG_URL;
  if (url) return url;
  if (process.env.CI === 'true') throw new Error('POLYIAM_TEST_PG_URL is required in CI');
  t.skip('POLYIAM_TEST_PG_URL is not set');
  return undefined;
}
