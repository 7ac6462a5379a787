// Settings values, command arguments, the trainer's command line, Runs view wording and the data
// source the panels call with run ids from webview messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadExtensionModules, recordingLogger, temporaryWorkspace } from './helpers.mjs';

const m = await loadExtensionModules();

const settingsFrom = (values) => m.readSettings((name) => values[name]);

test('settings defaults', () => {
  const { settings, problems } = settingsFrom({});
  assert.deepEqual(settings, { nodeExecutable: { kind: 'default' }, defaultBackend: 'auto', maxRunsShown: 200 });
  assert.deepEqual(problems, []);
});

test('node path forms', () => {
  assert.deepEqual(settingsFrom({ 'mmpareto.nodePath': 'node' }).settings.nodeExecutable, { kind: 'default' });
  assert.deepEqual(settingsFrom({ 'mmpareto.nodePath': '  ' }).settings.nodeExecutable, { kind: 'default' });
  assert.deepEqual(settingsFrom({ 'mmpareto.nodePath': 'node20' }).settings.nodeExecutable, { kind: 'command', command: 'node20' });
  assert.deepEqual(settingsFrom({ 'mmpareto.nodePath': '/opt/node/bin/node' }).settings.nodeExecutable, { kind: 'path', path: '/opt/node/bin/node' });
  assert.deepEqual(settingsFrom({ 'mmpareto.nodePath': '~/.nvm/node' }).settings.nodeExecutable, { kind: 'path', path: join(homedir(), '.nvm/node') });
});

test('invalid node path values', () => {
  const relative = settingsFrom({ 'mmpareto.nodePath': 'bin/node' });
  assert.deepEqual(relative.settings.nodeExecutable, { kind: 'default' });
  assert.equal(relative.problems.length, 1);
  assert.equal(relative.problems[0].setting, 'mmpareto.nodePath');
  assert.match(relative.problems[0].message, /^mmpareto\.nodePath is "bin\/node", a relative path; using node from PATH\. Use an absolute path/);

  const number = settingsFrom({ 'mmpareto.nodePath': 42 });
  assert.deepEqual(number.settings.nodeExecutable, { kind: 'default' });
  assert.match(number.problems[0].message, /^mmpareto\.nodePath is 42, which is not a string/);
});

test('invalid backend and run count', () => {
  const { settings, problems } = settingsFrom({ 'mmpareto.defaultBackend': 'gpu', 'mmpareto.maxRunsShown': 0 });
  assert.equal(settings.defaultBackend, 'auto');
  assert.equal(settings.maxRunsShown, 1);
  assert.equal(problems.length, 2);
  assert.equal(problems[0].message, 'mmpareto.defaultBackend is "gpu", which is not a backend; using auto. Use one of auto, node-gpu, node, wasm, cpu.');
  assert.equal(problems[1].message, 'mmpareto.maxRunsShown is 0, out of range; using 1. Set a number of runs from 1 to 10000.');

  assert.equal(settingsFrom({ 'mmpareto.maxRunsShown': 20000 }).settings.maxRunsShown, 10000);
  const fraction = settingsFrom({ 'mmpareto.maxRunsShown': 2.5 });
  assert.equal(fraction.settings.maxRunsShown, 200);
  assert.match(fraction.problems[0].message, /is 2\.5, which is not a whole number; using 200/);
  assert.equal(settingsFrom({ 'mmpareto.maxRunsShown': '50' }).settings.maxRunsShown, 200);
});

