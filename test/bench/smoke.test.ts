/** @see #17 */
// A short run of `npm run bench` as CI can afford it: one HTTP case and the bare node:http baseline,
// each against a real server process (polyiam serve on a temporary on-disk data dir, from the sources
// here: the test runner sets POLYIAM_FROM_SOURCE=1), the load from the bench's child process. It
// checks that the run completes, that no request failed, and that the ratio and the writes per
// request are printed. It asserts no timing: the bench judges speed, not the tests.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BARE_HTTP } from '../../bench/harness.js';
import { SIGNED_READ } from '../../bench/huawei-v5.js';
import { formatTable, type RunRecord } from '../../bench/report.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

test('npm run bench, one case and its baseline, each in a process of its own, with zero failures', { timeout: 180_000 }, async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--filter', SIGNED_READ, '--exact', '--duration', '400', '--warmup', '200', '--connections', '2', '--no-save', '--json'],
    { cwd: REPO, env: { ...process.env, POLYIAM_FROM_SOURCE: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const record = JSON.parse(stdout) as RunRecord;
  assert.equal(record.build, 'sources through tsx');
  assert.deepEqual(record.rates.map((r) => r.case).sort(), [BARE_HTTP, SIGNED_READ].sort());
  for (const rate of record.rates) {
    assert.equal(rate.failures, 0, `${rate.case} had failures: ${JSON.stringify(record.results.filter((r) => r.name === rate.case).map((r) => r.failureKinds))}`);
    assert.ok(rate.rate > 0, `${rate.case} completed no request`);
    if (process.platform === 'linux') {
      // /proc/<pid>/io of the serving process: at least the response's own write
      assert.ok(rate.server && rate.server.writesPerRequest >= 1, `${rate.case}: no writes per request counted (${JSON.stringify(rate.server)})`);
    }
  }
  const ratio = record.ratios.find((r) => r.case === SIGNED_READ && r.to === BARE_HTTP);
  assert.ok(ratio && Number.isFinite(ratio.ratio) && ratio.ratio > 0, 'no ratio to the bare baseline');
  const table = formatTable(record);
  assert.match(table, new RegExp(`\\d+\\.\\d\\d × ${BARE_HTTP} \\(target ≥ 0\\.7: (PASS|FAIL)\\)`));
  assert.match(table, /writes\/req/);
});
