// Tests of the npy dataset and loadDataset: loading, shape and label checks with errors that
// name the files, seeded subsets, the batch size check, and gatherBatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { headerText, makeTempDirectory, packValues, writeFloat32, writeInt64, writeNpy } from './npyWriter.mjs';

const { loadDataset, checkNpyCompatibility, gatherBatch, validateConfig, withDatasetModalities } = await importTypeScript('test/unit/data/dataLayer.ts');

const TRAIN_LABELS = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
const TEST_LABELS = [2, 1, 0, 2];

/** Audio features of sample i: [i, i + 0.5, -i], so every row identifies its source sample. */
function audioRows(count) {
  return Array.from({ length: count }, (_, i) => [i, i + 0.5, -i]).flat();
}

/** Writes a valid two-modality dataset and returns its folder. */
function writeDataset() {
  const directory = makeTempDirectory();
  writeInt64(directory, 'labels_train.npy', [10], TRAIN_LABELS);
  writeInt64(directory, 'labels_test.npy', [4], TEST_LABELS);
  writeFloat32(directory, 'audio_train.npy', [10, 3], audioRows(10));
  writeFloat32(directory, 'audio_test.npy', [4, 3], audioRows(4));
  writeNpy(directory, 'image_train.npy', { text: headerText('|u1', [10, 2, 2]), data: Buffer.from(Array.from({ length: 40 }, (_, i) => i)) });
  writeNpy(directory, 'image_test.npy', { text: headerText('|u1', [4, 2, 2]), data: Buffer.from(Array.from({ length: 16 }, (_, i) => 100 + i)) });
  return directory;
}

function npyConfig(overrides = {}) {
  const raw = {
    seed: overrides.seed ?? 0,
    batchSize: overrides.batchSize ?? 4,
    data: { kind: 'npy', trainLabels: 'labels_train.npy', testLabels: 'labels_test.npy', trainSize: 0, testSize: 0, ...overrides.data },
    modalities: [
      { name: 'audio', encoder: 'mlp', train: 'audio_train.npy', test: 'audio_test.npy' },
      { name: 'image', encoder: 'cnn', train: 'image_train.npy', test: 'image_test.npy' },
    ],
  };
  const { config, issues } = validateConfig(raw);
  assert.deepEqual(issues, []);
  return withDatasetModalities(config);
}

async function expectDataError(promise, pattern, paths) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, 'DataError');
    assert.match(error.message, pattern);
    for (const path of paths) assert.ok(error.message.includes(path), `message does not name ${path}: ${error.message}`);
    return true;
  });
}

test('npy dataset loads all samples', async () => {
  const directory = writeDataset();
  const messages = [];
  const dataset = await loadDataset(npyConfig(), directory, (message) => messages.push(message));
  assert.equal(dataset.kind, 'npy');
  assert.equal(dataset.classes, 3);
  assert.deepEqual(dataset.modalityNames, ['audio', 'image']);
  assert.deepEqual([...dataset.train.labels], TRAIN_LABELS);
  assert.deepEqual([...dataset.test.labels], TEST_LABELS);
  assert.deepEqual(dataset.train.modalities.audio.shape, [3]);
  assert.deepEqual([...dataset.train.modalities.audio.values], audioRows(10));
  assert.deepEqual(dataset.test.modalities.image.shape, [2, 2]);
  assert.ok(dataset.test.modalities.image.values instanceof Float32Array);
  assert.deepEqual([...dataset.test.modalities.image.values], Array.from({ length: 16 }, (_, i) => 100 + i));
  assert.equal(dataset.description, 'npy: 10 train / 4 test samples, 3 classes; audio [3] from audio_train.npy, image [2,2] from image_train.npy.');
  assert.ok(messages.includes('train: using 10 of 10 samples.'), messages.join('\n'));
});

