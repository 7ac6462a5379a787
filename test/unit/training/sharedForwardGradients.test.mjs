// sharedForwardGradients must return exactly what tf.variableGrads returns for each loss, from a
// single forward pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { importTypeScript } from '../helpers/loadContract.mjs';

await importTypeScript('trainer/model/registerGradients.ts');
const { sharedForwardGradients } = await importTypeScript('trainer/autodiff/sharedForwardGradients.ts');
await tf.setBackend('cpu');

let problemCount = 0;
function makeProblem() {
  const id = ++problemCount;
  // Two "encoders" (w1, w2), a fusion weight on both features and one head per encoder.
  const w1 = tf.variable(tf.tensor2d([[0.5, -0.2], [0.1, 0.3], [-0.4, 0.2]]), true, `w1-${id}`);
  const w2 = tf.variable(tf.tensor2d([[0.2, 0.7], [-0.3, 0.1], [0.6, -0.5]]), true, `w2-${id}`);
  const fusion = tf.variable(tf.tensor2d([[0.3, -0.1], [0.2, 0.4], [-0.6, 0.1], [0.5, 0.2]]), true, `fusion-${id}`);
  const head1 = tf.variable(tf.tensor2d([[1.0, -0.5], [0.2, 0.3]]), true, `head1-${id}`);
  const head2 = tf.variable(tf.tensor2d([[-0.3, 0.8], [0.4, -0.1]]), true, `head2-${id}`);
  const x = tf.tensor2d([[1, 2, 3], [0.5, -1, 2], [-2, 0.3, 1]]);
  const labels = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
  const forward = () => {
    const h1 = tf.relu(tf.matMul(x, w1));
    const h2 = tf.tanh(tf.matMul(x, w2));
    const fused = tf.matMul(tf.concat([h1, h2], 1), fusion);
    const unimodal = tf.add(tf.losses.softmaxCrossEntropy(labels, tf.matMul(h1, head1)), tf.losses.softmaxCrossEntropy(labels, tf.matMul(h2, head2)));
    const multimodal = tf.losses.softmaxCrossEntropy(labels, fused);
    return { unimodal, multimodal };
  };
  return { variables: [w1, w2, fusion, head1, head2], forward };
}

test('gradients match variableGrads per loss', () => {
  const { variables, forward } = makeProblem();
  const shared = sharedForwardGradients(variables, () => {
    const { unimodal, multimodal } = forward();
    return { losses: [unimodal, multimodal], extra: [] };
  });
  const expectedUnimodal = tf.variableGrads(() => forward().unimodal, variables);
  const expectedMultimodal = tf.variableGrads(() => forward().multimodal, variables);

  assert.equal(shared.gradients.length, 2);
  variables.forEach((variable, index) => {
    // variableGrads leaves out variables a loss does not depend on: their gradient is zero.
    const expectedU = expectedUnimodal.grads[variable.name] ?? tf.zerosLike(variable);
    const expectedM = expectedMultimodal.grads[variable.name] ?? tf.zerosLike(variable);
    assert.deepEqual(Array.from(shared.gradients[0][index].dataSync()).map((v) => v.toFixed(6)), Array.from(expectedU.dataSync()).map((v) => v.toFixed(6)), `unimodal gradient of ${variable.name}`);
    assert.deepEqual(Array.from(shared.gradients[1][index].dataSync()).map((v) => v.toFixed(6)), Array.from(expectedM.dataSync()).map((v) => v.toFixed(6)), `multimodal gradient of ${variable.name}`);
  });
  assert.ok(Math.abs(shared.lossValues[0] - expectedUnimodal.value.dataSync()[0]) < 1e-6);
  assert.ok(Math.abs(shared.lossValues[1] - expectedMultimodal.value.dataSync()[0]) < 1e-6);
});

test('unimodal loss leaves fusion gradient zero', () => {
  const { variables, forward } = makeProblem();
  const shared = sharedForwardGradients(variables, () => {
    const { unimodal, multimodal } = forward();
    return { losses: [unimodal, multimodal], extra: [] };
  });
  assert.deepEqual(Array.from(shared.gradients[0][2].dataSync()), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(shared.gradients[1][3].dataSync()), [0, 0, 0, 0]);
});

test('no tensors leak across calls', () => {
  const { variables, forward } = makeProblem();
  const run = () => {
    const shared = sharedForwardGradients(variables, () => {
      const { unimodal, multimodal } = forward();
      return { losses: [unimodal, multimodal], extra: tf.stack([unimodal, multimodal]) };
    });
    tf.dispose(shared.gradients);
    shared.extra.dispose();
  };
  run();
  const before = tf.memory().numTensors;
  run();
  run();
  assert.equal(tf.memory().numTensors, before);
});
