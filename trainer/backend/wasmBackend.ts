// The WebAssembly backend (@tensorflow/tfjs-backend-wasm). Its .wasm binaries are copied by
// scripts/build.mjs to dist/wasm/, next to the bundle's dist/trainer/ folder. Unbundled code
// (unit tests) loads them from the installed package instead.
//
// In Node, tfjs-backend-wasm 4.22.0 always reports no multithreading support (its
// WASM_HAS_MULTITHREAD_SUPPORT flag returns false when IS_NODE), so it runs on one thread. Forcing
// the flag on fails in Node 20 because the threaded build starts workers from blob: URLs, which
// worker_threads rejects. SIMD is used when WebAssembly.validate accepts SIMD code (Node 20 does).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { moduleLocation, runtimeRequire } from './runtimeRequire';
import type { BackendAttempt } from './backendAttempt';

const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm';
const PLAIN_BINARY = 'tfjs-backend-wasm.wasm';

/**
 * Returns the folder (with a trailing separator) containing the .wasm binaries: ../wasm/ from the
 * bundle when it exists there, else the dist folder of the installed package.
 */
export function wasmBinaryFolder(): string {
  const besideBundle = join(dirname(moduleLocation()), '..', 'wasm');
  if (existsSync(join(besideBundle, PLAIN_BINARY))) {
    return besideBundle + '/';
  }
  const packageEntry = runtimeRequire().resolve(WASM_PACKAGE);
  return dirname(packageEntry) + '/';
}

/** Points the wasm backend at its binaries and makes it the active backend. */
export async function tryWasmBackend(): Promise<BackendAttempt> {
  let folder: string;
  try {
    folder = wasmBinaryFolder();
  } catch (error) {
    return {
      ok: false,
      reason: `${WASM_PACKAGE} was not found: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'Run "npm install" in the extension folder, or set backend to cpu.',
    };
  }

  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const binary = join(folder, simd === true ? SIMD_BINARY : PLAIN_BINARY);
  if (!existsSync(binary)) {
    return {
      ok: false,
      reason: `WebAssembly binary ${binary} is missing`,
      fix: 'Run "npm run build", which copies the .wasm files to dist/wasm/, or set backend to cpu.',
    };
  }

  setWasmPaths(folder);
  const initialized = await tf.setBackend('wasm');
  if (!initialized) {
    return {
      ok: false,
      reason: `backend 'wasm' failed to initialize from ${binary} (TensorFlow.js printed the cause to stderr)`,
      fix: 'Run "npm run build" to copy fresh .wasm files, or set backend to cpu.',
    };
  }
  await tf.ready();
  const threads = getThreadsCount();
  const detail =
    `${WASM_PACKAGE} ${version_wasm}, SIMD ${simd === true ? 'on' : 'off'}, ` +
    `${threads} thread${threads === 1 ? '' : 's'}, ${binary}`;
  return { ok: true, name: tf.getBackend(), detail };
}
