// Compares the forward-convolution filter gradient, run on the cpu and the wasm backend, with
// tf.conv2d's built-in gradients on the cpu backend. Also checks the wasm kernels that the
// model's backward pass needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { importTypeScript } from '../helpers/loadContract.mjs';

const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');
const conv = await importTypeScript('trainer/model/conv2d.ts');
const quiet = () => {};

// [batch, height, width, inChannels, outChannels, kernelSize, stride]
const CASES = [
  [2, 5, 5, 3, 4, 3, 1],
  [1, 7, 6, 1, 2, 3, 1],
  [2, 6, 6, 3, 4, 3, 2],
  [3, 7, 5, 2, 3, 3, 2],
  [2, 9, 9, 2, 2, 5, 2],
  [2, 6, 7, 2, 2, 4, 2],
  [1, 4, 4, 1, 2, 1, 2],
  [2, 1, 1, 2, 3, 3, 2],
];

/** Returns seeded data for a case, as plain arrays so it can move between backends. */
function caseData([batch, height, width, inChannels, outChannels, kernelSize, stride], seed) {
  return tf.tidy(() => {
    const outHeight = Math.ceil(height / stride);
    const outWidth = Math.ceil(width / stride);
    return {
      x: { values: tf.randomNormal([batch, height, width, inChannels], 0, 1, 'float32', seed).dataSync(), shape: [batch, height, width, inChannels] },
      filter: { values: tf.randomNormal([kernelSize, kernelSize, inChannels, outChannels], 0, 1, 'float32', seed + 1).dataSync(), shape: [kernelSize, kernelSize, inChannels, outChannels] },
      dy: { values: tf.randomNormal([batch, outHeight, outWidth, outChannels], 0, 1, 'float32', seed + 2).dataSync(), shape: [batch, outHeight, outWidth, outChannels] },
      stride,
    };
  });
}

/** Gradients of sum(conv(x, filter) * dy) with respect to x and filter, as arrays. */
function gradients(convolve, data) {
  return tf.tidy(() => {
    const x = tf.tensor(data.x.values, data.x.shape);
    const filter = tf.tensor(data.filter.values, data.filter.shape);
    const dy = tf.tensor(data.dy.values, data.dy.shape);
    const [dx, dFilter] = tf.grads((input, kernel) => tf.sum(tf.mul(convolve(input, kernel, data.stride), dy)))([x, filter]);
    return { dx: { values: dx.dataSync(), shape: dx.shape }, dFilter: { values: dFilter.dataSync(), shape: dFilter.shape } };
  });
}

function assertClose(actual, expected, label) {
  assert.deepEqual(actual.shape, expected.shape, `${label}: shape`);
  let worst = 0;
  for (let index = 0; index < expected.values.length; index++) {
    const error = Math.abs(actual.values[index] - expected.values[index]) / (1 + Math.abs(expected.values[index]));
    worst = Math.max(worst, error);
  }
  assert.ok(worst <= 1e-5, `${label}: largest relative error ${worst.toExponential(2)} exceeds 1e-5`);
}

const builtIn = (x, filter, stride) => tf.conv2d(x, filter, stride, 'same');

async function referenceGradients() {
  await selectBackend('cpu', quiet);
  return CASES.map((shape, index) => {
    const data = caseData(shape, 10 * index + 1);
    return { shape, data, expected: gradients(builtIn, data) };
  });
}

for (const backend of ['cpu', 'wasm']) {
  test(`forward filter gradient on ${backend}`, async () => {
    const references = await referenceGradients();
    await selectBackend(backend, quiet);
    for (const { shape, data, expected } of references) {
      const actual = gradients(conv.conv2dWithForwardFilterGradient, data);
      assertClose(actual.dFilter, expected.dFilter, `${backend} filter gradient for case ${shape.join(',')}`);
      assertClose(actual.dx, expected.dx, `${backend} input gradient for case ${shape.join(',')}`);
    }
  });
}

test('forward value matches tf.conv2d', async () => {
  await selectBackend('wasm', quiet);
  const data = caseData([2, 7, 7, 3, 4, 3, 2], 99);
  const [custom, reference] = tf.tidy(() => {
    const x = tf.tensor(data.x.values, data.x.shape);
    const filter = tf.tensor(data.filter.values, data.filter.shape);
    return [conv.conv2dWithForwardFilterGradient(x, filter, 2).dataSync(), tf.conv2d(x, filter, 2, 'same').dataSync()];
  });
  assert.deepEqual(Array.from(custom), Array.from(reference));
});

test('wasm lacks Conv2DBackpropFilter', async () => {
  await selectBackend('wasm', quiet);
  assert.equal(conv.hasFilterGradientKernel('wasm'), false);
  assert.equal(conv.hasFilterGradientKernel('cpu'), true);
  const data = caseData([1, 4, 4, 1, 1, 3, 1], 5);
  assert.throws(() => gradients(builtIn, data), /Conv2DBackpropFilter/);
});

test('forward gradient except on tensorflow', () => {
  assert.equal(conv.usesForwardFilterGradient('wasm'), true);
  assert.equal(conv.usesForwardFilterGradient('cpu'), true);
  // Without tfjs-node installed there is no tensorflow kernel, so the forward gradient is used.
  assert.equal(conv.usesForwardFilterGradient('tensorflow'), true);
  const config = { kernelName: 'Conv2DBackpropFilter', backendName: 'tensorflow', kernelFunc: () => ({}) };
  tf.registerKernel(config);
  try {
    assert.equal(conv.usesForwardFilterGradient('tensorflow'), false);
  } finally {
    tf.unregisterKernel('Conv2DBackpropFilter', 'tensorflow');
  }
});

test('conv2dSame uses forward gradient on wasm', async () => {
  await selectBackend('wasm', quiet);
  const data = caseData([2, 6, 6, 2, 3, 3, 2], 7);
  const viaDispatch = gradients(conv.conv2dSame, data);
  const direct = gradients(conv.conv2dWithForwardFilterGradient, data);
  assert.deepEqual(Array.from(viaDispatch.dFilter.values), Array.from(direct.dFilter.values));
});

test('backward kernels registered on wasm', async () => {
  await selectBackend('wasm', quiet);
  // Kernels reached by the backward pass of the cnn, resnet18 and mlp encoders and the heads.
  for (const kernel of ['Conv2D', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Transpose', 'Slice', 'Step', 'BatchMatMul', 'Sum', 'Pow', 'SquaredDifference']) {
    assert.notEqual(tf.getKernel(kernel, 'wasm'), undefined, `kernel ${kernel}`);
  }
});

test('max pool gradient on wasm', async () => {
  await selectBackend('cpu', quiet);
  const values = tf.tidy(() => tf.randomNormal([2, 7, 6, 3], 0, 1, 'float32', 3).dataSync());
  const pooledGradient = () =>
    tf.tidy(() => {
      const x = tf.tensor(values, [2, 7, 6, 3]);
      const weights = tf.reshape(tf.range(1, 2 * 3 * 3 * 3 + 1), [2, 3, 3, 3]);
      const [dx] = tf.grads((input) => tf.sum(tf.mul(tf.maxPool(input, 2, 2, 'valid'), weights)))([x]);
      return Array.from(dx.dataSync());
    });
  const expected = pooledGradient();
  await selectBackend('wasm', quiet);
  assert.deepEqual(pooledGradient(), expected);
});
