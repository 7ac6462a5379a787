// Seeded choice of the samples a run uses when data.trainSize or data.testSize is below the
// size of a split.
import { SeededRandom, randomPermutation } from '../util/seededRandom';
import { gatherBatch } from './batches';
import type { DatasetSplit, ModalityArray } from './dataset';

/**
 * Returns the indices of the samples to use: the first `requested` entries of a permutation
 * drawn from `seed` and `splitName`, or every index in file order when `requested` is 0 or at
 * least `available`. Logs one line saying how many samples are used.
 */
export function chooseSamples(splitName: 'train' | 'test', available: number, requested: number, seed: number, log: (message: string) => void): Int32Array {
  const setting = splitName === 'train' ? 'data.trainSize' : 'data.testSize';
  if (requested === 0 || requested >= available) {
    if (requested > available) {
      log(`${splitName}: ${setting} is ${requested} but the split has ${available} samples; using all ${available}.`);
    } else {
      log(`${splitName}: using ${available} of ${available} samples.`);
    }
    const all = new Int32Array(available);
    for (let index = 0; index < available; index++) {
      all[index] = index;
    }
    return all;
  }
  const order = randomPermutation(available, new SeededRandom(seed).fork(`subset-${splitName}`));
  log(`${splitName}: using ${requested} of ${available} samples (seeded shuffle, seed ${seed}).`);
  return order.slice(0, requested);
}

/** Returns a split made of the samples at `indices`; returns `split` itself when they are all samples in order. */
export function selectSamples(split: DatasetSplit, indices: Int32Array): DatasetSplit {
  const isIdentity = indices.length === split.size && indices.every((value, position) => value === position);
  if (isIdentity) {
    return split;
  }
  const gathered = gatherBatch(split, indices);
  const modalities: Record<string, ModalityArray> = {};
  for (const [name, modality] of Object.entries(gathered.modalities)) {
    modalities[name] = { shape: modality.shape.slice(1), values: modality.values };
  }
  return { size: indices.length, labels: gathered.labels, modalities };
}
