// The synthetic dataset: two vector modalities of the same samples. The classes are far apart in
// the easy one and overlap in the hard one, so a model can lean on the easy modality and neglect
// the hard one. MMPareto is meant to counter that imbalance.
//
// Each modality draws one mean vector per class and adds standard Gaussian noise (variance 1 per
// dimension) to it. When there are at most as many classes as dimensions, the means are
// orthogonal with equal norm, so every pair of class means is exactly `meanDistance` apart. With
// known means the best possible accuracy for K such classes is E[Phi(z + d / sqrt 2)^(K-1)],
// z standard normal, d = meanDistance. For the default 4 classes that is 98.3 % for easy
// (d = 5) and 57.1 % for hard (d = 1.5), against 25 % chance; with 10 classes 95.9 % and 36.0 %.
// A linear classifier (or nearest class mean) trained on a few thousand samples gets within a
// few points of these numbers.
import type { RunConfig } from '../contract/configSchema';
import { BUILT_IN_MODALITIES } from '../contract/datasetModalities';
import { SeededRandom } from '../util/seededRandom';
import { DataError, configuredModalityNames, type DatasetSplit, type LoadedDataset, type ModalityArray } from './dataset';

export interface SyntheticModalitySpec {
  readonly dimensions: number;
  /** Euclidean distance between any two class means, in units of the noise standard deviation. */
  readonly meanDistance: number;
}

export const SYNTHETIC_MODALITIES: Readonly<Record<'easy' | 'hard', SyntheticModalitySpec>> = {
  easy: { dimensions: 16, meanDistance: 5 },
  hard: { dimensions: 32, meanDistance: 1.5 },
};

/** Samples generated when data.trainSize or data.testSize is 0. */
export const SYNTHETIC_DEFAULT_TRAIN_SIZE = 10000;
export const SYNTHETIC_DEFAULT_TEST_SIZE = 2000;
/** Largest split generated; at 48 float32 values per sample this is about 190 MB. */
export const SYNTHETIC_MAX_SPLIT_SIZE = 1000000;

/**
 * Returns `classes` mean vectors (class-major, classes * dimensions values) with pairwise
 * distance meanDistance: Gram-Schmidt on Gaussian vectors, scaled to norm meanDistance / sqrt 2.
 * Classes beyond the number of dimensions get random directions of the same norm, which are not
 * orthogonal, so their distances vary.
 */
export function drawClassMeans(classes: number, spec: SyntheticModalitySpec, random: SeededRandom): Float64Array {
  const { dimensions } = spec;
  const means = new Float64Array(classes * dimensions);
  const radius = spec.meanDistance / Math.SQRT2;
  for (let target = 0; target < classes; target++) {
    const vector = new Float64Array(dimensions);
    for (let dimension = 0; dimension < dimensions; dimension++) {
      vector[dimension] = random.normal();
    }
    if (target < dimensions) {
      for (let previous = 0; previous < target; previous++) {
        let dot = 0;
        for (let dimension = 0; dimension < dimensions; dimension++) {
          dot += vector[dimension]! * means[previous * dimensions + dimension]!;
        }
        const scale = dot / (radius * radius);
        for (let dimension = 0; dimension < dimensions; dimension++) {
          vector[dimension] = vector[dimension]! - scale * means[previous * dimensions + dimension]!;
        }
      }
    }
    let norm = 0;
    for (let dimension = 0; dimension < dimensions; dimension++) {
      norm += vector[dimension]! ** 2;
    }
    norm = Math.sqrt(norm);
    for (let dimension = 0; dimension < dimensions; dimension++) {
      means[target * dimensions + dimension] = (vector[dimension]! / norm) * radius;
    }
  }
  return means;
}

type ModalityName = keyof typeof SYNTHETIC_MODALITIES;
const MODALITY_NAMES = BUILT_IN_MODALITIES.synthetic as readonly ModalityName[];

/**
 * Generates `size` samples: a uniformly random label, then each modality's class mean plus
 * noise. Sample i does not depend on `size`, so a larger split extends a smaller one.
 */
export function generateSyntheticSplit(size: number, classes: number, means: Readonly<Record<ModalityName, Float64Array>>, random: SeededRandom): DatasetSplit {
  const labels = new Int32Array(size);
  const values: Record<ModalityName, Float32Array> = {
    easy: new Float32Array(size * SYNTHETIC_MODALITIES.easy.dimensions),
    hard: new Float32Array(size * SYNTHETIC_MODALITIES.hard.dimensions),
  };
  for (let sample = 0; sample < size; sample++) {
    const label = random.nextInt(classes);
    labels[sample] = label;
    for (const name of MODALITY_NAMES) {
      const dimensions = SYNTHETIC_MODALITIES[name].dimensions;
      for (let dimension = 0; dimension < dimensions; dimension++) {
        values[name][sample * dimensions + dimension] = means[name][label * dimensions + dimension]! + random.normal();
      }
    }
  }
  const modalities: Record<string, ModalityArray> = {};
  for (const name of MODALITY_NAMES) {
    modalities[name] = { shape: [SYNTHETIC_MODALITIES[name].dimensions], values: values[name] };
  }
  return { size, labels, modalities };
}

/** Generates the synthetic dataset from config.seed, data.classes, data.trainSize and data.testSize. */
export function loadSynthetic(config: RunConfig, log: (message: string) => void): LoadedDataset {
  const classes = config.data.classes;
  const random = new SeededRandom(config.seed);
  const means: Record<ModalityName, Float64Array> = {
    easy: drawClassMeans(classes, SYNTHETIC_MODALITIES.easy, random.fork('synthetic-means-easy')),
    hard: drawClassMeans(classes, SYNTHETIC_MODALITIES.hard, random.fork('synthetic-means-hard')),
  };
  const trainSize = config.data.trainSize === 0 ? SYNTHETIC_DEFAULT_TRAIN_SIZE : config.data.trainSize;
  const testSize = config.data.testSize === 0 ? SYNTHETIC_DEFAULT_TEST_SIZE : config.data.testSize;
  for (const [setting, size] of [['data.trainSize', trainSize], ['data.testSize', testSize]] as const) {
    if (size > SYNTHETIC_MAX_SPLIT_SIZE) {
      throw new DataError(`${setting}: ${size} synthetic samples is more than the ${SYNTHETIC_MAX_SPLIT_SIZE} supported; lower it to at most ${SYNTHETIC_MAX_SPLIT_SIZE}.`);
    }
  }
  const train = generateSyntheticSplit(trainSize, classes, means, random.fork('synthetic-train'));
  const test = generateSyntheticSplit(testSize, classes, means, random.fork('synthetic-test'));
  log(`synthetic: generated ${trainSize} train and ${testSize} test samples (seed ${config.seed}).`);

  const { easy, hard } = SYNTHETIC_MODALITIES;
  return {
    kind: 'synthetic',
    classes,
    modalityNames: configuredModalityNames(config, MODALITY_NAMES),
    train,
    test,
    description:
      `synthetic: ${trainSize} train / ${testSize} test samples, ${classes} classes; ` +
      `easy [${easy.dimensions}] with class means ${easy.meanDistance} noise SDs apart, hard [${hard.dimensions}] with means ${hard.meanDistance} apart.`,
  };
}
