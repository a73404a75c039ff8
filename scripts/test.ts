/**
 * `npm test`: lint and check the formatting, then type check and build both packages (the widgets' script-tag build
 * is tested as shipped; the proxy's tarball too; the static demo preview as a static host serves it), then every
 * test: the widgets' unit tests in Node, element tests in real Chromium, and the proxy package's tests. Ends with one
 * plain line `N passed, N failed` so any CI can read the count.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumHelp, findChromium } from './chromium.ts';
import { findRedisServer, redisHelp } from '../proxy/test/redis-server.ts';

const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const vitestArgs = process.argv.slice(2);

if (!findChromium()) {
  console.error(`\n${chromiumHelp}\nElement tests run in real Chromium and cannot run without it.\n`);
  process.exit(1);
}
if (!findRedisServer()) {
  console.error(`\n${redisHelp}\n`);
  process.exit(1);
}

console.log('> lint');
if (run('npx', ['eslint', '.']) !== 0) {
  console.error('\nLint failed (above). Fix the code, or turn the rule off in eslint.config.js with a reason.\n');
  process.exit(1);
}
console.log('> format check');
if (run('npx', ['prettier', '--check', '.']) !== 0) {
  console.error('\nThe files above are not formatted as Prettier writes them: run `npm run format`.\n');
  process.exit(1);
}
console.log('> type check');
if (run('npx', ['tsc', '--noEmit']) !== 0) process.exit(1);
if (run('npx', ['tsc', '--noEmit', '-p', 'proxy']) !== 0) process.exit(1);
console.log('> build');
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
if (run('npm', ['run', '--silent', 'build', '--workspace', 'storefront-widgets-proxy']) !== 0) process.exit(1);
console.log('> build the static demo preview');
if (run('npm', ['run', '--silent', 'build:demo']) !== 0) process.exit(1);

const dir = mkdtempSync(join(tmpdir(), 'storefront-widgets-test-'));
const report = join(dir, 'report.json');
console.log('> vitest');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...vitestArgs,
]);
try {
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = results.numPendingTests + results.numTodoTests;
  // Errors outside any test (an unhandled rejection) fail the run without failing a test: say so.
  const outside =
    status !== 0 && results.numFailedTests === 0 ? '; the run failed on errors outside the tests (see above)' : '';
  const counts = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
  console.log(`\n${counts}${skipped ? `, ${skipped} skipped` : ''}${outside}`);
} catch {
  console.log('\n0 passed, 1 failed');
}
rmSync(dir, { recursive: true, force: true });
process.exit(status);
