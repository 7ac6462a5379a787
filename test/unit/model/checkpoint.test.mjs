// Checkpoint round trip, file layout, and the errors for checkpoints that do not fit the model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { modality, stateValues } from './modelHelpers.mjs';

const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');
const { buildModel } = await importTypeScript('trainer/model/multimodalModel.ts');
const { saveCheckpoint, loadCheckpoint } = await importTypeScript('trainer/model/checkpoint.ts');
await selectBackend('wasm', () => {});

const MODALITIES = [
  modality('gray', { encoder: 'cnn', channels: [2], featureDim: 3 }),
  modality('colored', { encoder: 'resnet18', width: 4, featureDim: 3 }),
];
const SHAPES = { gray: [4, 4, 1], colored: [4, 4, 3] };

function temporaryFolder() {
  return mkdtempSync(join(tmpdir(), 'mmpareto-checkpoint-'));
}

/** Builds a model and moves its running statistics away from their initial values. */
function trainedModel(seed) {
  const model = buildModel(MODALITIES, SHAPES, 3, seed);
  tf.tidy(() => {
    model.forward({ gray: tf.randomNormal([2, 4, 4, 1], 0, 1, 'float32', 1), colored: tf.randomNormal([2, 4, 4, 3], 2, 1, 'float32', 2) }, true);
  });
  model.commitBatchNormStatistics();
  return model;
}

test('round trip restores every variable', () => {
  const folder = temporaryFolder();
  try {
    const source = trainedModel(1);
    saveCheckpoint(source, folder, { runId: 'run-1', epoch: 3, fusedAccuracy: 0.5 });
    const target = buildModel(MODALITIES, SHAPES, 3, 2);
    assert.notDeepEqual(stateValues(target), stateValues(source));

    const metadata = loadCheckpoint(target, folder);
    assert.deepEqual(stateValues(target), stateValues(source));
    assert.deepEqual(metadata, { runId: 'run-1', epoch: 3, fusedAccuracy: 0.5 });
    assert.deepEqual(readdirSync(folder).sort(), ['model.json', 'weights.bin']);
    source.dispose();
    target.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('file layout', () => {
  const folder = temporaryFolder();
  try {
    const model = trainedModel(1);
    saveCheckpoint(model, folder, {});
    const manifest = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
    const weights = readFileSync(join(folder, 'weights.bin'));
    assert.equal(manifest.format, 'mmpareto-lab-checkpoint');
    assert.equal(manifest.formatVersion, 1);
    assert.deepEqual(manifest.weights.map((entry) => entry.name), model.stateVariables.map((entry) => entry.name));

    // Entries are contiguous float32 ranges covering the whole file.
    let offset = 0;
    for (const entry of manifest.weights) {
      assert.equal(entry.dtype, 'float32');
      assert.equal(entry.byteOffset, offset);
      assert.equal(entry.byteLength, 4 * entry.shape.reduce((product, size) => product * size, 1));
      offset += entry.byteLength;
    }
    assert.equal(weights.length, offset);
    assert.equal(manifest.weightsByteLength, offset);

    // The running mean of the stem's batch norm, read back as little-endian float32.
    const entry = manifest.weights.find((candidate) => candidate.name === 'colored/stem/bn/runningMean');
    const stored = Array.from({ length: entry.shape[0] }, (_, index) => weights.readFloatLE(entry.byteOffset + 4 * index));
    const variable = model.stateVariables.find((candidate) => candidate.name === entry.name).variable;
    assert.deepEqual(stored, Array.from(variable.dataSync()));
    assert.ok(stored.some((value) => value !== 0));
    model.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('save replaces an older checkpoint', () => {
  const folder = temporaryFolder();
  try {
    const first = trainedModel(1);
    const second = trainedModel(2);
    saveCheckpoint(first, folder, { epoch: 1 });
    saveCheckpoint(second, folder, { epoch: 2 });
    const target = buildModel(MODALITIES, SHAPES, 3, 3);
    assert.deepEqual(loadCheckpoint(target, folder), { epoch: 2 });
    assert.deepEqual(stateValues(target), stateValues(second));
    assert.deepEqual(readdirSync(folder).sort(), ['model.json', 'weights.bin']);
    [first, second, target].forEach((model) => model.dispose());
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('load rejects a different config', () => {
  const folder = temporaryFolder();
  try {
    const source = trainedModel(1);
    saveCheckpoint(source, folder, {});

    const wider = buildModel([modality('gray', { encoder: 'cnn', channels: [5], featureDim: 3 }), MODALITIES[1]], SHAPES, 3, 1);
    const before = stateValues(wider);
    assert.throws(() => loadCheckpoint(wider, folder), (error) => {
      assert.match(error.message, /model\.json: variable gray\/conv1\/kernel has shape \[3, 3, 1, 2\] but the model expects \[3, 3, 1, 5\]/);
      return true;
    });
    // Nothing was assigned, not even the variables that would have fitted.
    assert.deepEqual(stateValues(wider), before);

    const extra = buildModel([...MODALITIES, modality('audio', { encoder: 'mlp', hidden: [] })], { ...SHAPES, audio: [2] }, 3, 1);
    assert.throws(() => loadCheckpoint(extra, folder), /model\.json has no variable audio\/projection\/kernel\. The checkpoint was saved from a model with a different config/);

    const fewer = buildModel([MODALITIES[0], modality('audio', { encoder: 'mlp', hidden: [] })], { gray: SHAPES.gray, audio: [2] }, 3, 1);
    assert.throws(() => loadCheckpoint(fewer, folder), /model\.json has variable colored\/stem\/conv\/kernel, which this model does not have/);
    [source, wider, extra, fewer].forEach((model) => model.dispose());
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('load rejects mismatched weights', () => {
  const folder = temporaryFolder();
  const other = temporaryFolder();
  try {
    const first = trainedModel(1);
    const second = trainedModel(2);
    saveCheckpoint(first, folder, {});
    saveCheckpoint(second, other, {});
    // A new weights.bin beside the old model.json, as a crash between the two renames leaves them.
    writeFileSync(join(folder, 'weights.bin'), readFileSync(join(other, 'weights.bin')));
    const target = buildModel(MODALITIES, SHAPES, 3, 3);
    assert.throws(() => loadCheckpoint(target, folder), /weights\.bin does not match .*model\.json .*The save was interrupted or the files come from different saves/);

    writeFileSync(join(folder, 'weights.bin'), Buffer.alloc(8));
    assert.throws(() => loadCheckpoint(target, folder), /\(8 bytes, expected \d+ with the recorded SHA-256\)/);
    [first, second, target].forEach((model) => model.dispose());
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});

test('load reports missing files', () => {
  const folder = temporaryFolder();
  try {
    const model = buildModel(MODALITIES, SHAPES, 3, 1);
    assert.throws(() => loadCheckpoint(model, folder), new RegExp(`Checkpoint file ${join(folder, 'model.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} not found`));

    writeFileSync(join(folder, 'model.json'), '{"format": "something-else"}');
    assert.throws(() => loadCheckpoint(model, folder), /is not an MMPareto Lab checkpoint/);

    writeFileSync(join(folder, 'model.json'), '{not json');
    assert.throws(() => loadCheckpoint(model, folder), /model\.json is not valid JSON/);

    saveCheckpoint(model, folder, {});
    rmSync(join(folder, 'weights.bin'));
    assert.throws(() => loadCheckpoint(model, folder), /weights\.bin not found, but .*model\.json refers to it/);
    model.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
