// On conflicting gradients, mmpareto's per-encoder update must not ascend either objective
// (its inner products with both gradients are >= 0), which the uniform sum does not guarantee.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTypeScript } from '../helpers/loadContract.mjs';

const { createMethod, dot } = await importTypeScript('trainer/methods/index.ts');

/** A small deterministic generator (mulberry32) so the examples are the same on every run. */
function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Conflicting encoder gradients split into tensors of different sizes and scales. */
function conflictingExamples(count) {
  const random = makeRandom(7);
  const examples = [];
  while (examples.length < count) {
    const sizes = [3, 5, 2];
    // Overall magnitudes differ by up to 100x between the two gradients, as they do in training.
    const multimodalScale = 10 ** (2 * random() - 1);
    const unimodalScale = 10 ** (2 * random() - 1);
    const multimodal = sizes.map((size) => Float32Array.from({ length: size }, () => (random() - 0.5) * multimodalScale));
    const unimodal = sizes.map((size) => Float32Array.from({ length: size }, () => (random() - 0.5) * unimodalScale));
    if (dot(multimodal, unimodal) < 0) examples.push({ multimodal, unimodal });
  }
  return examples;
}

const examples = conflictingExamples(300);
const options = { gamma: 1.5, normRule: 'per-encoder' };

test('per-encoder mmpareto is common descent', () => {
  const method = createMethod('mmpareto', options);
  for (const gradients of examples) {
    const { metrics } = method.combine(gradients);
    const scale = metrics.normMultimodal * metrics.normUnimodal;
    assert.ok(metrics.updateDotMultimodal >= -1e-5 * scale, `update ascends the multimodal loss: ${metrics.updateDotMultimodal}`);
    assert.ok(metrics.updateDotUnimodal >= -1e-5 * scale, `update ascends the unimodal loss: ${metrics.updateDotUnimodal}`);
    assert.equal(metrics.conflict, true);
  }
});

test('uniform sum ascends on some conflicts', () => {
  const method = createMethod('uniform', options);
  const ascending = examples.filter((gradients) => {
    const { metrics } = method.combine(gradients);
    return metrics.updateDotMultimodal < 0 || metrics.updateDotUnimodal < 0;
  });
  assert.ok(ascending.length > 60, `only ${ascending.length} of ${examples.length} uniform updates ascended an objective`);
});

test('per-tensor rule can break common descent', () => {
  // Two scalar tensors: g_mm = [0.07, 0.05], g_uni = [-1.76, -0.68]. The second tensor's sum
  // |0.05 - 0.68| is far larger than its combined entry, so it is enlarged much more than the
  // first, and the update tilts against g_mm.
  const gradients = { multimodal: [Float32Array.of(0.07), Float32Array.of(0.05)], unimodal: [Float32Array.of(-1.76), Float32Array.of(-0.68)] };
  const perTensor = createMethod('mmpareto', { gamma: 1.5, normRule: 'per-tensor' }).combine(gradients);
  const perEncoder = createMethod('mmpareto', options).combine(gradients);
  assert.ok(perTensor.metrics.updateDotMultimodal < 0, `per-tensor inner product ${perTensor.metrics.updateDotMultimodal}`);
  assert.ok(perEncoder.metrics.updateDotMultimodal >= 0, `per-encoder inner product ${perEncoder.metrics.updateDotMultimodal}`);
  assert.ok(perEncoder.metrics.updateDotUnimodal >= 0);
});
