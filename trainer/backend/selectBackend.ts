// Chooses and initializes the TensorFlow.js backend named by the run config's backend field.
// cpuBackend.ts and wasmBackend.ts import named exports of their packages, which keeps them, and
// so their backend registration, in the bundle. A bare side-effect import would be dropped,
// because those packages declare their Node builds free of side effects.
import type { BackendChoice } from '../contract/configSchema';
import type { BackendAttempt } from './backendAttempt';
import { tryCpuBackend } from './cpuBackend';
import { tryNativeBackend } from './nativeBackend';
import { tryWasmBackend } from './wasmBackend';

export type ConcreteBackendChoice = Exclude<BackendChoice, 'auto'>;

/** Order in which auto tries the backends, fastest first. */
export const AUTO_ORDER: readonly ConcreteBackendChoice[] = ['node-gpu', 'node', 'wasm', 'cpu'];

export interface SkippedBackend {
  readonly choice: string;
  readonly reason: string;
}

export interface BackendSelection {
  /** tf.getBackend(): tensorflow, wasm or cpu. */
  readonly name: string;
  readonly choice: ConcreteBackendChoice;
  /** Package and version, plus SIMD and thread count for wasm. */
  readonly detail: string;
  /** Backends auto tried before the chosen one, with the reason each was skipped. */
  readonly skipped: SkippedBackend[];
}

/**
 * Initialises the backend for `choice`. auto takes the first of node-gpu, node, wasm and cpu
 * that loads and logs one line per skipped backend. An explicit choice that fails throws an
 * error naming the package and the fix.
 */
export async function selectBackend(choice: BackendChoice, log: (line: string) => void): Promise<BackendSelection> {
  const candidates = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: SkippedBackend[] = [];

  for (const candidate of candidates) {
    const attempt = await tryBackend(candidate);
    if (attempt.ok) {
      const via = choice === 'auto' ? ` (auto${skipped.length > 0 ? ` after skipping ${skipped.map((entry) => entry.choice).join(', ')}` : ''})` : '';
      log(`backend ${attempt.name}: chose ${candidate}${via}: ${attempt.detail}`);
      return { name: attempt.name, choice: candidate, detail: attempt.detail, skipped };
    }
    if (choice !== 'auto') {
      throw new Error(`Backend ${candidate} is unavailable: ${attempt.reason}. ${attempt.fix}`);
    }
    skipped.push({ choice: candidate, reason: attempt.reason });
    log(`backend ${candidate} skipped: ${attempt.reason}`);
  }

  const reasons = skipped.map((entry) => `${entry.choice}: ${entry.reason}`).join('; ');
  throw new Error(`No TensorFlow.js backend could be initialized (${reasons}). Run "npm install" in the extension folder to restore the bundled packages.`);
}

function tryBackend(choice: ConcreteBackendChoice): Promise<BackendAttempt> {
  switch (choice) {
    case 'node-gpu':
    case 'node':
      return tryNativeBackend(choice);
    case 'wasm':
      return tryWasmBackend();
    case 'cpu':
      return tryCpuBackend();
  }
}
