// Colored-and-gray MNIST (CG-MNIST): every sample has a gray modality, the MNIST digit itself,
// and a colored modality, the same digit drawn in a color on black. In the training split the
// color is tied to the digit's class, in the test split it is drawn independently of the label,
// so a model that learns color as a shortcut in training fails on the test split.
import type { RunConfig } from '../contract/configSchema';
import { BUILT_IN_MODALITIES } from '../contract/datasetModalities';
import { SeededRandom } from '../util/seededRandom';
import { configuredModalityNames, type DatasetSplit, type LoadedDataset, type ModalityArray } from './dataset';
import { locateMnistDirectory, readMnistSplit, type MnistSplitBytes } from './mnistFiles';
import { chooseSamples } from './subset';

export type RgbColor = readonly [red: number, green: number, blue: number];

/**
 * Mean color of each class (index = digit), RGB on a 0..1 scale. Every pair is at least 0.5
 * apart in Euclidean distance, so with the default jitter (standard deviation sqrt(0.03) = 0.17
 * per channel) the class of a color is easy to tell.
 */
export const CG_MNIST_CLASS_COLORS: readonly RgbColor[] = [
  [1.0, 0.0, 0.0], // 0 red
  [0.0, 1.0, 0.0], // 1 green
  [0.0, 0.0, 1.0], // 2 blue
  [1.0, 1.0, 0.0], // 3 yellow
  [1.0, 0.0, 1.0], // 4 magenta
  [0.0, 1.0, 1.0], // 5 cyan
  [1.0, 0.5, 0.0], // 6 orange
  [0.5, 0.0, 1.0], // 7 violet
  [1.0, 1.0, 1.0], // 8 white
  [0.5, 0.25, 0.0], // 9 brown
];

export const CG_MNIST_CLASSES = 10;

export interface CgMnistColorOptions {
  /** Variance of the Gaussian noise added to each channel of the class color. */
  readonly colorJitterVariance: number;
  /** Probability that a training sample gets its own class color; otherwise a uniformly random class's color (which may be its own). */
  readonly colorLabelCorrelation: number;
}

export interface CgMnistSplit {
  readonly split: DatasetSplit;
  /** Class whose mean color each sample was drawn with, for analysis and tests. */
  readonly colorClasses: Uint8Array;
}

/** float32 values of byte / 255, so gray pixels and the colored ones built from them agree bit for bit. */
const INTENSITIES = Float32Array.from({ length: 256 }, (_, byte) => byte / 255);

function clipUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Builds the CG-MNIST samples at `indices` of an MNIST split. Gray pixels are byte / 255;
 * colored pixels are gray * color per channel, where color is the chosen class color plus
 * Gaussian jitter, clipped to [0, 1]. Training samples keep their class color with probability
 * colorLabelCorrelation; test samples (`isTrain` false) draw the color class uniformly.
 */
export function buildCgMnistSplit(source: MnistSplitBytes, indices: ArrayLike<number>, isTrain: boolean, options: CgMnistColorOptions, random: SeededRandom): CgMnistSplit {
  const count = indices.length;
  const pixels = source.rows * source.columns;
  const labels = new Int32Array(count);
  const colorClasses = new Uint8Array(count);
  const gray = new Float32Array(count * pixels);
  const colored = new Float32Array(count * pixels * 3);
  const jitter = Math.sqrt(options.colorJitterVariance);

  for (let sample = 0; sample < count; sample++) {
    const sourceIndex = indices[sample]!;
    const label = source.labels[sourceIndex]!;
    labels[sample] = label;

    let colorClass: number;
    if (isTrain && random.next() < options.colorLabelCorrelation) {
      colorClass = label;
    } else {
      colorClass = random.nextInt(CG_MNIST_CLASSES);
    }
    colorClasses[sample] = colorClass;
    const mean = CG_MNIST_CLASS_COLORS[colorClass]!;
    const red = clipUnit(mean[0] + jitter * random.normal());
    const green = clipUnit(mean[1] + jitter * random.normal());
    const blue = clipUnit(mean[2] + jitter * random.normal());

    const sourceStart = sourceIndex * pixels;
    const grayStart = sample * pixels;
    for (let pixel = 0; pixel < pixels; pixel++) {
      const intensity = INTENSITIES[source.images[sourceStart + pixel]!]!;
      gray[grayStart + pixel] = intensity;
      const coloredOffset = (grayStart + pixel) * 3;
      colored[coloredOffset] = intensity * red;
      colored[coloredOffset + 1] = intensity * green;
      colored[coloredOffset + 2] = intensity * blue;
    }
  }

  const modalities: Record<string, ModalityArray> = {
    gray: { shape: [source.rows, source.columns, 1], values: gray },
    colored: { shape: [source.rows, source.columns, 3], values: colored },
  };
  return { split: { size: count, labels, modalities }, colorClasses };
}

/** Loads CG-MNIST as configured: reads MNIST, picks the seeded subsets and colors them. */
export function loadCgMnist(config: RunConfig, log: (message: string) => void, mnistDirectory: string = locateMnistDirectory()): LoadedDataset {
  const readStart = performance.now();
  const trainBytes = readMnistSplit(mnistDirectory, 'train');
  const testBytes = readMnistSplit(mnistDirectory, 'test');
  log(`cg-mnist: read ${trainBytes.count} train and ${testBytes.count} test images from ${mnistDirectory} in ${Math.round(performance.now() - readStart)} ms.`);

  const trainIndices = chooseSamples('train', trainBytes.count, config.data.trainSize, config.seed, log);
  const testIndices = chooseSamples('test', testBytes.count, config.data.testSize, config.seed, log);

  const buildStart = performance.now();
  const options: CgMnistColorOptions = {
    colorJitterVariance: config.data.colorJitterVariance,
    colorLabelCorrelation: config.data.colorLabelCorrelation,
  };
  const random = new SeededRandom(config.seed);
  const train = buildCgMnistSplit(trainBytes, trainIndices, true, options, random.fork('cg-mnist-train-colors')).split;
  const test = buildCgMnistSplit(testBytes, testIndices, false, options, random.fork('cg-mnist-test-colors')).split;
  log(`cg-mnist: colored ${train.size + test.size} images in ${Math.round(performance.now() - buildStart)} ms.`);

  const matchRate = options.colorLabelCorrelation + (1 - options.colorLabelCorrelation) / CG_MNIST_CLASSES;
  return {
    kind: 'cg-mnist',
    classes: CG_MNIST_CLASSES,
    modalityNames: configuredModalityNames(config, BUILT_IN_MODALITIES['cg-mnist']),
    train,
    test,
    description:
      `cg-mnist: ${train.size} train / ${test.size} test samples, ${CG_MNIST_CLASSES} classes, gray [28,28,1] and colored [28,28,3]; ` +
      `train colors match the label with probability ${matchRate.toFixed(2)}, test colors are independent of it; color jitter variance ${options.colorJitterVariance}.`,
  };
}
