// Seeded initial weights: reproducible, independent per parameter name, with the spread of the
// He and Glorot rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { modality, stateValues } from './modelHelpers.mjs';

const { selectBackend } = await importTypeScript('trainer/backend/selectBackend.ts');
const { buildModel } = await importTypeScript('trainer/model/multimodalModel.ts');
const init = await importTypeScript('trainer/model/initializers.ts');
const { createRandom, deriveSeed } = await importTypeScript('trainer/model/random.ts');
await selectBackend('wasm', () => {});

const MODALITIES = [
  modality('gray', { encoder: 'cnn', channels: [4], featureDim: 8 }),
  modality('colored', { encoder: 'resnet18', width: 4, featureDim: 8 }),
];
const SHAPES = { gray: [8, 8, 1], colored: [8, 8, 3] };

test('same seed same weights', () => {
  const first = buildModel(MODALITIES, SHAPES, 10, 42);
  const second = buildModel(MODALITIES, SHAPES, 10, 42);
  assert.deepEqual(stateValues(second), stateValues(first));
  first.dispose();
  second.dispose();
});

test('other seed other weights', () => {
  const first = buildModel(MODALITIES, SHAPES, 10, 42);
  const second = buildModel(MODALITIES, SHAPES, 10, 43);
  const a = stateValues(first);
  const b = stateValues(second);
  assert.notDeepEqual(b['gray/conv1/kernel'], a['gray/conv1/kernel']);
  assert.notDeepEqual(b['heads/fusion/kernel'], a['heads/fusion/kernel']);
  // Constant initial values do not depend on the seed.
  assert.deepEqual(b['colored/stem/bn/gamma'], a['colored/stem/bn/gamma']);
  first.dispose();
  second.dispose();
});

test('weights depend on name not order', () => {
  // Adding a modality in front leaves the weights of gray's encoder as they were.
  const alone = buildModel(MODALITIES, SHAPES, 10, 7);
  const extended = buildModel([modality('extra', { encoder: 'mlp', hidden: [3] }), ...MODALITIES], { ...SHAPES, extra: [5] }, 10, 7);
  const a = stateValues(alone);
  const b = stateValues(extended);
  assert.deepEqual(b['gray/conv1/kernel'], a['gray/conv1/kernel']);
  assert.deepEqual(b['colored/stage4/block2/unit2/conv/kernel'], a['colored/stage4/block2/unit2/conv/kernel']);
  alone.dispose();
  extended.dispose();
});

test('biases start at zero', () => {
  const model = buildModel(MODALITIES, SHAPES, 10, 1);
  const values = stateValues(model);
  assert.ok(values['gray/conv1/bias'].every((value) => value === 0));
  assert.ok(values['colored/stem/bn/runningVariance'].every((value) => value === 1));
  model.dispose();
});

test('he normal spread', () => {
  // Kernel [3, 3, 64, 32]: fanIn 576, so the standard deviation is sqrt(2 / 576) = 0.0589.
  const values = init.heNormal([3, 3, 64, 32], 5);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const deviation = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
  assert.ok(Math.abs(mean) < 0.002, `mean ${mean}`);
  assert.ok(Math.abs(deviation / Math.sqrt(2 / 576) - 1) < 0.02, `deviation ${deviation}`);
});

test('glorot uniform bounds', () => {
  // Kernel [100, 50]: limit sqrt(6 / 150) = 0.2.
  const values = init.glorotUniform([100, 50], 5);
  assert.ok(values.every((value) => Math.abs(value) <= 0.2));
  assert.ok(Math.max(...values) > 0.19);
  assert.ok(Math.min(...values) < -0.19);
});

test('fans of dense and conv shapes', () => {
  assert.deepEqual(init.computeFans([10, 4]), { fanIn: 10, fanOut: 4 });
  assert.deepEqual(init.computeFans([3, 3, 2, 5]), { fanIn: 18, fanOut: 45 });
  assert.throws(() => init.computeFans([2, 2, 2]), /rank 1, 2 or 4/);
});

test('random source is seeded', () => {
  const first = createRandom(3);
  const second = createRandom(3);
  const draws = Array.from({ length: 5 }, () => first.next());
  assert.deepEqual(Array.from({ length: 5 }, () => second.next()), draws);
  assert.ok(draws.every((value) => value >= 0 && value < 1));
  assert.notEqual(deriveSeed(3, 'a/kernel'), deriveSeed(3, 'b/kernel'));
  assert.notEqual(deriveSeed(3, 'a/kernel'), deriveSeed(4, 'a/kernel'));
});

test('initializer takes a random source', () => {
  // Any object with next() and normal() works, such as a constant source.
  const source = { next: () => 0.75, normal: () => 2 };
  // [3, 3]: limit sqrt(6 / 6) = 1, and next() = 0.75 maps to (2 * 0.75 - 1) * 1 = 0.5.
  assert.deepEqual(Array.from(init.glorotUniform([3, 3], source)), new Array(9).fill(0.5));
  // [2, 1]: fanIn 2, so the standard deviation is 1 and normal() = 2 stays 2.
  assert.deepEqual(Array.from(init.heNormal([2, 1], source)), [2, 2]);
});
