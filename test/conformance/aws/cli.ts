/**
 * The Debian AWS CLI (awscli 2.9, `/usr/bin/aws` by absolute path: a pyenv shim `aws` v1 may come
 * first on PATH), run isolated from any local AWS configuration, with helpers to read its answer.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Keys } from './sigv4.js';

export const AWS = '/usr/bin/aws';
const run = promisify(execFile);

export interface CliResult {
  code: number;
  json: Record<string, unknown> | undefined;
  stderr: string;
}

/** `aws <service> <args>` against `url`; never throws, the exit code says */
export function awsCli(url: () => string): (service: 'iam' | 'sts' | 'cloudtrail', keys: Keys, ...args: string[]) => Promise<CliResult> {
  const home = mkdtempSync(join(tmpdir(), 'polyiam-awscli-'));
  return async (service, keys, ...args) => {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      AWS_ACCESS_KEY_ID: keys.ak,
      AWS_SECRET_ACCESS_KEY: keys.sk,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    try {
      const { stdout } = await run(AWS, [service, ...args, '--endpoint-url', url(), '--region', 'us-east-1', '--output', 'json'], { env, timeout: 60_000 });
      return { code: 0, json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : undefined, stderr: '' };
    } catch (err) {
      const failure = err as { code?: number; stderr?: string };
      return { code: typeof failure.code === 'number' ? failure.code : -1, json: undefined, stderr: failure.stderr ?? String(err) };
    }
  };
}

export function ok(result: CliResult): Record<string, unknown> {
  assert.equal(result.code, 0, result.stderr);
  return result.json ?? {};
}

export function fails(result: CliResult, code: string, message?: RegExp): void {
  assert.notEqual(result.code, 0, 'the CLI failed');
  assert.match(result.stderr, new RegExp(`An error occurred \\(${code}\\)`), result.stderr);
  if (message) assert.match(result.stderr, message);
}
