// A full forward and backward pass of a model with every encoder type, on wasm and on cpu:
// every kernel the backward pass needs must exist on wasm, and the gradients must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { modality } from './modelHelpers.mjs';

const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');
const { buildModel } = await importTypeScript('trainer/model/multimodalModel.ts');

const MODALITIES = [
  modality('gray', { encoder: 'cnn', channels: [3, 4], featureDim: 5 }),
  modality('colored', { encoder: 'resnet18', width: 4, featureDim: 6 }),
  modality('vector', { encoder: 'mlp', hidden: [7], featureDim: 4 }),
];
const SHAPES = { gray: [9, 9, 1], colored: [6, 6, 3], vector: [5] };
const BATCH = 3;
const CLASSES = 4;

/** Builds the model on `backend` and returns the losses' gradients and the outputs as arrays. */
async function run(backend) {
  await selectBackend(backend, () => {});
  const model = buildModel(MODALITIES, SHAPES, CLASSES, 11);
  const result = tf.tidy(() => {
    const inputs = Object.fromEntries(Object.entries(SHAPES).map(([name, shape], index) => [name, tf.randomNormal([BATCH, ...shape], 0, 1, 'float32', index + 1)]));
    const labels = tf.oneHot(tf.tensor1d([0, 3, 1], 'int32'), CLASSES);
    const variables = [...model.modalities.flatMap((name) => model.encoderParameters[name]), ...model.headParameters];
    const { value, grads } = tf.variableGrads(() => {
      const outputs = model.forward(inputs, true);
      const unimodal = model.modalities.map((name) => tf.losses.softmaxCrossEntropy(labels, outputs.unimodalLogits[name]));
      return tf.addN([tf.losses.softmaxCrossEntropy(labels, outputs.fusedLogits), ...unimodal]);
    }, variables.map((entry) => entry.variable));
    return {
      loss: value.dataSync()[0],
      gradients: variables.map(({ name, variable }) => ({ name, values: Array.from(grads[variable.name].dataSync()) })),
    };
  });
  model.commitBatchNormStatistics();
  const evaluation = tf.tidy(() => {
    const inputs = Object.fromEntries(Object.entries(SHAPES).map(([name, shape], index) => [name, tf.randomNormal([BATCH, ...shape], 0, 1, 'float32', index + 1)]));
    return Array.from(model.forward(inputs, false).fusedLogits.dataSync());
  });
  model.dispose();
  return { ...result, evaluation };
}

test('wasm gradients match cpu', async () => {
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  assert.ok(Math.abs(wasm.loss - cpu.loss) <= 1e-5 * Math.abs(cpu.loss), `loss ${wasm.loss} vs ${cpu.loss}`);
  assert.equal(wasm.gradients.length, cpu.gradients.length);
  // Largest gradient entry of the whole model, to judge errors in near-zero entries.
  const scale = Math.max(...cpu.gradients.flatMap((entry) => entry.values.map(Math.abs)));
  cpu.gradients.forEach((expected, index) => {
    const actual = wasm.gradients[index];
    assert.equal(actual.name, expected.name);
    const worst = Math.max(...expected.values.map((value, position) => Math.abs(actual.values[position] - value)));
    assert.ok(worst <= 1e-4 * scale, `${expected.name}: largest difference ${worst.toExponential(2)}, gradient scale ${scale.toExponential(2)}`);
    assert.ok(expected.values.some((value) => value !== 0), `${expected.name}: gradient is all zero`);
  });
  cpu.evaluation.forEach((value, index) => assert.ok(Math.abs(wasm.evaluation[index] - value) <= 1e-4, `evaluation ${index}`));
});
