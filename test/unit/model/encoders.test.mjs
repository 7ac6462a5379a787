// Output shapes of every encoder type, parameter counts worked out by hand, and input checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { modality } from './modelHelpers.mjs';

const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');
const { buildModel } = await importTypeScript('trainer/model/multimodalModel.ts');
await selectBackend('wasm', () => {});

function forwardShapes(model, inputShapes, batch, training) {
  return tf.tidy(() => {
    const inputs = Object.fromEntries(Object.entries(inputShapes).map(([name, shape]) => [name, tf.randomNormal([batch, ...shape], 0, 1, 'float32', 1)]));
    const outputs = model.forward(inputs, training);
    return {
      features: Object.fromEntries(Object.entries(outputs.features).map(([name, tensor]) => [name, tensor.shape])),
      fused: outputs.fusedLogits.shape,
      unimodal: Object.fromEntries(Object.entries(outputs.unimodalLogits).map(([name, tensor]) => [name, tensor.shape])),
    };
  });
}

test('output shapes of every encoder', () => {
  const inputShapes = { vector: [3, 4], image: [9, 7, 3], residual: [8, 8, 1] };
  const model = buildModel(
    [
      modality('vector', { encoder: 'mlp', hidden: [5, 6], featureDim: 7 }),
      modality('image', { encoder: 'cnn', channels: [4, 2], featureDim: 5 }),
      modality('residual', { encoder: 'resnet18', width: 4, featureDim: 6 }),
    ],
    inputShapes,
    3,
    0,
  );
  for (const training of [true, false]) {
    const shapes = forwardShapes(model, inputShapes, 2, training);
    assert.deepEqual(shapes.features, { vector: [2, 7], image: [2, 5], residual: [2, 6] });
    assert.deepEqual(shapes.fused, [2, 3]);
    assert.deepEqual(shapes.unimodal, { vector: [2, 3], image: [2, 3], residual: [2, 3] });
  }
  assert.deepEqual(model.modalities, ['vector', 'image', 'residual']);
  model.dispose();
});

test('mlp parameter count', () => {
  // a: [2, 2] flattens to 4; hidden1 4*3 + 3 = 15, projection 3*2 + 2 = 8, so 23.
  // b: projection only, 5*2 + 2 = 12.
  // Heads: fusion (2 + 2)*3 + 3 = 15, unimodal a and b 2*3 + 3 = 9 each, so 33. Total 68.
  const model = buildModel(
    [modality('a', { encoder: 'mlp', hidden: [3], featureDim: 2 }), modality('b', { encoder: 'mlp', hidden: [], featureDim: 2 })],
    { a: [2, 2], b: [5] },
    3,
    0,
  );
  assert.equal(model.parameterCount, 68);
  assert.deepEqual(model.encoderParameters.a.map((entry) => entry.name), ['a/hidden1/kernel', 'a/hidden1/bias', 'a/projection/kernel', 'a/projection/bias']);
  assert.deepEqual(model.encoderParameters.b.map((entry) => entry.name), ['b/projection/kernel', 'b/projection/bias']);
  assert.deepEqual(model.headParameters.map((entry) => entry.name), [
    'heads/fusion/kernel',
    'heads/fusion/bias',
    'heads/unimodal/a/kernel',
    'heads/unimodal/a/bias',
    'heads/unimodal/b/kernel',
    'heads/unimodal/b/bias',
  ]);
  assert.deepEqual(model.headParameters[0].variable.shape, [4, 3]);
  model.dispose();
});

test('cnn parameter count', () => {
  // img [8, 8, 1]: conv1 3*3*1*2 + 2 = 20, pool to 4x4; conv2 3*3*2*3 + 3 = 57, pool to 2x2;
  // flatten 2*2*3 = 12, projection 12*4 + 4 = 52, so 129. vec: 5*2 + 2 = 12.
  // Heads: fusion (4 + 2)*3 + 3 = 21, img 4*3 + 3 = 15, vec 2*3 + 3 = 9, so 45. Total 186.
  const model = buildModel(
    [modality('img', { encoder: 'cnn', channels: [2, 3], featureDim: 4 }), modality('vec', { encoder: 'mlp', hidden: [], featureDim: 2 })],
    { img: [8, 8, 1], vec: [5] },
    3,
    0,
  );
  assert.equal(model.parameterCount, 186);
  assert.deepEqual(model.encoderParameters.img.map((entry) => entry.variable.shape), [[3, 3, 1, 2], [2], [3, 3, 2, 3], [3], [12, 4], [4]]);
  model.dispose();
});

test('cnn rounds odd sizes down', () => {
  // [7, 7, 3]: conv 3*3*3*2 + 2 = 56, pool to 3x3, projection 3*3*2*4 + 4 = 76, so 132 plus
  // vec 12 and heads 45 as above. Total 189.
  const model = buildModel(
    [modality('img', { encoder: 'cnn', channels: [2], featureDim: 4 }), modality('vec', { encoder: 'mlp', hidden: [], featureDim: 2 })],
    { img: [7, 7, 3], vec: [5] },
    3,
    0,
  );
  assert.equal(model.parameterCount, 189);
  model.dispose();
});

