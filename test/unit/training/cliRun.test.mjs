// Runs the bundled trainer CLI for real on small synthetic data and checks the run directory,
// the IPC messages and the stop paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(root, 'dist/trainer/cli.js');
const quick = ['--set', 'data.kind=synthetic', '--set', 'data.trainSize=512', '--set', 'data.testSize=256', '--backend', 'cpu', '--quiet'];

function runCli(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function readRun(workspace) {
  const runsFolder = join(workspace, '.mmpareto/runs');
  const [runId] = readdirSync(runsFolder);
  const directory = join(runsFolder, runId);
  // A live run may be mid-line: only newline-terminated lines are complete records.
  const lines = readFileSync(join(directory, 'metrics.jsonl'), 'utf8').split('\n').slice(0, -1);
  const records = lines.map((line) => JSON.parse(line));
  const summary = existsSync(join(directory, 'summary.json')) ? JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) : undefined;
  return { runId, directory, records, summary };
}

test('synthetic run completes and learns', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-cli-'));
  const result = await runCli(['train', ...quick, '--set', 'epochs=3', '--set', 'optimizer.learningRate=0.05', '--workspace', workspace]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /epoch 3\/3  test accuracy: fused \d+\.\d%/);

  const { records, summary, directory } = readRun(workspace);
  assert.equal(records[0].type, 'run-start');
  assert.deepEqual(records[0].modalities, ['easy', 'hard']);
  assert.equal(records[0].stepsPerEpoch, 8);
  const steps = records.filter((record) => record.type === 'step');
  const epochs = records.filter((record) => record.type === 'epoch');
  assert.equal(steps.length, 24);
  assert.equal(epochs.length, 3);
  assert.deepEqual(steps.map((record) => record.step), Array.from({ length: 24 }, (_, index) => index + 1));
  assert.equal(records.at(-1).type, 'run-end');
  assert.equal(records.at(-1).status, 'completed');

  for (const step of steps) {
    for (const modality of ['easy', 'hard']) {
      const metrics = step.encoders[modality];
      assert.ok(metrics.cosine >= -1, `cosine ${metrics.cosine}`);
      assert.ok(metrics.cosine <= 1, `cosine ${metrics.cosine}`);
      assert.equal(metrics.conflict, metrics.cosine <= 0);
      assert.ok(Math.abs(metrics.weightMultimodal + metrics.weightUnimodal - 1) < 1e-9);
      assert.ok(metrics.normMultimodal > 0);
      assert.ok(metrics.rescale >= 1 - 1e-6);
    }
  }
  // Four classes: chance is 25%. The easy modality separates them well after three epochs.
  assert.ok(summary.bestAccuracy.fused > 0.6, `fused accuracy ${summary.bestAccuracy.fused}`);
  assert.ok(summary.finalAccuracy.unimodal.easy > 0.6, `easy accuracy ${summary.finalAccuracy.unimodal.easy}`);
  assert.equal(summary.status, 'completed');
  assert.equal(summary.epochsCompleted, 3);
  assert.equal(summary.stepsCompleted, 24);
  assert.equal(summary.backend, 'cpu');

  const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
  assert.equal(config.method, 'mmpareto');
  assert.equal(config.backend, 'cpu');
  assert.equal(config.runtime.backendRequested, 'cpu');
  assert.equal(config.data.kind, 'synthetic');
  assert.ok(existsSync(join(directory, 'checkpoint/model.json')));
  assert.ok(existsSync(join(directory, 'trainer.log')));
  assert.equal(existsSync(join(directory, 'process.json')), false);
});

test('same seed reproduces a run', async () => {
  const first = mkdtempSync(join(tmpdir(), 'mmpareto-seed-'));
  const second = mkdtempSync(join(tmpdir(), 'mmpareto-seed-'));
  const args = ['train', ...quick, '--set', 'epochs=1', '--set', 'maxStepsPerEpoch=4'];
  await runCli([...args, '--workspace', first]);
  await runCli([...args, '--workspace', second]);
  const losses = (workspace) => readRun(workspace).records.filter((record) => record.type === 'step').map((record) => record.losses.total);
  assert.deepEqual(losses(first), losses(second));
});

