// Bundles a TypeScript module of the webview or the panels and imports it. The vscode module is
// replaced by fakeVscode.mjs, imported by URL so the test and the bundle share one instance.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleAndImport } from '../../helpers/loadContract.mjs';

const fakeVscodeUrl = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'fakeVscode.mjs')).href;

const fakeVscodePlugin = {
  name: 'fake-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, () => ({ path: fakeVscodeUrl, external: true }));
  },
};

/** Bundles one module (path from the repository root) for Node and imports it. */
export function importModule(relativePath) {
  return bundleAndImport(relativePath, { plugins: [fakeVscodePlugin] });
}
