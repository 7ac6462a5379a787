// The plain JavaScript backend (@tensorflow/tfjs-backend-cpu), the last resort of auto.
import * as tf from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import type { BackendAttempt } from './backendAttempt';

/** Makes the cpu backend the active one. */
export async function tryCpuBackend(): Promise<BackendAttempt> {
  const initialized = await tf.setBackend('cpu');
  if (!initialized) {
    return {
      ok: false,
      reason: "backend 'cpu' failed to initialize (TensorFlow.js printed the cause to stderr)",
      fix: 'Run "npm install" in the extension folder to restore @tensorflow/tfjs-backend-cpu.',
    };
  }
  await tf.ready();
  return { ok: true, name: tf.getBackend(), detail: `@tensorflow/tfjs-backend-cpu ${version_cpu}, plain JavaScript` };
}
