// Tests of the shared run-config validation, run against the bundled contract module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContract } from './helpers/loadContract.mjs';

const { validateConfig, formatConfigPath, nearestName } = await loadContract();

test('empty config resolves to documented defaults', () => {
  const { config, issues } = validateConfig({});
  assert.deepEqual(issues, []);
  assert.equal(config.method, 'mmpareto');
  assert.equal(config.gamma, 1.5);
  assert.equal(config.optimizer.learningRate, 0.002);
  assert.equal(config.optimizer.momentum, 0.9);
  assert.equal(config.optimizer.weightDecay, 0.0001);
  assert.equal(config.batchSize, 64);
  assert.equal(config.data.kind, 'cg-mnist');
  assert.deepEqual(config.modalities, []);
});

test('unknown key suggests nearest key', () => {
  const { config, issues } = validateConfig({ gama: 2 });
  assert.equal(config, undefined);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'unknown-key');
  assert.deepEqual(issues[0].path, ['gama']);
  assert.equal(issues[0].suggestion, 'gamma');
  assert.match(issues[0].message, /unknown key "gama"\. Did you mean "gamma"\?/);
});

test('out-of-range number names field and range', () => {
  const { issues } = validateConfig({ optimizer: { learningRate: -1 } });
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'out-of-range');
  assert.equal(formatConfigPath(issues[0].path), 'optimizer.learningRate');
  assert.match(issues[0].message, /-1 is out of range; it must be greater than 0 and at most 10/);
});

test('enum typo suggests nearest value', () => {
  const { issues } = validateConfig({ method: 'mmparetto' });
  assert.equal(issues[0].code, 'invalid-enum');
  assert.equal(issues[0].suggestion, 'mmpareto');
});

test('wrong type and non-integer are rejected', () => {
  const { issues } = validateConfig({ epochs: 'three', batchSize: 6.5 });
  assert.equal(issues.length, 2);
  assert.deepEqual(issues.map((issue) => issue.code), ['wrong-type', 'wrong-type']);
  assert.deepEqual(issues.map((issue) => formatConfigPath(issue.path)), ['epochs', 'batchSize']);
});

test('npy config needs paths and labels', () => {
  const { issues } = validateConfig({ data: { kind: 'npy' }, modalities: [{ name: 'audio' }] });
  const messages = issues.map((issue) => issue.message);
  assert.ok(messages.some((message) => message.includes('needs at least two modalities')));
  assert.ok(messages.some((message) => message.includes('missing train')));
  assert.ok(messages.some((message) => message.includes('missing trainLabels')));
});

test('cg-mnist rejects foreign modality names', () => {
  const { issues } = validateConfig({ modalities: [{ name: 'grey' }] });
  assert.equal(issues.length, 1);
  assert.equal(issues[0].suggestion, 'gray');
  assert.equal(formatConfigPath(issues[0].path), 'modalities[0].name');
});

test('nearest name ignores distant words', () => {
  assert.equal(nearestName('batchsize', ['batchSize', 'epochs']), 'batchSize');
  assert.equal(nearestName('zzzzzz', ['batchSize', 'epochs']), undefined);
});

test('settings that do not apply warn', () => {
  const { config, issues } = validateConfig({ method: 'uniform', gamma: 2, data: { kind: 'synthetic', colorJitterVariance: 0.1 }, optimizer: { type: 'adam', momentum: 0.5 } });
  assert.notEqual(config, undefined);
  assert.deepEqual(issues.map((issue) => formatConfigPath(issue.path)), ['gamma', 'optimizer.momentum', 'data.colorJitterVariance']);
  assert.ok(issues.every((issue) => issue.severity === 'warning' && issue.code === 'not-applicable'));
  assert.equal(issues[0].message, 'gamma: applies only to method mmpareto, so it has no effect with method uniform; remove it or set method to mmpareto.');
  assert.match(issues[2].message, /applies only to data\.kind cg-mnist, so it has no effect with data\.kind synthetic/);
});

test('applicable settings do not warn', () => {
  const { issues } = validateConfig({ method: 'mmpareto', gamma: 2, optimizer: { type: 'adam', beta1: 0.8 }, data: { colorJitterVariance: 0.1 } });
  assert.deepEqual(issues, []);
});
