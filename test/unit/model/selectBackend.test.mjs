// Backend selection on this machine, where the native packages are not installed: auto falls
// back to wasm, explicit choices succeed or fail with the package and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as tf from '@tensorflow/tfjs-core';
import { importTypeScript } from '../helpers/loadContract.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { selectBackend, AUTO_ORDER } = await importTypeScript('trainer/backend/selectBackend.ts');
const { isPackageNotFound } = await importTypeScript('trainer/backend/runtimeRequire.ts');

test('auto order', () => {
  assert.deepEqual([...AUTO_ORDER], ['node-gpu', 'node', 'wasm', 'cpu']);
});

test('auto falls back to wasm', async () => {
  const lines = [];
  const selection = await selectBackend('auto', (line) => lines.push(line));
  assert.equal(selection.name, 'wasm');
  assert.equal(selection.choice, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.deepEqual(selection.skipped.map((entry) => entry.choice), ['node-gpu', 'node']);
  assert.match(selection.skipped[0].reason, /@tensorflow\/tfjs-node-gpu is not installed/);
  assert.match(selection.skipped[1].reason, /@tensorflow\/tfjs-node is not installed/);
  assert.equal(lines.length, 3);
  assert.match(lines[0], /node-gpu skipped: @tensorflow\/tfjs-node-gpu is not installed/);
  assert.match(lines[2], /chose wasm \(auto after skipping node-gpu, node\)/);
});

test('wasm detail names SIMD and threads', async () => {
  const selection = await selectBackend('wasm', () => {});
  assert.match(selection.detail, /^@tensorflow\/tfjs-backend-wasm 4\.22\.0, /);
  // Node 20's V8 validates WebAssembly SIMD. tfjs-backend-wasm turns threads off whenever IS_NODE.
  assert.match(selection.detail, /SIMD on/);
  assert.match(selection.detail, /1 thread,/);
  assert.match(selection.detail, /tfjs-backend-wasm-simd\.wasm$/);
});

test('forced cpu', async () => {
  const lines = [];
  const selection = await selectBackend('cpu', (line) => lines.push(line));
  assert.equal(selection.name, 'cpu');
  assert.equal(selection.choice, 'cpu');
  assert.deepEqual(selection.skipped, []);
  assert.equal(tf.getBackend(), 'cpu');
  assert.match(selection.detail, /@tensorflow\/tfjs-backend-cpu 4\.22\.0/);
  assert.deepEqual(lines, [`backend cpu: chose cpu: ${selection.detail}`]);
});

for (const [choice, packageName] of [['node', '@tensorflow/tfjs-node'], ['node-gpu', '@tensorflow/tfjs-node-gpu']]) {
  test(`forced ${choice} not installed`, async () => {
    await assert.rejects(selectBackend(choice, () => {}), (error) => {
      assert.match(error.message, new RegExp(`Backend ${choice} is unavailable: ${packageName} is not installed`));
      assert.ok(error.message.includes(`npm install ${packageName}@4.22.0`), error.message);
      return true;
    });
  });
}

test('package-not-found check', () => {
  const missing = Object.assign(new Error("Cannot find module '@tensorflow/tfjs-node'\nRequire stack:\n- /x.js"), { code: 'MODULE_NOT_FOUND' });
  const missingFile = Object.assign(new Error("Cannot find module '/n/lib/napi-v8/tfjs_binding.node'"), { code: 'MODULE_NOT_FOUND' });
  assert.equal(isPackageNotFound(missing, '@tensorflow/tfjs-node'), true);
  assert.equal(isPackageNotFound(missing, '@tensorflow/tfjs-node-gpu'), false);
  assert.equal(isPackageNotFound(missingFile, '@tensorflow/tfjs-node'), false);
  assert.equal(isPackageNotFound(new Error("Cannot find module '@tensorflow/tfjs-node'"), '@tensorflow/tfjs-node'), false);
});

test('broken native binding is skipped', () => {
  // A fake tfjs-node that throws as a package with a missing libtensorflow does, found by a main
  // script beside it. The folder sits inside the repository so the real packages resolve too.
  const cache = join(root, 'node_modules/.cache/mmpareto-test');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'native-'));
  try {
    const fakePackage = join(folder, 'node_modules/@tensorflow/tfjs-node');
    mkdirSync(fakePackage, { recursive: true });
    writeFileSync(join(fakePackage, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', version: '4.22.0', main: 'index.js' }));
    writeFileSync(join(fakePackage, 'index.js'), "throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');\n");
    const main = join(folder, 'main.mjs');
    writeFileSync(
      main,
      `import { importTypeScript } from ${JSON.stringify(join(root, 'test/unit/helpers/loadContract.mjs'))};\n` +
        "const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');\n" +
        "const auto = await selectBackend('auto', () => {});\n" +
        "let forced = '';\n" +
        "try { await selectBackend('node', () => {}); } catch (error) { forced = error.message; }\n" +
        'process.stdout.write(JSON.stringify({ auto, forced }));\n',
    );
    const output = JSON.parse(execFileSync(process.execPath, [main], { encoding: 'utf8' }));
    assert.equal(output.auto.name, 'wasm');
    assert.match(output.auto.skipped[0].reason, /tfjs-node-gpu is not installed/);
    assert.equal(output.auto.skipped[1].reason, '@tensorflow/tfjs-node is installed but its native binding failed to load: libtensorflow.so.2: cannot open shared object file: No such file or directory');
    assert.match(output.forced, /Backend node is unavailable: @tensorflow\/tfjs-node is installed but its native binding failed to load/);
    assert.match(output.forced, /npm rebuild @tensorflow\/tfjs-node/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('bundle loads wasm from dist/wasm', async () => {
  // Mirrors the trainer build: a CommonJS bundle in dist/trainer/ with the .wasm files in
  // dist/wasm/. The bundle also carries tfjs-core, so this checks that backends and gradients
  // registered inside it work.
  const folder = mkdtempSync(join(tmpdir(), 'mmpareto-bundle-'));
  try {
    const entry = join(folder, 'entry.ts');
    writeFileSync(
      entry,
      `export { selectBackend } from ${JSON.stringify(join(root, 'trainer/backend/selectBackend.ts'))};\n` +
        `export { conv2dSame } from ${JSON.stringify(join(root, 'trainer/model/conv2d.ts'))};\n` +
        "export * as tf from '@tensorflow/tfjs-core';\n",
    );
    const bundle = join(folder, 'dist/trainer/entry.cjs');
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      nodePaths: [join(root, 'node_modules')],
      external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
      logLevel: 'silent',
    });
    assert.deepEqual(result.warnings.map((warning) => warning.text), []);
    const wasmFolder = join(folder, 'dist/wasm');
    mkdirSync(wasmFolder, { recursive: true });
    const packageDist = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
    for (const file of readdirSync(packageDist).filter((name) => name.endsWith('.wasm'))) {
      cpSync(join(packageDist, file), join(wasmFolder, file));
    }

    // d/dfilter of sum(conv(ones [1,3,3,1], filter 3x3, 'same')) counts how many input pixels each
    // tap reads: 4 at the corners, 6 at the edges, 9 in the centre.
    const script = `
      const { selectBackend, conv2dSame, tf } = require(${JSON.stringify(bundle)});
      const gradient = () => Array.from(tf.grads((f) => tf.sum(conv2dSame(tf.ones([1, 3, 3, 1]), f, 1)))([tf.zeros([3, 3, 1, 1])])[0].dataSync());
      (async () => {
        const auto = await selectBackend('auto', () => {});
        const wasmGradient = gradient();
        const cpu = await selectBackend('cpu', () => {});
        process.stdout.write(JSON.stringify({ auto, cpu, wasmGradient, cpuGradient: gradient() }));
      })();`;
    const output = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: folder }));
    assert.equal(output.auto.name, 'wasm');
    assert.ok(output.auto.detail.endsWith(join(wasmFolder, 'tfjs-backend-wasm-simd.wasm')), output.auto.detail);
    assert.match(output.auto.skipped[1].reason, /@tensorflow\/tfjs-node is not installed/);
    assert.equal(output.cpu.name, 'cpu');
    const expected = [4, 6, 4, 6, 9, 6, 4, 6, 4];
    assert.deepEqual(output.wasmGradient, expected);
    assert.deepEqual(output.cpuGradient, expected);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
