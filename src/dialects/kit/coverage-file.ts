import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The command-line side of each dialect's `coverage.ts`: when that module is the script being run,
 * write its COVERAGE.md, or with `--check` fail (exit code 1) when the file on disk is out of date.
 */
export function runCoverageScript(moduleUrl: string, file: string, render: () => string): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const text = render();
  if (!process.argv.includes('--check')) {
    writeFileSync(file, text);
    return;
  }
  if (readFileSync(file, 'utf8') !== text) {
    process.stderr.write(`${file} is out of date: run node --import tsx ${process.argv[1]}\n`);
    process.exitCode = 1;
  }
}