test('command args from tree and ids', () => {
  const node = (runId) => ({ kind: 'run', runId });
  assert.deepEqual(m.runIdsFromArgs([]), []);
  assert.deepEqual(m.runIdsFromArgs(['a']), ['a']);
  assert.deepEqual(m.runIdsFromArgs([node('a')]), ['a']);
  assert.deepEqual(m.runIdsFromArgs([node('a'), [node('a'), node('b'), node('a')]]), ['a', 'b'], 'the selection, without duplicates');
  assert.deepEqual(m.runIdsFromArgs([node('c'), [node('a'), node('b')]]), ['c'], 'a click outside the selection wins');
  assert.deepEqual(m.runIdsFromArgs([['x', 'y']]), ['x', 'y']);
  assert.deepEqual(m.runIdsFromArgs([{ kind: 'more', hidden: 3 }]), []);
  assert.deepEqual(m.runIdsFromArgs([{ fsPath: '/tmp/a.mmpareto.yaml' }]), []);
});

test('train arguments', () => {
  const args = m.buildTrainArguments({ workspace: '/w', runId: 'r', configFile: '/w/a.mmpareto.yaml', overrides: [{ path: 'name', value: '123' }, { path: 'epochs', value: 2 }, { path: 'modalities.0.hidden', value: [16, 8] }], backend: 'wasm', quiet: true });
  assert.deepEqual(args, ['train', '--workspace', '/w', '--run-id', 'r', '--config', '/w/a.mmpareto.yaml', '--set', 'name="123"', '--set', 'epochs=2', '--set', 'modalities.0.hidden=[16, 8]', '--backend', 'wasm', '--quiet']);
});

test('template config to overrides', () => {
  const overrides = m.configToOverrides({ method: 'mmpareto', epochs: 2, checkpoint: false, data: { kind: 'synthetic', trainSize: 512 } });
  assert.deepEqual(overrides, [
    { path: 'method', value: 'mmpareto' },
    { path: 'epochs', value: 2 },
    { path: 'checkpoint', value: false },
    { path: 'data.kind', value: 'synthetic' },
    { path: 'data.trainSize', value: 512 },
  ]);
  assert.throws(() => m.configToOverrides({ modalities: [{ name: 'easy' }] }), /modalities: a list of mappings cannot be passed as a --set override/);
});

const baseRun = {
  runId: '20261204-201530-mmpareto-3fa2',
  folder: '/w',
  directory: '/w/.mmpareto/runs/20261204-201530-mmpareto-3fa2',
  name: 'cg *bold* run',
  status: 'completed',
  control: 'none',
  stopping: false,
  method: 'mmpareto',
  dataset: 'cg-mnist',
  startedMs: new Date(2026, 11, 4, 20, 15).getTime(),
  elapsedMs: 192000,
  bestAccuracy: { fused: 0.9712, unimodal: { gray: 0.95, colored: 0.4 }, epoch: 3 },
  conflictShare: { gray: 0.125, colored: 0.5 },
  warnings: [],
};

test('run description and icon', () => {
  const presentation = m.presentRun(baseRun, { nowMs: Date.now() });
  assert.equal(presentation.label, 'cg *bold* run');
  assert.equal(presentation.description, 'mmpareto · cg-mnist · best 97.1% · 2026-12-04 20:15');
  assert.deepEqual(presentation.icon, { id: 'pass', color: 'testing.iconPassed' });
  assert.equal(presentation.contextValue, 'mmparetoRun.completed');
  assert.match(presentation.tooltip, /\*\*cg \\\*bold\\\* run\*\*/, 'run names are escaped in the tooltip');
  assert.match(presentation.tooltip, /Duration: 3 min 12 s/);
  assert.match(presentation.tooltip, /Conflicting steps: gray 12\.5%, colored 50\.0%/);
});

test('running run presentation', () => {
  const running = { ...baseRun, status: 'running', control: 'signal', epoch: 2, epochs: 3, step: 150, totalSteps: 282, bestAccuracy: undefined, elapsedMs: undefined };
  const presentation = m.presentRun(running, { nowMs: baseRun.startedMs + 65000, folderName: 'lab' });
  assert.equal(presentation.description, 'lab · mmpareto · cg-mnist · epoch 2/3');
  assert.deepEqual(presentation.icon, { id: 'loading~spin', color: 'charts.blue' });
  assert.equal(presentation.contextValue, 'mmparetoRun.running');
  assert.match(presentation.tooltip, /Duration: 1 min 05 s/);
  assert.equal(m.presentRun({ ...running, control: 'none' }, { nowMs: 0 }).contextValue, 'mmparetoRun.runningElsewhere');
  assert.equal(m.presentRun({ ...running, stopping: true }, { nowMs: 0 }).description, 'mmpareto · cg-mnist · stopping at epoch 2/3');
});

