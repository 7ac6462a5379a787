// Bundles the TypeScript contract modules on the fly so tests exercise the same source the
// trainer, the extension and the webview are built from.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

// Bundles go inside the repository so the packages left external resolve from its
// node_modules. Node's ESM resolver ignores NODE_PATH, so a bundle under the system
// temp folder cannot find them.
const bundleRoot = join(root, 'node_modules/.cache/mmpareto-test');

// Package entry points stay external, so a test and the module it imports share one
// TensorFlow.js instance. Deep imports such as '@tensorflow/tfjs-core/dist/register_all_gradients'
// are bundled because they are ES modules with extensionless imports, which Node cannot load.
const externalEntryPoints = {
  name: 'external-entry-points',
  setup(build) {
    build.onResolve({ filter: /^(@tensorflow\/[^/]+|vscode)$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Bundles one TypeScript module (path from the repository root) and imports it. */
export async function importTypeScript(relativePath) {
  mkdirSync(bundleRoot, { recursive: true });
  const outfile = join(mkdtempSync(join(bundleRoot, 'module-')), 'module.mjs');
  await esbuild.build({
    entryPoints: [join(root, relativePath)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    plugins: [externalEntryPoints],
  });
  return import(pathToFileURL(outfile).href);
}

export async function loadContract() {
  const entry = join(mkdtempSync(join(tmpdir(), 'mmpareto-contract-')), 'entry.ts');
  writeFileSync(entry, `export * from ${JSON.stringify(join(root, 'trainer/contract/validateConfig.ts'))};\nexport * from ${JSON.stringify(join(root, 'trainer/contract/configSchema.ts'))};\nexport * from ${JSON.stringify(join(root, 'trainer/contract/datasetModalities.ts'))};\n`);
  const outfile = entry.replace(/\.ts$/, '.mjs');
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return import(pathToFileURL(outfile).href);
}
