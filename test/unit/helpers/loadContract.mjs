// Bundles TypeScript modules of the repository on the fly so tests exercise the same sources the
// trainer, the extension and the webview are built from.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

// Bundles go inside the repository so the packages left external resolve from its
// node_modules. Node's ESM resolver ignores NODE_PATH, so a bundle under the system temp folder
// cannot find them.
const bundleRoot = join(repositoryRoot, 'node_modules/.cache/mmpareto-test');

// Package entry points stay external, so a test and the module it imports share one
// TensorFlow.js instance. Deep imports such as '@tensorflow/tfjs-core/dist/register_all_gradients'
// are bundled because they are ES modules with extensionless imports, which Node cannot load.
const externalEntryPoints = {
  name: 'external-entry-points',
  setup(build) {
    build.onResolve({ filter: /^(@tensorflow\/[^/]+|vscode)$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * Bundles one module (path from the repository root) as an ES module and imports it.
 * `packages: 'external'` leaves every npm package to Node. CommonJS packages that require Node
 * built-ins (yaml, vscode-languageserver) need that. The default bundles all packages but the
 * TensorFlow.js entry points and vscode. `plugins` resolve first, so they can replace vscode with a stand-in.
 */
export async function bundleAndImport(relativePath, { packages, plugins = [] } = {}) {
  mkdirSync(bundleRoot, { recursive: true });
  const outfile = join(mkdtempSync(join(bundleRoot, 'module-')), 'module.mjs');
  await esbuild.build({
    entryPoints: [join(repositoryRoot, relativePath)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    ...(packages === 'external' ? { packages: 'external' } : {}),
    plugins: packages === 'external' ? plugins : [...plugins, externalEntryPoints],
  });
  return import(pathToFileURL(outfile).href);
}

/** Bundles one TypeScript module (path from the repository root) and imports it. */
export function importTypeScript(relativePath) {
  return bundleAndImport(relativePath);
}

export async function loadContract() {
  mkdirSync(bundleRoot, { recursive: true });
  const entry = join(mkdtempSync(join(bundleRoot, 'contract-')), 'entry.ts');
  writeFileSync(entry, `export * from ${JSON.stringify(join(repositoryRoot, 'trainer/contract/validateConfig.ts'))};\nexport * from ${JSON.stringify(join(repositoryRoot, 'trainer/contract/configSchema.ts'))};\nexport * from ${JSON.stringify(join(repositoryRoot, 'trainer/contract/datasetModalities.ts'))};\n`);
  const outfile = entry.replace(/\.ts$/, '.mjs');
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return import(pathToFileURL(outfile).href);
}
