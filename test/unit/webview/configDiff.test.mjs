// Tests of config flattening and the differing-keys table of the compare view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { JOINT_RUN, MMPARETO_RUN, UNIFORM_RUN, readSnapshot } from './helpers/fixtures.mjs';

const { flattenConfig, differingConfigKeys } = await importModule('webview/model/configDiff.ts');
const { configDifferenceTable, displayConfigValue } = await importModule('webview/model/compareTables.ts');

test('flatten nests with dots', () => {
  const flat = flattenConfig({ method: 'joint', optimizer: { learningRate: 0.01, type: 'sgd' } });
  assert.deepEqual([...flat], [
    ['method', '"joint"'],
    ['optimizer.learningRate', '0.01'],
    ['optimizer.type', '"sgd"'],
  ]);
});

test('flatten indexes object lists', () => {
  const flat = flattenConfig({ modalities: [{ name: 'gray', hidden: [128, 64] }, { name: 'colored', hidden: [] }] });
  assert.deepEqual([...flat], [
    ['modalities[0].name', '"gray"'],
    ['modalities[0].hidden', '[128,64]'],
    ['modalities[1].name', '"colored"'],
    ['modalities[1].hidden', '[]'],
  ]);
});

test('flatten keeps empty object', () => {
  assert.deepEqual([...flattenConfig({ extra: {} })], [['extra', '{}']]);
});

test('differing keys only', () => {
  const differences = differingConfigKeys([
    { method: 'mmpareto', seed: 0, optimizer: { learningRate: 0.002, momentum: 0.9 } },
    { method: 'uniform', seed: 0, optimizer: { learningRate: 0.01, momentum: 0.9 } },
  ]);
  assert.deepEqual(differences, [
    { path: 'method', values: ['"mmpareto"', '"uniform"'] },
    { path: 'optimizer.learningRate', values: ['0.002', '0.01'] },
  ]);
});

test('missing key counts as different', () => {
  const differences = differingConfigKeys([{ a: 1 }, { a: 1, b: 2 }, { a: 1 }]);
  assert.deepEqual(differences, [{ path: 'b', values: [undefined, '2', undefined] }]);
});

test('unreadable config left out', () => {
  const differences = differingConfigKeys([{ a: 1, b: 2 }, undefined, { a: 1, b: 3 }]);
  assert.deepEqual(differences, [{ path: 'b', values: ['2', undefined, '3'] }]);
});

test('recorded runs differ in set keys', () => {
  const configs = [MMPARETO_RUN, UNIFORM_RUN, JOINT_RUN].map((runId) => readSnapshot(runId).config);
  const paths = differingConfigKeys(configs).map((difference) => difference.path);
  // The three runs were started with different --set name, method, seed, epochs, batchSize,
  // data.trainSize and data.testSize; every other key took its default. runtime.runId and
  // runtime.createdAt differ too but are skipped by default.
  assert.deepEqual(paths.sort(), ['batchSize', 'data.testSize', 'data.trainSize', 'epochs', 'method', 'name', 'seed'].sort());
});

test('identity paths skipped unless asked', () => {
  const configs = [{ runtime: { runId: 'a', hostname: 'h' } }, { runtime: { runId: 'b', hostname: 'h' } }];
  assert.deepEqual(differingConfigKeys(configs), []);
  assert.deepEqual(differingConfigKeys(configs, new Set()).map((difference) => difference.path), ['runtime.runId']);
});

test('table shows strings unquoted', () => {
  const table = configDifferenceTable([{ path: 'method', values: ['"joint"', undefined] }], ['R1 a', 'R2 b']);
  assert.deepEqual(table.headers, ['Config key', 'R1 a', 'R2 b']);
  assert.deepEqual(table.rows, [['method', 'joint', '(not set)']]);
});

test('display keeps non-strings', () => {
  assert.equal(displayConfigValue('[16,32]'), '[16,32]');
  assert.equal(displayConfigValue('true'), 'true');
  assert.equal(displayConfigValue('"a \\"b\\""'), 'a "b"');
});
