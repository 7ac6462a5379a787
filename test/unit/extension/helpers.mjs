// Shared helpers of the extension-host tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleAndImport } from '../helpers/loadContract.mjs';

let modules;

/** Bundles the extension modules that run without vscode, once per test file, and imports them. */
export async function loadExtensionModules() {
  // npm packages stay external: bundling CommonJS packages into an ES module breaks their require calls.
  modules ??= await bundleAndImport('test/unit/extension/extensionModules.ts', { packages: 'external' });
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