test('resnet18 parameter count', () => {
  // Width 4 on [8, 8, 1], featureDim 4. A 3x3 conv from i to o has 9*i*o weights, a batch norm 2*o.
  // stem 36 + 8 = 44. stage1 (4 to 4): four units of 144 + 8 = 608.
  // stage2 (4 to 8): 288 + 16, then three units of 576 + 16, shortcut 32 + 16: 2128.
  // stage3 (8 to 16): 1152 + 32, three of 2304 + 32, shortcut 128 + 32: 8352.
  // stage4 (16 to 32): 4608 + 64, three of 9216 + 64, shortcut 512 + 64: 33088.
  // projection 32*4 + 4 = 132. Encoder 44352; vec 12; heads 45. Total 44409.
  const model = buildModel(
    [modality('img', { encoder: 'resnet18', width: 4, featureDim: 4 }), modality('vec', { encoder: 'mlp', hidden: [], featureDim: 2 })],
    { img: [8, 8, 1], vec: [5] },
    3,
    0,
  );
  assert.equal(model.parameterCount, 44409);
  // 20 convolutions, 20 batch norms with gamma and beta, and the projection's kernel and bias.
  assert.equal(model.encoderParameters.img.length, 62);
  // Plus runningMean and runningVariance of the 20 batch norms, then vec (2) and the heads (6).
  assert.equal(model.stateVariables.length, 62 + 40 + 2 + 6);
  assert.ok(model.stateVariables.some((entry) => entry.name === 'img/stage2/block1/shortcut/bn/runningVariance'));
  assert.ok(!model.encoderParameters.img.some((entry) => entry.name.includes('running')));
  model.dispose();
});

test('image encoder rejects vectors', () => {
  for (const encoder of ['cnn', 'resnet18']) {
    assert.throws(
      () => buildModel([modality('audio', { encoder }), modality('vec', { encoder: 'mlp' })], { audio: [40], vec: [5] }, 3, 0),
      (error) => {
        assert.match(error.message, /Modality audio/);
        assert.match(error.message, new RegExp(`the ${encoder} encoder needs images of shape \\[height, width, channels\\]`));
        assert.match(error.message, /\[40\]/);
        return true;
      },
    );
  }
});

test('cnn rejects too many blocks', () => {
  assert.throws(
    () => buildModel([modality('img', { channels: [2, 2, 2] }), modality('vec', { encoder: 'mlp' })], { img: [4, 4, 1], vec: [5] }, 3, 0),
    /Modality img: the cnn encoder halves the image in each of its 3 blocks, and \[4, 4, 1\] is too small for block 3/,
  );
});

test('model needs two modalities', () => {
  assert.throws(() => buildModel([modality('only', { encoder: 'mlp' })], { only: [3] }, 3, 0), /at least two modalities, got 1/);
});

test('model rejects duplicate modality', () => {
  assert.throws(
    () => buildModel([modality('a', { encoder: 'mlp' }), modality('a', { encoder: 'mlp' })], { a: [3] }, 3, 0),
    /modality a appears twice/,
  );
});

test('model rejects missing input shape', () => {
  assert.throws(
    () => buildModel([modality('a', { encoder: 'mlp' }), modality('b', { encoder: 'mlp' })], { a: [3] }, 3, 0),
    /no input shape for modality b\. The dataset provides a\./,
  );
});

test('forward checks inputs', () => {
  const model = buildModel([modality('a', { encoder: 'mlp', hidden: [] }), modality('b', { encoder: 'mlp', hidden: [] })], { a: [3], b: [2] }, 3, 0);
  tf.tidy(() => {
    assert.throws(() => model.forward({ a: tf.zeros([2, 3]) }, false), /input for modality b is missing; got a\./);
    assert.throws(() => model.forward({ a: tf.zeros([2, 4]), b: tf.zeros([2, 2]) }, false), /modality a has shape \[2, 4\], expected \[batch, 3\]/);
    assert.throws(() => model.forward({ a: tf.zeros([2, 3]), b: tf.zeros([3, 2]) }, false), /modality b has a batch of 3 samples but the first modality has 2/);
  });
  model.dispose();
});

test('dispose releases variables', () => {
  const before = tf.memory().numTensors;
  const model = buildModel([modality('a', { encoder: 'resnet18', width: 4 }), modality('b', { encoder: 'mlp' })], { a: [4, 4, 1], b: [2] }, 3, 0);
  tf.tidy(() => {
    model.forward({ a: tf.zeros([2, 4, 4, 1]), b: tf.zeros([2, 2]) }, true);
  });
  // The training forward pass left uncommitted batch statistics, which dispose() releases too.
  assert.ok(tf.memory().numTensors > before + model.stateVariables.length);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});
