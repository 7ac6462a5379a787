// In-memory dataset types shared by the dataset loaders, the batcher and the trainer.
import type { DatasetKind, RunConfig } from '../contract/configSchema';

/** The features of one modality for every sample of a split. */
export interface ModalityArray {
  /** Per-sample shape, such as [28, 28, 1], [28, 28, 3] or [d]. */
  readonly shape: readonly number[];
  /** samples * prod(shape) values, sample-major (sample i starts at i * prod(shape)). */
  readonly values: Float32Array;
}

/** One split (train or test): a class index per sample and every modality's features. */
export interface DatasetSplit {
  readonly size: number;
  /** Class index of each sample, in [0, classes). */
  readonly labels: Int32Array;
  readonly modalities: Readonly<Record<string, ModalityArray>>;
}

export interface LoadedDataset {
  readonly kind: DatasetKind;
  readonly classes: number;
  /** Modality names in config order, the keys of each split's modalities. */
  readonly modalityNames: readonly string[];
  readonly train: DatasetSplit;
  readonly test: DatasetSplit;
  /** One line for the run log, such as "cg-mnist: 6000 train / 2000 test samples, ...". */
  readonly description: string;
}

/** Invalid or missing input data. The message names the file or value and the fix. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/** Returns the number of values of one sample of the given per-sample shape. */
export function sampleLength(shape: readonly number[]): number {
  let length = 1;
  for (const size of shape) {
    length *= size;
  }
  return length;
}

/** Formats a shape as NumPy prints it: (60000, 28, 28), (5,). */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Returns the modality names of `config` in order, or `builtIn` when the config lists none. */
export function configuredModalityNames(config: RunConfig, builtIn: readonly string[] = []): string[] {
  if (config.modalities.length === 0) {
    return [...builtIn];
  }
  return config.modalities.map((modality, index) => {
    if (modality.name === undefined) {
      throw new DataError(`modalities[${index}]: missing name. Add "name: ..." to the entry.`);
    }
    return modality.name;
  });
}
