// Shared helpers of the extension-host tests.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the repository so the npm packages, left external, resolve from its node_modules. They
// stay external because bundling CommonJS packages into an ES module breaks their require calls.
const bundleRoot = join(root, 'node_modules/.cache/mmpareto-test');

let modules;

/** Bundles the extension modules that run without vscode, once per test file, and imports them. */
export async function loadExtensionModules() {
  if (modules === undefined) {
    mkdirSync(bundleRoot, { recursive: true });
    const outfile = join(mkdtempSync(join(bundleRoot, 'extension-')), 'module.mjs');
    await esbuild.build({
      entryPoints: [join(root, 'test/unit/extension/extensionModules.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'error',
    });
    modules = await import(pathToFileURL(outfile).href);
  }
  return modules;
}

export function temporaryWorkspace(prefix = 'mmpareto-ext-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Returns a Logger that keeps every line with its level. */
export function recordingLogger() {
  const lines = [];
  const logger = {};
  for (const level of ['trace', 'debug', 'info', 'warn', 'error']) {
    logger[level] = (message) => lines.push({ level, message });
  }
  logger.lines = lines;
  logger.text = (level) => lines.filter((line) => level === undefined || line.level === level).map((line) => line.message).join('\n');
  return logger;
}

/** Resolves with the first event value that satisfies `predicate`, or rejects after `timeoutMs`. */
export function nextEvent(event, predicate = () => true, timeoutMs = 30000, what = 'event') {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Polls `condition` every 50 ms until it returns a truthy value. */
export async function waitFor(condition, timeoutMs = 30000, what = 'condition') {
  const start = Date.now();
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