test('npy subset is seeded and consistent', async () => {
  const directory = writeDataset();
  const messages = [];
  const load = (seed) => loadDataset(npyConfig({ seed, data: { trainSize: 5, testSize: 3 } }), directory, (message) => messages.push(message));
  const first = await load(1);
  const again = await load(1);
  const other = await load(2);
  assert.equal(first.train.size, 5);
  assert.equal(first.test.size, 3);
  const chosen = Array.from({ length: 5 }, (_, j) => first.train.modalities.audio.values[j * 3]);
  assert.equal(new Set(chosen).size, 5);
  chosen.forEach((original, j) => {
    assert.equal(first.train.labels[j], TRAIN_LABELS[original]);
    assert.deepEqual([...first.train.modalities.image.values.subarray(j * 4, j * 4 + 4)], [0, 1, 2, 3].map((k) => original * 4 + k));
  });
  assert.deepEqual(again.train.modalities.audio.values, first.train.modalities.audio.values);
  assert.deepEqual(again.test.labels, first.test.labels);
  assert.notDeepEqual(other.train.modalities.audio.values, first.train.modalities.audio.values);
  assert.ok(messages.includes('train: using 5 of 10 samples (seeded shuffle, seed 1).'), messages.join('\n'));
});

test('npy size above split uses all', async () => {
  const messages = [];
  const dataset = await loadDataset(npyConfig({ data: { trainSize: 50 } }), writeDataset(), (message) => messages.push(message));
  assert.equal(dataset.train.size, 10);
  assert.ok(messages.includes('train: data.trainSize is 50 but the split has 10 samples; using all 10.'), messages.join('\n'));
});

test('batch size above train size', async () => {
  await expectDataError(loadDataset(npyConfig({ batchSize: 11 }), writeDataset(), () => {}), /batchSize: 11 is larger than the 10 training samples of this npy dataset; set batchSize to at most 10/, []);
});

test('npy rejects 2-D labels', async () => {
  const directory = writeDataset();
  const path = writeInt64(directory, 'labels_train.npy', [10, 1], TRAIN_LABELS);
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /labels have shape \(10, 1\); they must be one-dimensional.*labels\.reshape\(-1\)/, [path]);
});

test('npy rejects float labels', async () => {
  const directory = writeDataset();
  const path = writeFloat32(directory, 'labels_test.npy', [4], TEST_LABELS);
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /labels have dtype <f4; they must be integers.*astype\('<i8'\)/, [path]);
});

test('npy rejects sample count mismatch', async () => {
  const directory = writeDataset();
  const path = writeFloat32(directory, 'audio_train.npy', [9, 3], audioRows(9));
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /the audio train features have 9 samples \(shape \(9, 3\)\) but .* has 10 labels/, [path, join(directory, 'labels_train.npy')]);
});

test('npy rejects per-sample shape mismatch', async () => {
  const directory = writeDataset();
  const path = writeFloat32(directory, 'audio_test.npy', [4, 2], audioRows(4).slice(0, 8));
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /the audio test features have per-sample shape \(2,\) but .* has \(3,\)/, [path, join(directory, 'audio_train.npy')]);
});

test('npy rejects negative label', async () => {
  const directory = writeDataset();
  const path = writeInt64(directory, 'labels_test.npy', [4], [2, -1, 0, 2]);
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /label -1 at index 1 is negative/, [path]);
});

test('npy rejects single class', async () => {
  const directory = writeDataset();
  writeInt64(directory, 'labels_train.npy', [10], new Array(10).fill(0));
  writeInt64(directory, 'labels_test.npy', [4], new Array(4).fill(0));
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /every label is 0, so there is only one class/, [join(directory, 'labels_train.npy'), join(directory, 'labels_test.npy')]);
});

test('npy rejects NaN and infinite features', async () => {
  const directory = writeDataset();
  const rows = audioRows(10);
  rows[7] = Number.NaN;
  rows[20] = Number.POSITIVE_INFINITY;
  const path = writeFloat32(directory, 'audio_train.npy', [10, 3], rows);
  await expectDataError(loadDataset(npyConfig(), directory, () => {}), /contain 2 NaN or infinite values, the first in sample 2 \(value NaN\)/, [path]);
});

test('npy reports every missing file', async () => {
  const directory = makeTempDirectory();
  const config = npyConfig();
  await expectDataError(loadDataset(config, directory, () => {}), /file not found/, ['labels_train.npy', 'labels_test.npy', 'audio_train.npy', 'image_test.npy'].map((name) => join(directory, name)));
});

test('npy reads 1-D features as width 1', async () => {
  const directory = writeDataset();
  writeFloat32(directory, 'audio_train.npy', [10], Array.from({ length: 10 }, (_, i) => i * 2));
  writeFloat32(directory, 'audio_test.npy', [4], [1, 2, 3, 4]);
  const dataset = await loadDataset(npyConfig(), directory, () => {});
  assert.deepEqual(dataset.train.modalities.audio.shape, [1]);
  assert.deepEqual([...dataset.test.modalities.audio.values], [1, 2, 3, 4]);
});

