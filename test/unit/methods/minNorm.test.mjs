// Min-norm weights and the four gradient methods against values worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTypeScript } from '../helpers/loadContract.mjs';

const methods = await importTypeScript('trainer/methods/index.ts');
const { createMethod, minNormWeights } = methods;

const vectors = (...arrays) => arrays.map((values) => Float32Array.from(values));
const close = (actual, expected, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
const closeArray = (actual, expected, tolerance = 1e-6) => {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, index) => close(actual[index], value, tolerance));
};
const mmpareto = (normRule = 'per-encoder', gamma = 1.5) => createMethod('mmpareto', { gamma, normRule });

test('min-norm interior case', () => {
  // g1 = [1, 0], g2 = [-1, 1]: <g1,g1> = 1, <g1,g2> = -1, <g2,g2> = 2, c = (2 + 1) / (1 + 2 + 2) = 0.6.
  const weights = minNormWeights(1, -1, 2);
  close(weights.first, 0.6);
  close(weights.second, 0.4);
});

test('min-norm clamps at g1 end', () => {
  // <g1,g2> >= <g1,g1>: g1 is the nearest point, weight 0.999 as the reference solver returns.
  const weights = minNormWeights(1, 2, 4);
  assert.equal(weights.first, 0.999);
  close(weights.second, 0.001);
});

test('min-norm clamps at g2 end', () => {
  const weights = minNormWeights(4, 2, 1);
  assert.equal(weights.first, 0.001);
  close(weights.second, 0.999);
});

test('min-norm of two zero gradients', () => {
  const weights = minNormWeights(0, 0, 0);
  assert.equal(weights.first, 0.999);
  assert.ok(Number.isFinite(weights.second));
});

test('min-norm clamps near-boundary interior', () => {
  // c = (1e6 - (-1)) / (1 + 1e6 + 2) is just below 1; clamped to 0.999.
  const weights = minNormWeights(1, -1, 1e6);
  assert.equal(weights.first, 0.999);
});

test('mmpareto positive cosine uses equal weights', () => {
  // cos([3,0],[1,1]) = 0.7071 > 0: combined = [3,0] + [1,1] = [4,1], sum has the same norm,
  // so no enlargement, and the update is 1.5 * [4,1].
  const [multimodal, unimodal] = vectors([3, 0], [1, 1]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [6, 1.5]);
  close(metrics.cosine, 3 / (3 * Math.SQRT2));
  assert.equal(metrics.conflict, false);
  assert.equal(metrics.weightMultimodal, 0.5);
  assert.equal(metrics.weightUnimodal, 0.5);
  close(metrics.rescale, 1);
  close(metrics.normMultimodal, 3);
  close(metrics.normUnimodal, Math.SQRT2);
  close(metrics.updateDotMultimodal, 18);
  close(metrics.updateDotUnimodal, 7.5);
});

test('mmpareto negative cosine uses min-norm and enlarges', () => {
  // g_mm = [1,0], g_uni = [-1,1]: weights (0.6, 0.4), combined = 2 * [0.2, 0.4] = [0.4, 0.8],
  // ||combined|| = sqrt(0.8), ||g_mm + g_uni|| = ||[0,1]|| = 1, factor = 1 / sqrt(0.8) = 1.118034,
  // update = 1.5 * 1.118034 * [0.4, 0.8] = [0.670820, 1.341641].
  const [multimodal, unimodal] = vectors([1, 0], [-1, 1]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [0.670820, 1.341641]);
  assert.equal(metrics.conflict, true);
  close(metrics.cosine, -1 / Math.SQRT2);
  close(metrics.weightMultimodal, 0.6);
  close(metrics.weightUnimodal, 0.4);
  close(metrics.rescale, 1 / Math.sqrt(0.8));
  close(metrics.updateDotMultimodal, 0.670820);
  close(metrics.updateDotUnimodal, 0.670820);
});

test('mmpareto honours gamma', () => {
  const [multimodal, unimodal] = vectors([3, 0], [1, 1]);
  const { update } = mmpareto('per-encoder', 1).combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [4, 1]);
});

test('mmpareto identical gradients', () => {
  // cos = 1: equal weights, combined = 2g = sum, update = 1.5 * 2g = 3g.
  const [multimodal, unimodal] = vectors([1, 2], [1, 2]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [3, 6]);
  close(metrics.cosine, 1);
  close(metrics.rescale, 1);
});

test('mmpareto exactly opposite gradients give zero update', () => {
  // g_uni = -0.1 g_mm: min-norm weights (1/11, 10/11) make combined = 0, so the update is zero.
  const [multimodal, unimodal] = vectors([1, 0], [-0.1, 0]);
  for (const rule of ['per-encoder', 'per-tensor']) {
    const { update, metrics } = mmpareto(rule).combine({ multimodal: [multimodal], unimodal: [unimodal] });
    closeArray(update[0], [0, 0], 0);
    close(metrics.weightMultimodal, 1 / 11);
    close(metrics.cosine, -1);
    assert.equal(metrics.rescale, 1);
    assert.equal(metrics.updateNorm, 0);
  }
});

