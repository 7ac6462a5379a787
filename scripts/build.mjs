// Bundles every entry point with esbuild into dist/. Usage: node scripts/build.mjs [--watch]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

// Native TensorFlow.js packages are optional and loaded at run time when installed; the
// WebAssembly backend finds its .wasm files next to the bundle (copied below).
const nodeExternals = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    entryPoints: { 'trainer/cli': 'trainer/cli.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: nodeExternals,
  },
  // The extension host entry. VS Code provides the vscode module at run time.
  {
    entryPoints: { 'extension/extension': 'extension/extension.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  // The config language server runs as its own Node process, started by the language client.
  {
    entryPoints: { 'languageServer/server': 'extension/languageServer/server.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // Panel scripts run in VS Code webviews (Chromium 128 in VS Code 1.95). Each is one IIFE with
  // its web components bundled in, so the panel CSP can allow scripts by nonce only.
  {
    entryPoints: { 'webview/dashboard': 'webview/dashboard/main.ts', 'webview/compare': 'webview/compare/main.ts' },
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
  },
];

const common = { bundle: true, sourcemap: true, outdir: join(root, 'dist'), absWorkingDir: root, logLevel: 'warning' };

function copyWasmFiles() {
  const source = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const target = join(root, 'dist/wasm');
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(source)) {
    if (file.endsWith('.wasm')) {
      cpSync(join(source, file), join(target, file));
    }
  }
}

copyWasmFiles();
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context({ ...common, ...options });
    await context.watch();
  }
  console.log('Watching for changes.');
} else {
  await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
}
