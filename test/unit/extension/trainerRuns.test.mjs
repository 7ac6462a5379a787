// Drives the real trainer (dist/trainer/cli.js) through the extension's launcher and runs model:
// start, IPC messages, stop, a killed trainer, a window reload that re-attaches, a config the
// trainer rejects, and the Node.js fallback. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExtensionModules, nextEvent, recordingLogger, temporaryWorkspace, waitFor } from './helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const cliPath = join(root, 'dist/trainer/cli.js');
const m = await loadExtensionModules();

/** Enough epochs of 4 steps that the run trains until a test stops it. */
const longTemplate = {
  id: 'test-long',
  label: 'long synthetic',
  description: '',
  config: { method: 'mmpareto', epochs: 5000, batchSize: 64, data: { kind: 'synthetic', trainSize: 256, testSize: 64 } },
};

const settings = { nodeExecutable: { kind: 'default' }, defaultBackend: 'cpu', maxRunsShown: 100 };
const environment = { cliPath, editorRuntimePath: process.execPath, env: process.env };

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function metricsLines(directory) {
  return readFileSync(join(directory, 'metrics.jsonl'), 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

function newModel(log) {
  return new m.RunsModel({ log, followIntervalMs: 100, rescanIntervalMs: 60000 });
}

test('trainer bundle exists', () => {
  assert.ok(existsSync(cliPath), `${cliPath} is missing; run npm run build`);
});

test('run start, IPC records, stop', async () => {
  const workspace = temporaryWorkspace();
  const log = recordingLogger();
  const model = newModel(log);
  await model.setFolders([workspace]);
  try {
    const appended = [];
    model.onDidAppendRecords((event) => appended.push(...event.records));
    const { runId, launch } = await m.startRun(model, { source: { kind: 'template', template: longTemplate }, workspaceFolder: workspace, settings }, environment, log);
    const ipcRecords = [];
    launch.process.onDidReceiveRecord((record) => ipcRecords.push(record));
    const ready = launch.process.ready ?? (await nextEvent(launch.process.onDidReceiveReady, undefined, 30000, 'ready'));

    assert.equal(ready.runId, runId);
    assert.equal(ready.pid, launch.process.pid);
    assert.equal(ready.runDirectory, join(workspace, '.mmpareto/runs', runId));
    assert.equal(launch.backend, 'cpu');
    assert.equal(launch.usedEditorRuntime, false);

    await waitFor(() => ipcRecords.filter((record) => record.type === 'step').length >= 6, 60000, 'six step records over IPC');
    assert.equal(ipcRecords[0].type, 'run-start');
    await waitFor(() => appended.some((record) => record.type === 'step'), 10000, 'records from the metrics file');
    assert.equal(model.getRun(runId).status, 'running');
    assert.equal(model.getRun(runId).control, 'child');

    const stopped = nextEvent(model.onDidChangeStatus, (event) => event.runId === runId, 60000, 'status change');
    const outcome = model.stopRun(runId);
    assert.deepEqual(outcome, { kind: 'requested', via: 'ipc', pid: launch.process.pid });
    const event = await stopped;

    assert.equal(event.status, 'stopped');
    assert.equal(event.previous, 'running');
    const directory = join(workspace, '.mmpareto/runs', runId);
    const summary = readJson(join(directory, 'summary.json'));
    assert.equal(summary.status, 'stopped');
    const lines = metricsLines(directory);
    const steps = lines.filter((record) => record.type === 'step');
    assert.ok(steps.length >= 6, `${steps.length} step records kept`);
    assert.equal(summary.stepsCompleted, steps.at(-1).step);
    assert.equal(model.getRun(runId).status, 'stopped');
    assert.equal(launch.process.exit.code, 0);
    assert.match(log.text('info'), new RegExp(`run ${runId} started: pid ${launch.process.pid}, backend cpu`));
    assert.match(log.text('info'), new RegExp(`run ${runId} stopped: pid ${launch.process.pid}, exit code 0, backend cpu`));

    const snapshot = await model.getSnapshot(runId);
    assert.equal(snapshot.records.length, lines.length);
    assert.equal(snapshot.status, 'stopped');
    assert.equal(snapshot.summary.status, 'stopped');
  } finally {
    model.dispose();
  }
});

test('killed trainer ends as failed', async () => {
  const workspace = temporaryWorkspace();
  const log = recordingLogger();
  const model = newModel(log);
  await model.setFolders([workspace]);
  try {
    const { runId, launch } = await m.startRun(model, { source: { kind: 'template', template: longTemplate }, workspaceFolder: workspace, settings }, environment, log);
    await waitFor(() => (model.getRun(runId)?.step ?? 0) >= 4, 60000, 'four steps');
    const ended = nextEvent(model.onDidChangeStatus, (event) => event.runId === runId, 30000, 'status change');
    process.kill(launch.process.pid, 'SIGKILL');
    const event = await ended;

    assert.equal(event.status, 'failed');
    assert.equal(launch.process.exit.signal, 'SIGKILL');
    const directory = join(workspace, '.mmpareto/runs', runId);
    const summary = readJson(join(directory, 'summary.json'));
    assert.equal(summary.status, 'failed');
    assert.match(summary.error.message, /trainer was ended by signal SIGKILL without writing a summary/);
    assert.equal(summary.runId, runId);
    assert.equal(summary.method, 'mmpareto');
    assert.equal(summary.dataset, 'synthetic');
    assert.equal(summary.backend, 'cpu');
    const steps = metricsLines(directory).filter((record) => record.type === 'step');
    assert.ok(summary.stepsCompleted >= 4);
    assert.ok(steps.at(-1).step >= summary.stepsCompleted, 'summary counts only steps read from the file');
    assert.ok(existsSync(join(directory, 'config.json')));
    assert.match(log.text('error'), new RegExp(`run ${runId} failed: pid ${launch.process.pid}, signal SIGKILL, backend cpu`));
    assert.equal(model.getRun(runId).status, 'failed');
  } finally {
    model.dispose();
  }
});

test('reload re-attaches by tailing', async () => {
  const workspace = temporaryWorkspace();
  const firstLog = recordingLogger();
  const first = newModel(firstLog);
  await first.setFolders([workspace]);
  const { runId, launch } = await m.startRun(first, { source: { kind: 'template', template: longTemplate }, workspaceFolder: workspace, settings }, environment, firstLog);
  const pid = launch.process.pid;
  await waitFor(() => (first.getRun(runId)?.step ?? 0) >= 4, 60000, 'four steps');
  // A window reload: the extension host lets go of the IPC channel and the pipes.
  first.dispose();
  const lastStepBefore = first.getRun(runId).step;
  // The trainer must keep going without its parent: IPC sends and stdout writes now fail with EPIPE.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(m.isPidAlive(pid), true, `trainer pid ${pid} ended after its parent let go of the IPC channel and pipes; see the end of ${join(workspace, '.mmpareto/runs', runId, 'trainer.log')}`);

  const secondLog = recordingLogger();
  const second = newModel(secondLog);
  try {
    await second.setFolders([workspace]);
    const found = second.getRun(runId);
    assert.equal(found.status, 'running');
    assert.equal(found.control, 'signal');
    assert.equal(found.pid, pid);
    assert.match(secondLog.text('info'), new RegExp(`run ${runId}: following a running trainer \\(pid ${pid}`));

    const appended = await nextEvent(second.onDidAppendRecords, (event) => event.runId === runId && event.records.some((record) => record.type === 'step' && record.step > lastStepBefore + 8), 60000, 'records after the reload');
    assert.ok(appended.records.length > 0);

    const ended = nextEvent(second.onDidChangeStatus, (event) => event.runId === runId, 60000, 'status change');
    assert.deepEqual(second.stopRun(runId), { kind: 'requested', via: 'signal', pid });
    const event = await ended;
    assert.equal(event.status, 'stopped');
    assert.equal(event.summary.status, 'stopped');
    assert.ok(event.summary.stepsCompleted > lastStepBefore + 8);
  } finally {
    second.dispose();
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already ended.
    }
  }
});

test('rejected config fails to start', async () => {
  const workspace = temporaryWorkspace();
  const log = recordingLogger();
  const model = newModel(log);
  await model.setFolders([workspace]);
  try {
    const runId = '20261204-000000-mmpareto-0bad';
    const launch = await m.launchTrainer(
      {
        cliPath,
        command: { workspace, runId, overrides: [{ path: 'epochs', value: 'many' }], quiet: true },
        backend: 'cpu',
        nodeExecutable: { kind: 'default' },
        editorRuntimePath: process.execPath,
        cwd: workspace,
        env: process.env,
      },
      log,
    );
    model.adoptChild(runId, workspace, launch.process, { method: 'mmpareto', startedMs: Date.now() });
    assert.equal(model.getRun(runId).statusDetail, 'starting');
    const failed = await nextEvent(model.onDidFailToStart, (event) => event.runId === runId, 30000, 'start failure');

    assert.equal(failed.exit.code, 2);
    assert.match(failed.exit.stderrTail.join('\n'), /epochs: expected a whole number at least 1 and at most 10000, got "many"/);
    assert.equal(model.getRun(runId), undefined);
    assert.equal(existsSync(join(workspace, '.mmpareto/runs', runId)), false);
  } finally {
    model.dispose();
  }
});

test('missing node falls back to editor runtime', async () => {
  const workspace = temporaryWorkspace();
  const log = recordingLogger();
  const runId = '20261204-000000-mmpareto-0f0b';
  const launch = await m.launchTrainer(
    {
      cliPath,
      command: { workspace, runId, overrides: m.configToOverrides({ epochs: 1, data: { kind: 'synthetic', trainSize: 128, testSize: 64 } }), quiet: true },
      backend: 'auto',
      nodeExecutable: { kind: 'default' },
      editorRuntimePath: process.execPath,
      cwd: workspace,
      env: { ...process.env, PATH: join(workspace, 'no-such-bin') },
    },
    log,
  );
  const exit = await nextEvent(launch.process.onDidExit, undefined, 60000, 'exit');

  assert.equal(launch.usedEditorRuntime, true);
  assert.equal(launch.executable, process.execPath);
  assert.equal(launch.backend, 'wasm');
  assert.equal(launch.args[launch.args.indexOf('--backend') + 1], 'wasm');
  assert.equal(exit.code, 0, exit.stderrTail.join('\n'));
  assert.match(log.text('info'), /node \(from PATH\) failed to start \(ENOENT\); running the trainer on the editor's runtime .*backend auto becomes wasm/);
  const summary = readJson(join(workspace, '.mmpareto/runs', runId, 'summary.json'));
  assert.equal(summary.status, 'completed');
  assert.equal(summary.backend, 'wasm');
});

test('node backend needs real node', async () => {
  const workspace = temporaryWorkspace();
  const request = {
    cliPath,
    command: { workspace, runId: '20261204-000000-mmpareto-0c0c', overrides: [] },
    backend: 'node',
    nodeExecutable: { kind: 'default' },
    editorRuntimePath: process.execPath,
    cwd: workspace,
    env: { ...process.env, PATH: join(workspace, 'no-such-bin') },
  };
  await assert.rejects(m.launchTrainer(request, recordingLogger()), (error) => {
    assert.equal(error.name, 'TrainerLaunchError');
    assert.match(error.message, /The node backend needs Node\.js, but node \(from PATH\) failed to start \(ENOENT\)/);
    assert.match(error.message, /mmpareto\.nodePath/);
    return true;
  });
});

test('configured node path must exist', async () => {
  const workspace = temporaryWorkspace();
  const missing = join(workspace, 'bin', 'node');
  const request = {
    cliPath,
    command: { workspace, runId: '20261204-000000-mmpareto-0d0d', overrides: [] },
    backend: 'cpu',
    nodeExecutable: { kind: 'path', path: missing },
    editorRuntimePath: process.execPath,
    cwd: workspace,
    env: process.env,
  };
  await assert.rejects(m.launchTrainer(request, recordingLogger()), (error) => {
    assert.equal(error.name, 'TrainerLaunchError');
    assert.equal(error.message, `mmpareto.nodePath is "${missing}", which does not exist. Set it to the full path of a Node.js 20 or later executable, or clear it to use node from PATH.`);
    return true;
  });
  assert.equal(existsSync(join(workspace, '.mmpareto')), false);
});

test('configured command not on PATH', async () => {
  const workspace = temporaryWorkspace();
  const request = {
    cliPath,
    command: { workspace, runId: '20261204-000000-mmpareto-0e0e', overrides: [] },
    backend: 'cpu',
    nodeExecutable: { kind: 'command', command: 'node-does-not-exist' },
    editorRuntimePath: process.execPath,
    cwd: workspace,
    env: process.env,
  };
  await assert.rejects(m.launchTrainer(request, recordingLogger()), /mmpareto\.nodePath is "node-does-not-exist", which was not found on PATH/);
});

test('missing working folder is named', async () => {
  const workspace = join(temporaryWorkspace(), 'gone');
  const request = {
    cliPath,
    command: { workspace, runId: '20261204-000000-mmpareto-0a0a', overrides: [] },
    backend: 'cpu',
    nodeExecutable: { kind: 'default' },
    editorRuntimePath: process.execPath,
    cwd: workspace,
    env: process.env,
  };
  await assert.rejects(m.launchTrainer(request, recordingLogger()), {
    name: 'TrainerLaunchError',
    message: `The folder ${workspace} does not exist, so the trainer cannot start there. Open an existing workspace folder.`,
  });
});
