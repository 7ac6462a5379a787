// Tests of the synthetic dataset: class-mean geometry, reproducibility, and that a
// nearest-class-mean classifier finds the easy modality easy and the hard one hard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTypeScript } from '../helpers/loadContract.mjs';

const { loadSynthetic, drawClassMeans, SYNTHETIC_MODALITIES, SeededRandom, validateConfig, withDatasetModalities } = await importTypeScript('test/unit/data/dataLayer.ts');

function syntheticConfig(data, seed = 0) {
  const { config, issues } = validateConfig({ seed, data: { kind: 'synthetic', ...data } });
  assert.deepEqual(issues, []);
  return withDatasetModalities(config);
}

/** Accuracy on `testSplit` of assigning each sample to the nearest class mean estimated on `train`. */
function nearestMeanAccuracy(train, testSplit, name, classes) {
  const dimensions = train.modalities[name].shape[0];
  const sums = new Float64Array(classes * dimensions);
  const counts = new Float64Array(classes);
  for (let sample = 0; sample < train.size; sample++) {
    const label = train.labels[sample];
    counts[label]++;
    for (let d = 0; d < dimensions; d++) sums[label * dimensions + d] += train.modalities[name].values[sample * dimensions + d];
  }
  let correct = 0;
  for (let sample = 0; sample < testSplit.size; sample++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let c = 0; c < classes; c++) {
      let distance = 0;
      for (let d = 0; d < dimensions; d++) {
        distance += (testSplit.modalities[name].values[sample * dimensions + d] - sums[c * dimensions + d] / counts[c]) ** 2;
      }
      if (distance < bestDistance) {
        best = c;
        bestDistance = distance;
      }
    }
    if (best === testSplit.labels[sample]) correct++;
  }
  return correct / testSplit.size;
}

test('class means are meanDistance apart', () => {
  for (const spec of Object.values(SYNTHETIC_MODALITIES)) {
    const classes = 6;
    const means = drawClassMeans(classes, spec, new SeededRandom(1));
    for (let a = 0; a < classes; a++) {
      for (let b = a + 1; b < classes; b++) {
        let squared = 0;
        for (let d = 0; d < spec.dimensions; d++) squared += (means[a * spec.dimensions + d] - means[b * spec.dimensions + d]) ** 2;
        assert.ok(Math.abs(Math.sqrt(squared) - spec.meanDistance) < 1e-9, `classes ${a} and ${b}: ${Math.sqrt(squared)}`);
      }
    }
  }
});

test('synthetic shapes and labels', () => {
  const dataset = loadSynthetic(syntheticConfig({ classes: 5, trainSize: 300, testSize: 100 }), () => {});
  assert.equal(dataset.kind, 'synthetic');
  assert.equal(dataset.classes, 5);
  assert.deepEqual(dataset.modalityNames, ['easy', 'hard']);
  assert.equal(dataset.train.size, 300);
  assert.equal(dataset.test.size, 100);
  assert.deepEqual(dataset.train.modalities.easy.shape, [16]);
  assert.deepEqual(dataset.train.modalities.hard.shape, [32]);
  assert.equal(dataset.train.modalities.hard.values.length, 300 * 32);
  assert.ok(dataset.train.labels.every((label) => label >= 0 && label < 5));
  assert.equal(new Set(dataset.train.labels).size, 5);
});

test('easy modality beats hard modality', () => {
  // Best possible accuracies with 4 classes: easy 98.3 %, hard 57.1 %, chance 25 %.
  const dataset = loadSynthetic(syntheticConfig({ classes: 4, trainSize: 4000, testSize: 2000 }), () => {});
  const easy = nearestMeanAccuracy(dataset.train, dataset.test, 'easy', 4);
  const hard = nearestMeanAccuracy(dataset.train, dataset.test, 'hard', 4);
  assert.ok(easy > 0.95, `easy accuracy ${easy}`);
  assert.ok(Math.abs(hard - 0.571) < 0.06, `hard accuracy ${hard}`);
});

test('ten classes lower both accuracies', () => {
  // Best possible accuracies with 10 classes: easy 95.9 %, hard 36.0 %, chance 10 %.
  const dataset = loadSynthetic(syntheticConfig({ classes: 10, trainSize: 5000, testSize: 2000 }, 3), () => {});
  const easy = nearestMeanAccuracy(dataset.train, dataset.test, 'easy', 10);
  const hard = nearestMeanAccuracy(dataset.train, dataset.test, 'hard', 10);
  assert.ok(Math.abs(easy - 0.959) < 0.03, `easy accuracy ${easy}`);
  assert.ok(Math.abs(hard - 0.36) < 0.06, `hard accuracy ${hard}`);
});

test('synthetic seed reproduces samples', () => {
  const first = loadSynthetic(syntheticConfig({ trainSize: 50, testSize: 10 }, 4), () => {});
  const again = loadSynthetic(syntheticConfig({ trainSize: 50, testSize: 10 }, 4), () => {});
  const other = loadSynthetic(syntheticConfig({ trainSize: 50, testSize: 10 }, 5), () => {});
  assert.deepEqual(again.train.modalities.hard.values, first.train.modalities.hard.values);
  assert.deepEqual(again.test.labels, first.test.labels);
  assert.notDeepEqual(other.train.modalities.hard.values, first.train.modalities.hard.values);
});

test('larger split extends smaller one', () => {
  const small = loadSynthetic(syntheticConfig({ trainSize: 20, testSize: 10 }), () => {});
  const large = loadSynthetic(syntheticConfig({ trainSize: 40, testSize: 10 }), () => {});
  assert.deepEqual(large.train.labels.subarray(0, 20), small.train.labels);
  assert.deepEqual(large.train.modalities.easy.values.subarray(0, 20 * 16), small.train.modalities.easy.values);
  assert.deepEqual(large.test.modalities.easy.values, small.test.modalities.easy.values);
});

test('size 0 uses default sizes', () => {
  const messages = [];
  const dataset = loadSynthetic(syntheticConfig({ trainSize: 0, testSize: 0, classes: 2 }), (message) => messages.push(message));
  assert.equal(dataset.train.size, 10000);
  assert.equal(dataset.test.size, 2000);
  assert.deepEqual(messages, ['synthetic: generated 10000 train and 2000 test samples (seed 0).']);
});

test('synthetic rejects oversized split', () => {
  assert.throws(() => loadSynthetic(syntheticConfig({ trainSize: 2000000 }), () => {}), /data\.trainSize: 2000000 synthetic samples is more than the 1000000 supported/);
});
