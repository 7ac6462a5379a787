// The native TensorFlow.js backends: @tensorflow/tfjs-node (libtensorflow on the CPU) and
// @tensorflow/tfjs-node-gpu (libtensorflow with CUDA). Both are optional dependencies: their
// install scripts download libtensorflow, and npm drops them when that fails, so they are loaded
// with a plain require that esbuild leaves outside the bundle (scripts/build.mjs marks them
// external).
//
// NOTE: a native package registers its backend through its own copy of @tensorflow/tfjs-core
// (node_modules), while the trainer bundle carries another. tfjs-core keeps its engine and kernel
// registry in a process-wide global, so both copies see the same backend, but this path has not
// been run here because libtensorflow cannot be downloaded on this network.
import * as tf from '@tensorflow/tfjs-core';
import { isPackageNotFound, runtimeRequire } from './runtimeRequire';
import type { BackendAttempt } from './backendAttempt';

/** Version of the native packages listed in package.json optionalDependencies. */
export const NATIVE_PACKAGE_VERSION = '4.22.0';

/** Name under which both native packages register their backend. */
const NATIVE_BACKEND_NAME = 'tensorflow';

export type NativeChoice = 'node-gpu' | 'node';

const PACKAGES: Readonly<Record<NativeChoice, string>> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

/** Loads the native package for `choice` and makes its backend the active one. */
export async function tryNativeBackend(choice: NativeChoice): Promise<BackendAttempt> {
  const packageName = PACKAGES[choice];
  const load = runtimeRequire();
  const installCommand = `npm install ${packageName}@${NATIVE_PACKAGE_VERSION}`;
  const requirements =
    choice === 'node-gpu' ? ' It needs Linux, an NVIDIA GPU and the CUDA and cuDNN libraries on the library path.' : '';

  try {
    if (choice === 'node-gpu') {
      load('@tensorflow/tfjs-node-gpu');
    } else {
      load('@tensorflow/tfjs-node');
    }
  } catch (error) {
    if (isPackageNotFound(error, packageName)) {
      return {
        ok: false,
        reason: `${packageName} is not installed`,
        fix: `Install it with "${installCommand}" in the extension folder (its install script downloads libtensorflow from the internet).${requirements} Or set backend to auto, wasm or cpu.`,
      };
    }
    return {
      ok: false,
      reason: `${packageName} is installed but its native binding failed to load: ${firstLine(error)}`,
      fix: `Reinstall it with "npm rebuild ${packageName}" so its install script downloads libtensorflow again.${requirements} Or set backend to auto, wasm or cpu.`,
    };
  }

  const initialized = await tf.setBackend(NATIVE_BACKEND_NAME);
  if (!initialized) {
    return {
      ok: false,
      reason: `${packageName} loaded but its backend '${NATIVE_BACKEND_NAME}' failed to initialize (TensorFlow.js printed the cause to stderr)`,
      fix: `Reinstall it with "npm rebuild ${packageName}", or set backend to auto, wasm or cpu.`,
    };
  }
  await tf.ready();
  return { ok: true, name: tf.getBackend(), detail: describeNative(choice, packageName, load) };
}

function describeNative(choice: NativeChoice, packageName: string, load: NodeJS.Require): string {
  let version = 'version unknown';
  try {
    version = (load(`${packageName}/package.json`) as { version: string }).version;
  } catch {
    // The version only decorates the log line, so a package without a readable package.json still runs.
  }
  if (choice === 'node') {
    return `${packageName} ${version}, libtensorflow on the CPU`;
  }
  // NodeJSKernelBackend of tfjs-node 4.x copies isUsingGpuDevice from its native binding.
  const usesGpu = (tf.backend() as unknown as { isUsingGpuDevice?: unknown }).isUsingGpuDevice === true;
  return usesGpu
    ? `${packageName} ${version}, CUDA device in use`
    : `${packageName} ${version}, no CUDA device found so libtensorflow runs on the CPU`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
