// CSV export rows and the config normalization behind Diff Run Configs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadExtensionModules } from './helpers.mjs';

const m = await loadExtensionModules();

const encoder = (cosine, extra = {}) => ({ cosine, normMultimodal: 2, normUnimodal: 3, weightMultimodal: 0.25, weightUnimodal: 0.75, conflict: cosine <= 0, rescale: 1.5, updateNorm: 4, updateDotMultimodal: 0.5, updateDotUnimodal: -0.5, ...extra });
const records = [
  { type: 'run-start', formatVersion: 1, runId: 'r', time: 't', pid: 1, backend: 'cpu', backendDetail: '', modalities: ['gray', 'colored'], classes: 10, trainSamples: 1, testSamples: 1, stepsPerEpoch: 1, totalSteps: 1, parameterCount: 1, config: {} },
  { type: 'step', epoch: 1, step: 1, elapsedMs: 120, learningRate: 0.002, losses: { multimodal: 2.5, unimodal: { gray: 2.25, colored: 1.75 }, total: 6.5 }, encoders: { gray: encoder(-0.125), colored: encoder(0.5) } },
  { type: 'epoch', epoch: 1, step: 1, elapsedMs: 300, learningRate: 0.002, trainLoss: 6.5, testAccuracy: { fused: 0.875, unimodal: { gray: 0.5, colored: 0.625 } }, conflictShare: { gray: 1, colored: 0 }, samplesPerSecond: 213.5 },
  { type: 'run-end', time: 't', status: 'completed', elapsedMs: 400 },
];

const encoderColumns = ['cosine', 'norm_multimodal', 'norm_unimodal', 'weight_multimodal', 'weight_unimodal', 'conflict', 'rescale', 'update_norm', 'update_dot_multimodal', 'update_dot_unimodal'];

test('csv header lists modality columns', () => {
  const header = m.csvHeader(['gray', 'colored']);
  assert.deepEqual(header, [
    'record', 'epoch', 'step', 'elapsed_ms', 'learning_rate', 'loss_total', 'loss_multimodal', 'loss_gray', 'loss_colored',
    ...encoderColumns.map((column) => `gray_${column}`),
    ...encoderColumns.map((column) => `colored_${column}`),
    'train_loss', 'test_acc_fused', 'test_acc_gray', 'test_acc_colored', 'conflict_share_gray', 'conflict_share_colored', 'samples_per_second',
  ]);
});

test('csv step and epoch rows', () => {
  const rows = m.metricsCsvRows(records);
  assert.equal(rows.length, 3, 'header, one step row, one epoch row; run-start and run-end have no row');
  const header = rows[0];
  const step = Object.fromEntries(header.map((column, index) => [column, rows[1][index]]));
  const epoch = Object.fromEntries(header.map((column, index) => [column, rows[2][index]]));

  assert.equal(step.record, 'step');
  assert.equal(step.elapsed_ms, 120);
  assert.equal(step.loss_total, 6.5);
  assert.equal(step.loss_gray, 2.25);
  assert.equal(step.gray_cosine, -0.125);
  assert.equal(step.gray_conflict, true);
  assert.equal(step.colored_conflict, false);
  assert.equal(step.colored_weight_unimodal, 0.75);
  assert.equal(step.gray_update_dot_unimodal, -0.5);
  assert.equal(step.test_acc_fused, undefined);

  assert.equal(epoch.record, 'epoch');
  assert.equal(epoch.test_acc_fused, 0.875);
  assert.equal(epoch.test_acc_colored, 0.625);
  assert.equal(epoch.conflict_share_gray, 1);
  assert.equal(epoch.samples_per_second, 213.5);
  assert.equal(epoch.gray_cosine, undefined);
  assert.equal(rows[1].length, header.length);
  assert.equal(rows[2].length, header.length);
});

test('csv text format', () => {
  const text = m.metricsToCsv(records);
  const lines = text.split('\r\n');
  assert.equal(lines.length, 4, 'three lines, each ending in CRLF');
  assert.equal(lines[3], '');
  const stepCells = lines[1].split(',');
  assert.equal(stepCells[0], 'step');
  assert.equal(stepCells[9], '-0.125', 'gray_cosine');
  assert.equal(stepCells[14], '1', 'gray_conflict as 1');
  assert.equal(stepCells[24], '0', 'colored_conflict as 0');
  assert.equal(stepCells.at(-1), '', 'samples_per_second empty on a step row');
  assert.equal(lines[2].split(',').at(-1), '213.5');
});

test('csv field escaping', () => {
  assert.equal(m.escapeCsvField('plain'), 'plain');
  assert.equal(m.escapeCsvField('a,b'), '"a,b"');
  assert.equal(m.escapeCsvField('say "hi"'), '"say ""hi"""');
  assert.equal(m.escapeCsvField('two\nlines'), '"two\nlines"');
  assert.equal(m.escapeCsvField(null), '');
  assert.equal(m.escapeCsvField(Number.NaN), '');
  assert.equal(m.escapeCsvField(false), '0');
});

test('csv missing metrics stay empty', () => {
  const joint = [{ type: 'step', epoch: 1, step: 1, elapsedMs: 5, learningRate: 0.1, losses: { multimodal: 1, unimodal: { a: null }, total: 1 }, encoders: {} }];
  const rows = m.metricsCsvRows(joint);
  assert.deepEqual(rows[0].slice(0, 8), ['record', 'epoch', 'step', 'elapsed_ms', 'learning_rate', 'loss_total', 'loss_multimodal', 'loss_a']);
  const text = m.metricsToCsv(joint).split('\r\n')[1].split(',');
  assert.equal(text[7], '', 'a null loss is an empty cell');
  assert.equal(text[8], '', 'an encoder without metrics is empty');
});

test('normalize sorts keys everywhere', () => {
  const normalized = m.normalizeConfig({ seed: 1, method: 'mmpareto', optimizer: { type: 'sgd', learningRate: 0.1 }, modalities: [{ name: 'b', encoder: 'mlp' }, { name: 'a', encoder: 'cnn' }] });
  assert.deepEqual(Object.keys(normalized), ['method', 'modalities', 'optimizer', 'seed']);
  assert.deepEqual(Object.keys(normalized.optimizer), ['learningRate', 'type']);
  assert.deepEqual(Object.keys(normalized.modalities[0]), ['encoder', 'name']);
  assert.deepEqual(normalized.modalities.map((modality) => modality.name), ['b', 'a'], 'list order is kept');
});

test('normalize drops run-specific fields', () => {
  const config = { method: 'joint', runtime: { runId: '20261204-201530-joint-3fa2', createdAt: '2026-12-04T20:15:30.120Z', backendRequested: 'auto', hostname: 'lab-1' } };
  const normalized = m.normalizeConfig(config);
  assert.deepEqual(normalized, { method: 'joint', runtime: { backendRequested: 'auto', hostname: 'lab-1' } });
  assert.equal(config.runtime.runId, '20261204-201530-joint-3fa2', 'the input is not changed');
  assert.deepEqual(m.normalizeConfig({ runtime: { runId: 'x', createdAt: 'y' } }), {}, 'an emptied runtime is dropped');
});

test('normalized text is stable', () => {
  const a = m.normalizedConfigText({ b: 1, a: { d: 2, c: 3 }, runtime: { runId: 'one' } });
  const b = m.normalizedConfigText({ a: { c: 3, d: 2 }, runtime: { runId: 'two' }, b: 1 });
  assert.equal(a, b);
  assert.equal(a, '{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n');
});
