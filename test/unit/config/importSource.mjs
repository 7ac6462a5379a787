// Bundles a TypeScript module of the repository and imports it, leaving npm packages external.
// The shared importTypeScript helper bundles packages too, which breaks CommonJS packages that
// require Node built-ins (yaml requires "process"); Node loads them fine from node_modules.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

// Inside the repository, so the external packages resolve from its node_modules.
const bundleRoot = join(repositoryRoot, 'node_modules/.cache/mmpareto-test');

/** Bundles one TypeScript module (path from the repository root) and imports it. */
export async function importSource(relativePath) {
  mkdirSync(bundleRoot, { recursive: true });
  const outfile = join(mkdtempSync(join(bundleRoot, 'config-')), 'module.mjs');
  await esbuild.build({
    entryPoints: [join(repositoryRoot, relativePath)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}