test('failed run tooltip keeps the error', () => {
  const failed = { ...baseRun, status: 'failed', errorMessage: 'trainer was ended by signal SIGKILL\n```\nstack', warnings: ['/w/x/config.json: invalid JSON'] };
  const presentation = m.presentRun(failed, { nowMs: 0 });
  assert.deepEqual(presentation.icon, { id: 'error', color: 'testing.iconFailed' });
  assert.match(presentation.tooltip, /````text\ntrainer was ended by signal SIGKILL\n```\nstack\n````/);
  assert.match(presentation.tooltip, /- \/w\/x\/config\\\.json: invalid JSON/);
});

test('duration formatting', () => {
  assert.equal(m.formatDuration(0), '0 s');
  assert.equal(m.formatDuration(59400), '59 s');
  assert.equal(m.formatDuration(60000), '1 min 00 s');
  assert.equal(m.formatDuration(3723000), '1 h 02 min');
});

test('status bar text', () => {
  assert.equal(m.statusBarContent([baseRun]), undefined);
  const running = { ...baseRun, status: 'running', epoch: 2, epochs: 3, step: 150, totalSteps: 282, conflictShare: { gray: 0.234, colored: 0.5 } };
  const older = { ...running, runId: 'older', startedMs: running.startedMs - 1000 };
  const content = m.statusBarContent([older, running, baseRun]);
  assert.equal(content.runId, running.runId);
  assert.equal(content.text, '$(loading~spin) MMPareto (+1): epoch 2/3 · step 150/282 · conflicts gray 23% colored 50%');
  assert.match(content.tooltip, /2 runs are training; this is the newest\./);
  const starting = m.statusBarContent([{ ...running, epoch: undefined, step: undefined, statusDetail: 'starting' }]);
  assert.equal(starting.text, '$(loading~spin) MMPareto: starting');
});

test('data source rejects unknown ids', async () => {
  const model = new m.RunsModel({ log: recordingLogger(), followIntervalMs: 60000, rescanIntervalMs: 60000 });
  const calls = [];
  const source = m.createRunDataSource(model, {
    stop: async (runId) => calls.push(['stop', runId]),
    showLog: async (runId) => calls.push(['showLog', runId]),
    exportCsv: async (runId) => calls.push(['exportCsv', runId]),
  });
  try {
    await model.setFolders([temporaryWorkspace()]);
    assert.equal(await source.getSnapshot('no-such-run'), undefined);
    assert.equal(await source.getSnapshot('../../etc'), undefined);
    assert.deepEqual(model.stopRun('no-such-run'), { kind: 'not-found' });
    assert.equal(model.killRun('no-such-run'), false);
    await source.stopRun('r1');
    await source.exportCsv('r2');
    assert.deepEqual(calls, [['stop', 'r1'], ['exportCsv', 'r2']]);
    assert.equal(source.onDidAppendRecords, model.onDidAppendRecords);
  } finally {
    model.dispose();
  }
});

test('line splitter and last lines', () => {
  const lines = [];
  const splitter = new m.LineSplitter((line) => lines.push(line));
  splitter.write('one\r\ntw');
  splitter.write('o\nthree');
  assert.deepEqual(lines, ['one', 'two']);
  splitter.end();
  assert.deepEqual(lines, ['one', 'two', 'three']);

  const last = new m.LastLines(2, 5);
  ['a', 'b', 'abcdefgh'].forEach((line) => last.push(line));
  assert.deepEqual(last.toArray(), ['b', 'abcde…']);
});
