// Copies the samples of a batch out of a split into contiguous arrays for the trainer.
import { sampleLength, type DatasetSplit } from './dataset';

export interface GatheredModality {
  /** [batch, ...per-sample shape]. */
  shape: number[];
  values: Float32Array;
}

export interface GatheredBatch {
  labels: Int32Array;
  modalities: Record<string, GatheredModality>;
}

/** Copies the samples at `indices` (in that order, repeats allowed) out of `split`. */
export function gatherBatch(split: DatasetSplit, indices: ArrayLike<number>): GatheredBatch {
  const count = indices.length;
  for (let position = 0; position < count; position++) {
    const index = indices[position]!;
    if (!Number.isInteger(index) || index < 0 || index >= split.size) {
      throw new RangeError(`gatherBatch: index ${index} at position ${position} is outside the split of ${split.size} samples.`);
    }
  }

  const labels = new Int32Array(count);
  for (let position = 0; position < count; position++) {
    labels[position] = split.labels[indices[position]!]!;
  }

  const modalities: Record<string, GatheredModality> = {};
  for (const [name, modality] of Object.entries(split.modalities)) {
    const length = sampleLength(modality.shape);
    const values = new Float32Array(count * length);
    for (let position = 0; position < count; position++) {
      const start = indices[position]! * length;
      values.set(modality.values.subarray(start, start + length), position * length);
    }
    modalities[name] = { shape: [count, ...modality.shape], values };
  }
  return { labels, modalities };
}
