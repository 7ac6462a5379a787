// Built-in run templates offered by Start Training Run and written out as starter config files.
import { METHODS, type MethodName } from './configSchema';

export interface RunTemplate {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** A partial config: validateConfig fills in the rest. */
  readonly config: Readonly<Record<string, unknown>>;
}

const METHOD_LABELS: Readonly<Record<MethodName, string>> = {
  joint: 'joint (multimodal loss only)',
  uniform: 'uniform (sum of losses)',
  pareto: 'pareto (MGDA min-norm weights)',
  mmpareto: 'MMPareto',
};

/** CG-MNIST with each method, MMPareto first, plus a seconds-long synthetic run. */
export const RUN_TEMPLATES: readonly RunTemplate[] = [
  ...['mmpareto', ...METHODS.filter((method) => method !== 'mmpareto')].map((method) => ({
    id: `cg-mnist-${method}`,
    label: `CG-MNIST: ${METHOD_LABELS[method as MethodName]}`,
    description: '6000 training images, 3 epochs, two CNN encoders',
    config: { method, data: { kind: 'cg-mnist' } },
  })),
  {
    id: 'synthetic-quick',
    label: 'Synthetic: MMPareto, quick check',
    description: 'easy and hard vector modalities, 2 epochs, seconds',
    config: { method: 'mmpareto', epochs: 2, data: { kind: 'synthetic', trainSize: 512, testSize: 256 } },
  },
];
