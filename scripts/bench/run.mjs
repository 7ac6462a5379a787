// Bundles a TypeScript benchmark next to node_modules and runs it: node scripts/bench/run.mjs FILE.ts [args].
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error('Usage: node scripts/bench/run.mjs scripts/bench/FILE.ts [arguments]');
  process.exit(2);
}
const outdir = join(root, 'dist/bench');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, basename(entry).replace(/\.ts$/, '.js'));
await esbuild.build({
  entryPoints: [join(root, entry)],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