test('mmpareto zero unimodal gradient', () => {
  // cos defined as 0 (conflict); <g_mm,g_uni> = 0 >= <g_uni,g_uni> = 0 gives weights (0.001, 0.999);
  // combined = 0.002 * g_mm is enlarged to ||g_mm||, so update = 1.5 * g_mm.
  const [multimodal, unimodal] = vectors([2, -1], [0, 0]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [3, -1.5], 1e-5);
  assert.equal(metrics.cosine, 0);
  assert.equal(metrics.conflict, true);
  close(metrics.weightMultimodal, 0.001);
  close(metrics.rescale, 500, 1e-3);
});

test('mmpareto zero multimodal gradient', () => {
  const [multimodal, unimodal] = vectors([0, 0], [0, 4]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [0, 6], 1e-5);
  close(metrics.weightMultimodal, 0.999);
});

test('mmpareto both gradients zero', () => {
  const [multimodal, unimodal] = vectors([0, 0], [0, 0]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [0, 0], 0);
  for (const value of Object.values(metrics)) {
    if (typeof value === 'number') assert.ok(Number.isFinite(value), `metric ${value} is not finite`);
  }
});

test('mmpareto tiny gradients stay finite', () => {
  // Orthogonal gradients of norm 1e-30: cos = 0 (conflict), min-norm weights (0.5, 0.5),
  // combined = [1e-30, 1e-30] equals the sum, update = 1.5e-30 each.
  const [multimodal, unimodal] = vectors([1e-30, 0], [0, 1e-30]);
  const { update, metrics } = mmpareto().combine({ multimodal: [multimodal], unimodal: [unimodal] });
  close(update[0][0] / 1e-30, 1.5, 1e-5);
  close(update[0][1] / 1e-30, 1.5, 1e-5);
  close(metrics.weightMultimodal, 0.5);
  assert.ok(Number.isFinite(metrics.rescale));
});

test('per-tensor rule scales tensors separately', () => {
  // Tensor 1: g_mm = [1,0], g_uni = [-1,1]; tensor 2: g_mm = [0,0], g_uni = [2,0].
  // Whole encoder: <mm,mm> = 1, <mm,uni> = -1, <uni,uni> = 6, weights c = 7/9 and 2/9.
  // Tensor 1 combined = 2 * (7/9 [1,0] + 2/9 [-1,1]) = [10/9, 4/9]; its sum [0,1] has norm 1 < 1.1967,
  // so factor 1 there. Tensor 2 combined = 2 * 2/9 [2,0] = [8/9, 0], sum norm 2, factor 2.25.
  const multimodal = vectors([1, 0], [0, 0]);
  const unimodal = vectors([-1, 1], [2, 0]);
  const { update, metrics } = mmpareto('per-tensor').combine({ multimodal, unimodal });
  closeArray(update[0], [1.5 * 10 / 9, 1.5 * 4 / 9], 1e-5);
  closeArray(update[1], [1.5 * 2, 0], 1e-5);
  close(metrics.weightMultimodal, 7 / 9);
  // Per encoder instead: combined = [10/9, 4/9, 8/9, 0] (norm 1.4907), sum = [0,1,2,0] (norm 2.2361): factor 1.5.
  const perEncoder = mmpareto('per-encoder').combine({ multimodal, unimodal });
  closeArray(perEncoder.update[0], [1.5 * 1.5 * 10 / 9, 1.5 * 1.5 * 4 / 9], 1e-4);
  close(perEncoder.metrics.rescale, 1.5, 1e-5);
});

test('uniform is the plain sum', () => {
  const [multimodal, unimodal] = vectors([1, 0], [-3, 1]);
  const { update, metrics } = createMethod('uniform', { gamma: 1.5, normRule: 'per-tensor' }).combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [-2, 1]);
  assert.equal(metrics.weightMultimodal, 0.5);
  close(metrics.updateDotMultimodal, -2);
});

test('pareto always uses min-norm weights', () => {
  // Agreeing gradients [1,0] and [2,0]: <g1,g2> = 2 >= <g1,g1> = 1, weights (0.999, 0.001),
  // update = 2 * (0.999 [1,0] + 0.001 [2,0]) = [2.002, 0], no magnitude rule and no gamma.
  const [multimodal, unimodal] = vectors([1, 0], [2, 0]);
  const { update, metrics } = createMethod('pareto', { gamma: 1.5, normRule: 'per-tensor' }).combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [2.002, 0]);
  assert.equal(metrics.weightMultimodal, 0.999);
  assert.equal(metrics.rescale, 1);
});

test('joint ignores unimodal gradient', () => {
  const [multimodal, unimodal] = vectors([1, 2], [-5, 0]);
  const { update, metrics } = createMethod('joint', { gamma: 1.5, normRule: 'per-tensor' }).combine({ multimodal: [multimodal], unimodal: [unimodal] });
  closeArray(update[0], [1, 2]);
  assert.equal(metrics.weightMultimodal, 1);
  assert.equal(metrics.weightUnimodal, 0);
  assert.equal(metrics.conflict, true);
});
