// Runs the end-to-end tests: checks that `npm run e2e:setup` has installed the tools, packages
// the extension once, then runs test/e2e/ with node:test, one file at a time.
// Usage: node scripts/e2e/run.mjs [test files...]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { requireTools } from './codeServer.mjs';
import { skipReason } from './harness.mjs';
import { packageExtension } from './packageExtension.mjs';
import { REPO_ROOT, e2ePaths } from './paths.mjs';

function fail(message) {
  console.error(`[e2e] ERROR: ${message}`);
  process.exit(1);
}

let skip;
try {
  skip = skipReason();
} catch (error) {
  fail(error.message);
}
if (skip) {
  console.log(`[e2e] end-to-end tests skipped: ${skip}`);
  process.exit(0);
}

const paths = e2ePaths();
try {
  requireTools(paths);
} catch (error) {
  fail(error.message);
}

mkdirSync(paths.artifactsRoot, { recursive: true });
const timingsFile = join(paths.artifactsRoot, 'timings.jsonl');
rmSync(timingsFile, { force: true });

const started = Date.now();
let vsix = process.env.MMPARETO_E2E_VSIX;
if (!vsix) {
  try {
    vsix = packageExtension();
  } catch (error) {
    fail(error.message);
  }
}
const packagingSeconds = (Date.now() - started) / 1000;

const files = process.argv.slice(2);
const testArgs = ['--test', '--test-concurrency=1', ...(files.length > 0 ? files : [join(REPO_ROOT, 'test/e2e/')])];
const child = spawn(process.execPath, testArgs, {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, MMPARETO_E2E_VSIX: vsix },
});

// Ctrl+C reaches the test process too; its harness ends what each session started.
child.on('exit', (code, signal) => {
  console.log(`[e2e] packaging took ${packagingSeconds.toFixed(1)} s`);
  if (existsSync(timingsFile)) {
    for (const line of readFileSync(timingsFile, 'utf8').trim().split('\n')) {
      const entry = JSON.parse(line);
      console.log(`[e2e] ${entry.passed ? 'passed' : 'FAILED'} ${String(entry.seconds).padStart(6)} s  ${entry.scenario}`);
    }
  }
  console.log(`[e2e] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code ?? (signal ? 1 : 0));
});