test('invalid config writes nothing', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-invalid-'));
  const configPath = join(workspace, 'bad.mmpareto.yaml');
  writeFileSync(configPath, 'method: mmpareto\ngama: 2\noptimizer:\n  learningRate: -1\n');
  const result = await runCli(['train', '--config', configPath, '--workspace', workspace]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.mmpareto\.yaml:2:1: error: gama: unknown key "gama"\. Did you mean "gamma"\?/);
  assert.match(result.stderr, /bad\.mmpareto\.yaml:4:17: error: optimizer\.learningRate: -1 is out of range/);
  assert.equal(existsSync(join(workspace, '.mmpareto')), false);
});

test('ipc stop ends run as stopped', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-ipc-'));
  const child = fork(cli, ['train', ...quick, '--set', 'epochs=50', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const messages = [];
  const exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise((resolve) => {
    child.on('message', (message) => {
      messages.push(message);
      if (message.kind === 'record' && message.record.type === 'step' && message.record.step === 3) {
        child.send({ kind: 'stop' });
        resolve();
      }
    });
  });
  assert.equal(await exit, 0);
  assert.equal(messages[0].kind, 'ready');
  assert.ok(messages.some((message) => message.kind === 'log' && /backend/i.test(message.message)));
  const { records, summary } = readRun(workspace);
  assert.equal(summary.status, 'stopped');
  assert.ok(summary.stepsCompleted >= 3, `stopped after ${summary.stepsCompleted} steps`);
  assert.ok(summary.stepsCompleted <= 5, `stopped after ${summary.stepsCompleted} steps`);
  assert.equal(records.at(-1).status, 'stopped');
  const sentRecords = messages.filter((message) => message.kind === 'record').map((message) => message.record);
  assert.deepEqual(sentRecords, records);
});

test('sigint ends run as stopped', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-sigint-'));
  const child = spawn(process.execPath, [cli, 'train', ...quick, '--set', 'epochs=50', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait until steps are being recorded, then interrupt as Ctrl-C would.
  while (!existsSync(join(workspace, '.mmpareto/runs')) || readRun(workspace).records.filter((record) => record.type === 'step').length < 2) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGINT');
  assert.equal(await exit, 0);
  const { summary } = readRun(workspace);
  assert.equal(summary.status, 'stopped');
});

test('diverging loss fails the run', async () => {
  // A learning rate of 10 with gamma 100 overflows float32 within a few steps.
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-nan-'));
  const result = await runCli(['train', ...quick, '--set', 'epochs=5', '--set', 'optimizer.learningRate=10', '--set', 'gamma=100', '--set', 'optimizer.momentum=0.99', '--workspace', workspace]);
  assert.equal(result.code, 1, result.stderr);
  const { summary, records } = readRun(workspace);
  assert.equal(summary.status, 'failed');
  assert.match(summary.error.message, /NaN or infinite/);
  assert.ok(summary.error.step >= 1);
  assert.equal(records.at(-1).type, 'run-end');
});

test('quiet failure still names the cause', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-quiet-'));
  const result = await runCli(['train', ...quick, '--set', 'batchSize=1024', '--workspace', workspace]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /error: run .*: failed after 0 epochs, 0 steps, .*batchSize: 1024 is larger than the 512 training samples/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'a stack trace reached the terminal');
  assert.equal(readRun(workspace).summary.status, 'failed');
});

test('list items can be set by index', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-index-'));
  const result = await runCli(['train', ...quick, '--set', 'epochs=1', '--set', 'maxStepsPerEpoch=1', '--set', 'modalities[0].name=easy', '--set', 'modalities[0].encoder=mlp', '--set', 'modalities[1].name=hard', '--set', 'modalities[1].encoder=mlp', '--set', 'modalities[1].hidden=[8]', '--workspace', workspace]);
  assert.equal(result.code, 0, result.stderr);
  const config = JSON.parse(readFileSync(join(readRun(workspace).directory, 'config.json'), 'utf8'));
  assert.deepEqual(config.modalities.map((modality) => modality.name), ['easy', 'hard']);
  assert.deepEqual(config.modalities[1].hidden, [8]);
  assert.deepEqual(config.modalities[0].hidden, [128]);
});

test('skipped list item is reported', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-hole-'));
  const result = await runCli(['train', ...quick, '--set', 'modalities[1].name=hard', '--workspace', workspace]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /modalities\[0\]: missing name/);
  assert.equal(existsSync(join(workspace, '.mmpareto')), false);
});
