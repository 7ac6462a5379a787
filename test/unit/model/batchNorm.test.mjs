// Batch norm against values worked out by hand, with PyTorch BatchNorm2d semantics (momentum
// 0.1, epsilon 1e-5, biased variance to normalize, unbiased variance for the running estimate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { modality } from './modelHelpers.mjs';

const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');
const { batchNormLayer } = await importTypeScript('trainer/model/batchNorm.ts');
const { ParameterSet } = await importTypeScript('trainer/model/parameterSet.ts');
const { buildModel } = await importTypeScript('trainer/model/multimodalModel.ts');
await selectBackend('wasm', () => {});

const closeArray = (actual, expected, tolerance = 1e-5) => {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, index) => assert.ok(Math.abs(actual[index] - value) <= tolerance, `index ${index}: expected ${value}, got ${actual[index]}`));
};

// x [2, 1, 2, 2]: channel 0 contains 1, 2, 3, 6 (mean 3, biased variance 14/4 = 3.5, unbiased
// 14/3), and channel 1 contains 0, 0, 2, 2 (mean 1, biased variance 1, unbiased 4/3).
const X_VALUES = [1, 0, 2, 0, 3, 2, 6, 2];
const X_SHAPE = [2, 1, 2, 2];

function createLayer() {
  const parameters = ParameterSet.create(0);
  const layer = batchNormLayer(parameters, 'bn', 2);
  const running = (suffix) => Array.from(parameters.state.find((entry) => entry.name === `bn/${suffix}`).variable.dataSync());
  return { layer, parameters, running };
}

test('training normalizes with batch statistics', () => {
  const { layer } = createLayer();
  const output = tf.tidy(() => Array.from(layer.apply(tf.tensor(X_VALUES, X_SHAPE), true).dataSync()));
  const scale0 = 1 / Math.sqrt(3.5 + 1e-5);
  const scale1 = 1 / Math.sqrt(1 + 1e-5);
  closeArray(output, [-2 * scale0, -1 * scale1, -1 * scale0, -1 * scale1, 0, 1 * scale1, 3 * scale0, 1 * scale1]);
  layer.dispose();
});

test('commit moves running statistics', () => {
  const { layer, running } = createLayer();
  tf.tidy(() => {
    layer.apply(tf.tensor(X_VALUES, X_SHAPE), true);
  });
  closeArray(running('runningMean'), [0, 0]);
  closeArray(running('runningVariance'), [1, 1]);

  layer.commit();
  closeArray(running('runningMean'), [0.1 * 3, 0.1 * 1]);
  closeArray(running('runningVariance'), [0.9 + 0.1 * (14 / 3), 0.9 + 0.1 * (4 / 3)]);

  // A second commit without a training pass changes nothing.
  layer.commit();
  closeArray(running('runningMean'), [0.3, 0.1]);
});

test('inference uses running statistics', () => {
  const { layer } = createLayer();
  tf.tidy(() => {
    layer.apply(tf.tensor(X_VALUES, X_SHAPE), true);
  });
  layer.commit();
  const output = tf.tidy(() => Array.from(layer.apply(tf.tensor(X_VALUES, X_SHAPE), false).dataSync()));
  const mean = [0.3, 0.1];
  const variance = [0.9 + 0.1 * (14 / 3), 0.9 + 0.1 * (4 / 3)];
  const expected = X_VALUES.map((value, index) => (value - mean[index % 2]) / Math.sqrt(variance[index % 2] + 1e-5));
  closeArray(output, expected);
});

test('only the last training pass commits', () => {
  const { layer, running } = createLayer();
  tf.tidy(() => {
    layer.apply(tf.fill(X_SHAPE, 10), true);
    layer.apply(tf.tensor(X_VALUES, X_SHAPE), true);
  });
  layer.commit();
  closeArray(running('runningMean'), [0.3, 0.1]);
});

test('inference records nothing', () => {
  const { layer, running } = createLayer();
  tf.tidy(() => {
    layer.apply(tf.tensor(X_VALUES, X_SHAPE), false);
  });
  layer.commit();
  closeArray(running('runningMean'), [0, 0]);
});

test('training rejects one value per channel', () => {
  const { layer } = createLayer();
  tf.tidy(() => {
    assert.throws(() => layer.apply(tf.zeros([1, 1, 1, 2]), true), /Batch norm bn: training needs more than one value per channel, got an input of shape \[1, 1, 1, 2\]/);
  });
});

test('model commits every batch norm', () => {
  const model = buildModel(
    [modality('img', { encoder: 'resnet18', width: 4, featureDim: 4 }), modality('vec', { encoder: 'mlp', hidden: [], featureDim: 2 })],
    { img: [4, 4, 1], vec: [3] },
    3,
    0,
  );
  const runningMeans = model.stateVariables.filter((entry) => entry.name.endsWith('/runningMean'));
  assert.equal(runningMeans.length, 20);
  tf.tidy(() => {
    model.forward({ img: tf.randomNormal([3, 4, 4, 1], 1, 1, 'float32', 4), vec: tf.zeros([3, 3]) }, true);
  });
  model.commitBatchNormStatistics();
  for (const { name, variable } of runningMeans) {
    const largest = Math.max(...Array.from(variable.dataSync(), Math.abs));
    assert.ok(largest > 0, `${name} did not move`);
  }
  model.dispose();
});