test('npy warns about absent class', async () => {
  const directory = writeDataset();
  writeInt64(directory, 'labels_test.npy', [4], [3, 1, 0, 2]);
  const messages = [];
  const dataset = await loadDataset(npyConfig(), directory, (message) => messages.push(message));
  assert.equal(dataset.classes, 4);
  assert.ok(messages.some((message) => message.includes('has no samples of class 3')), messages.join('\n'));
});

function header(dtype, shape) {
  return { version: '1.0', dtype, shape, fortranOrder: false, headerLength: 128, itemSize: Number(dtype.slice(2)), valueCount: shape.reduce((a, b) => a * b, 1) };
}

test('checkNpyCompatibility accepts matching headers', () => {
  const issues = checkNpyCompatibility({
    trainLabels: { path: '/d/yt.npy', configPath: ['data', 'trainLabels'], header: header('<i8', [100]) },
    testLabels: { path: '/d/ys.npy', configPath: ['data', 'testLabels'], header: header('|u1', [20]) },
    modalities: [{ name: 'a', train: { path: '/d/at.npy', configPath: ['modalities', 0, 'train'], header: header('<f4', [100, 8]) }, test: { path: '/d/as.npy', configPath: ['modalities', 0, 'test'], header: header('<f8', [20, 8]) } }],
  });
  assert.deepEqual(issues, []);
});

test('checkNpyCompatibility points at config entries', () => {
  const issues = checkNpyCompatibility({
    trainLabels: { path: '/d/yt.npy', configPath: ['data', 'trainLabels'], header: header('<f4', [100]) },
    testLabels: { path: '/d/ys.npy', configPath: ['data', 'testLabels'], header: header('<i8', [20]) },
    modalities: [
      { name: 'a', train: { path: '/d/at.npy', configPath: ['modalities', 0, 'train'], header: header('<f4', [99, 8]) }, test: { path: '/d/as.npy', configPath: ['modalities', 0, 'test'], header: header('<f4', [20, 8]) } },
      { name: 'b', train: { path: '/d/bt.npy', configPath: ['modalities', 1, 'train'], header: header('<f4', [100, 3, 4]) }, test: { path: '/d/bs.npy', configPath: ['modalities', 1, 'test'], header: header('<f4', [20, 4, 3]) } },
    ],
  });
  assert.equal(issues.length, 3);
  assert.deepEqual(issues[0].configPath, ['data', 'trainLabels']);
  assert.match(issues[0].message, /^\/d\/yt\.npy: labels have dtype <f4/);
  assert.deepEqual(issues[1].configPath, ['modalities', 0, 'train']);
  assert.deepEqual(issues[1].paths, ['/d/at.npy', '/d/yt.npy']);
  assert.deepEqual(issues[2].configPath, ['modalities', 1, 'test']);
  assert.match(issues[2].message, /per-sample shape \(4, 3\) but \/d\/bt\.npy has \(3, 4\)/);
});

test('gatherBatch copies rows in order', () => {
  const split = {
    size: 3,
    labels: Int32Array.from([7, 8, 9]),
    modalities: { v: { shape: [2], values: Float32Array.from([0, 1, 10, 11, 20, 21]) }, m: { shape: [1, 2], values: Float32Array.from([5, 6, 7, 8, 9, 10]) } },
  };
  const batch = gatherBatch(split, [2, 0, 2]);
  assert.deepEqual([...batch.labels], [9, 7, 9]);
  assert.deepEqual(batch.modalities.v.shape, [3, 2]);
  assert.deepEqual([...batch.modalities.v.values], [20, 21, 0, 1, 20, 21]);
  assert.deepEqual(batch.modalities.m.shape, [3, 1, 2]);
  assert.deepEqual([...batch.modalities.m.values], [9, 10, 5, 6, 9, 10]);
  batch.modalities.v.values[0] = -1;
  assert.equal(split.modalities.v.values[4], 20);
});

test('gatherBatch rejects index outside split', () => {
  const split = { size: 1, labels: Int32Array.from([0]), modalities: {} };
  assert.throws(() => gatherBatch(split, [0, 1]), /index 1 at position 1 is outside the split of 1 samples/);
  assert.throws(() => gatherBatch(split, [-1]), /index -1 at position 0/);
});
