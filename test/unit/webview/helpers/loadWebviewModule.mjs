// Bundles a TypeScript module of the webview or the panels and imports it. The vscode module is
// replaced by fakeVscode.mjs, imported by URL so the test and the bundle share one instance.
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const fakeVscodeUrl = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'fakeVscode.mjs')).href;

const fakeVscodePlugin = {
  name: 'fake-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, () => ({ path: fakeVscodeUrl, external: true }));
  },
};

/** Bundles one module (path from the repository root) for Node and imports it. */
export async function importModule(relativePath) {
  const outfile = join(mkdtempSync(join(tmpdir(), 'mmpareto-webview-test-')), 'module.mjs');
  await esbuild.build({
    entryPoints: [join(root, relativePath)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    plugins: [fakeVscodePlugin],
  });
  return import(pathToFileURL(outfile).href);
}
