// Reading run directories that are incomplete or damaged: the run must still be listed with
// what can be read, and each problem logged naming its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync, readFileSync, existsSync, truncateSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { loadExtensionModules, recordingLogger, temporaryWorkspace } from './helpers.mjs';

const m = await loadExtensionModules();

const config = {
  name: 'fixture run',
  method: 'mmpareto',
  gamma: 1.5,
  normRule: 'per-tensor',
  seed: 0,
  epochs: 3,
  maxStepsPerEpoch: 0,
  batchSize: 64,
  backend: 'cpu',
  checkpoint: true,
  optimizer: { type: 'sgd', learningRate: 0.002, momentum: 0.9, weightDecay: 0.0001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, lrDecayStep: 0, lrDecayRatio: 0.1 },
  data: { kind: 'synthetic', trainSize: 128, testSize: 64, colorJitterVariance: 0.03, colorLabelCorrelation: 1, classes: 4 },
  modalities: [
    { name: 'easy', encoder: 'mlp', hidden: [8], channels: [16, 32], width: 16, featureDim: 8 },
    { name: 'hard', encoder: 'mlp', hidden: [8], channels: [16, 32], width: 16, featureDim: 8 },
  ],
  runtime: { runId: 'x', createdAt: '2026-12-04T20:00:00.000Z', backendRequested: 'auto', backendDetail: 'cpu', versions: { node: 'v20', tfjsCore: '4.22.0', trainer: '0.1.0' }, hostname: 'lab' },
};

const encoder = (cosine) => ({ cosine, normMultimodal: 1, normUnimodal: 2, weightMultimodal: 0.5, weightUnimodal: 0.5, conflict: cosine <= 0, rescale: 1, updateNorm: 1, updateDotMultimodal: 0.1, updateDotUnimodal: 0.2 });
const runStart = { type: 'run-start', formatVersion: 1, runId: 'r', time: '2026-12-04T20:00:00.000Z', pid: 4242, backend: 'cpu', backendDetail: 'cpu', modalities: ['easy', 'hard'], classes: 4, trainSamples: 128, testSamples: 64, stepsPerEpoch: 2, totalSteps: 6, parameterCount: 10, config };
const step = (n, epoch, easyCosine, hardCosine) => ({ type: 'step', epoch, step: n, elapsedMs: n * 10, learningRate: 0.002, losses: { multimodal: 1, unimodal: { easy: 0.5, hard: 0.7 }, total: 2.2 }, encoders: { easy: encoder(easyCosine), hard: encoder(hardCosine) } });
const epoch = (n, fused, easy = 0.5, hard = 0.25) => ({ type: 'epoch', epoch: n, step: n * 2, elapsedMs: n * 25, learningRate: 0.002, trainLoss: 2, testAccuracy: { fused, unimodal: { easy, hard } }, conflictShare: { easy: 0.5, hard: 0 }, samplesPerSecond: 100 });

const HOUR = 3600 * 1000;

function makeRun(workspace, runId, files) {
  const directory = join(workspace, '.mmpareto/runs', runId);
  mkdirSync(directory, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(directory, name), typeof content === 'string' ? content : `${JSON.stringify(content)}\n`);
  }
  return directory;
}

const jsonLines = (records) => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** A model whose clock runs an hour ahead, so fresh fixture folders are not mistaken for starting runs. */
function modelAnHourAhead(log, options = {}) {
  return new m.RunsModel({ log, now: () => Date.now() + HOUR, followIntervalMs: 60000, rescanIntervalMs: 60000, ...options });
}

test('torn last line is skipped', async () => {
  const workspace = temporaryWorkspace();
  const records = [runStart, step(1, 1, 0.5, -0.1), step(2, 1, -0.2, 0.3), epoch(1, 0.6)];
  const directory = makeRun(workspace, 'torn', { 'config.json': config, 'metrics.jsonl': `${jsonLines(records)}{"type":"step","epoch":2,"st` });
  const log = recordingLogger();
  const model = modelAnHourAhead(log);
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('torn');

    assert.equal(run.status, 'failed');
    assert.equal(run.statusDetail, m.ENDED_WITHOUT_SUMMARY);
    assert.equal(run.step, 2);
    assert.equal(run.epoch, 1);
    assert.equal(run.bestAccuracy.fused, 0.6);
    assert.deepEqual(run.conflictShare, { easy: 0.5, hard: 0.5 });
    assert.equal(run.name, 'fixture run');
    const snapshot = await model.getSnapshot('torn');
    assert.equal(snapshot.records.length, 4);
    assert.match(log.text('warn'), new RegExp(`${join(directory, 'metrics.jsonl').replace(/[.]/g, '\\.')}: the last line is incomplete \\(28 bytes, no newline\\)`));
    assert.equal(existsSync(join(directory, 'summary.json')), false, 'a run found dead gets no summary written');
  } finally {
    model.dispose();
  }
});

test('unknown fields and records tolerated', async () => {
  const workspace = temporaryWorkspace();
  const future = { ...step(1, 1, 0.4, 0.2), gradientNoise: 0.3, encoders: { easy: { ...encoder(0.4), curvature: 2 }, hard: encoder(0.2) } };
  const lines = `${jsonLines([{ ...runStart, newField: [1, 2] }, future, { type: 'lr-warmup', value: 1 }, epoch(1, 0.5)])}not json at all\n`;
  const directory = makeRun(workspace, 'future', {
    'config.json': { ...config, experimental: { sparse: true } },
    'metrics.jsonl': lines,
    'summary.json': { formatVersion: 2, runId: 'future', name: 'fixture run', status: 'completed', method: 'mmpareto', dataset: 'synthetic', backend: 'cpu', startedAt: '2026-12-04T20:00:00.000Z', endedAt: '2026-12-04T20:01:00.000Z', elapsedMs: 60000, epochsCompleted: 1, stepsCompleted: 1, conflictShare: { easy: 0, hard: 0 }, bestAccuracy: { fused: 0.5, unimodal: { easy: 0.4, hard: 0.3 }, epoch: 1 }, carbon: 'low' },
  });
  const log = recordingLogger();
  const model = modelAnHourAhead(log);
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('future');
    assert.equal(run.status, 'completed');
    assert.equal(run.bestAccuracy.fused, 0.5);
    assert.equal(run.config.method, 'mmpareto');

    const snapshot = await model.getSnapshot('future');
    assert.deepEqual(snapshot.records.map((record) => record.type), ['run-start', 'step', 'epoch']);
    assert.equal(snapshot.records[1].gradientNoise, 0.3);
    const warnings = log.text('warn');
    assert.match(warnings, /metrics\.jsonl: line 3: unknown record type "lr-warmup"; skipped/);
    assert.match(warnings, /metrics\.jsonl: line 5: invalid JSON/);
    assert.ok(warnings.includes(join(directory, 'metrics.jsonl')));
  } finally {
    model.dispose();
  }
});

test('invalid config.json keeps the run', async () => {
  const workspace = temporaryWorkspace();
  const directory = makeRun(workspace, 'badconfig', { 'config.json': '{ "method": "mmpareto", ', 'metrics.jsonl': jsonLines([runStart, step(1, 1, 0.1, 0.1)]) });
  const log = recordingLogger();
  const model = modelAnHourAhead(log);
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('badconfig');

    assert.equal(run.status, 'failed');
    assert.equal(model.getConfigObject('badconfig'), undefined);
    // The run-start record carries the resolved config, so the run still has a name and method.
    assert.equal(run.method, 'mmpareto');
    assert.equal(run.step, 1);
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0], new RegExp(`^${join(directory, 'config.json').replace(/[.]/g, '\\.')}: invalid JSON`));
    assert.match(log.text('warn'), /config\.json: invalid JSON/);
  } finally {
    model.dispose();
  }
});

test('config missing required fields', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'shapeless', { 'config.json': { method: 'mmpareto', data: 'synthetic' } });
  const log = recordingLogger();
  const model = modelAnHourAhead(log);
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('shapeless');
    assert.equal(run.config, undefined);
    assert.match(run.warnings[0], /config\.json: data\.kind is not a string; the run is shown without its config\./);
    assert.deepEqual(model.getConfigObject('shapeless'), { method: 'mmpareto', data: 'synthetic' });
  } finally {
    model.dispose();
  }
});

test('invalid summary falls back', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'badsummary', {
    'config.json': config,
    'metrics.jsonl': jsonLines([runStart, step(1, 1, 0.1, 0.1), { type: 'run-end', time: '2026-12-04T20:00:05.000Z', status: 'stopped', elapsedMs: 5000 }]),
    'summary.json': { status: 'exploded' },
  });
  const log = recordingLogger();
  const model = modelAnHourAhead(log);
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('badsummary');
    assert.equal(run.status, 'stopped');
    assert.equal(run.statusDetail, 'summary.json is missing; status from the run-end record');
    assert.match(log.text('warn'), /summary\.json: status is "exploded", not completed, stopped or failed/);
  } finally {
    model.dispose();
  }
});

test('stale heartbeat dead pid fails', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'stale', {
    'config.json': config,
    'metrics.jsonl': jsonLines([runStart]),
    'process.json': { pid: 4242, hostname: hostname(), startedAt: '2026-12-04T20:00:00.000Z', heartbeatAt: new Date(Date.now() - 60000).toISOString() },
  });
  const model = new m.RunsModel({ log: recordingLogger(), pidAlive: () => false, followIntervalMs: 60000, rescanIntervalMs: 60000 });
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('stale');
    assert.equal(run.status, 'failed');
    assert.equal(run.statusDetail, 'trainer process ended without a summary');
    assert.equal(run.control, 'none');
  } finally {
    model.dispose();
  }
});

test('fresh heartbeat live pid runs', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'live', {
    'config.json': config,
    'metrics.jsonl': jsonLines([runStart, step(1, 1, 0.2, -0.3)]),
    'process.json': { pid: 4242, hostname: hostname(), startedAt: '2026-12-04T20:00:00.000Z', heartbeatAt: new Date().toISOString() },
  });
  const model = new m.RunsModel({ log: recordingLogger(), pidAlive: (pid) => pid === 4242, followIntervalMs: 60000, rescanIntervalMs: 60000 });
  try {
    await model.setFolders([workspace]);
    const run = model.getRun('live');
    assert.equal(run.status, 'running');
    assert.equal(run.control, 'signal');
    assert.equal(run.pid, 4242);
    assert.deepEqual(run.conflictShare, { easy: 0, hard: 1 });
  } finally {
    model.dispose();
  }
});

test('other host run cannot be stopped', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'remote', {
    'config.json': config,
    'process.json': { pid: 4242, hostname: 'another-machine', startedAt: '2026-12-04T20:00:00.000Z', heartbeatAt: new Date().toISOString() },
  });
  const model = new m.RunsModel({ log: recordingLogger(), pidAlive: () => false, followIntervalMs: 60000, rescanIntervalMs: 60000 });
  try {
    await model.setFolders([workspace]);
    assert.equal(model.getRun('remote').status, 'running');
    assert.equal(model.getRun('remote').control, 'none');
    assert.deepEqual(model.stopRun('remote'), { kind: 'other-host', hostname: 'another-machine' });
  } finally {
    model.dispose();
  }
});

test('signals disabled when untrusted', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'untrusted', {
    'config.json': config,
    'process.json': { pid: 4242, hostname: hostname(), startedAt: '2026-12-04T20:00:00.000Z', heartbeatAt: new Date().toISOString() },
  });
  const model = new m.RunsModel({ log: recordingLogger(), pidAlive: () => true, allowSignals: () => false, followIntervalMs: 60000, rescanIntervalMs: 60000 });
  try {
    await model.setFolders([workspace]);
    assert.deepEqual(model.stopRun('untrusted'), { kind: 'signals-disabled' });
    assert.equal(model.killRun('untrusted'), false);
  } finally {
    model.dispose();
  }
});

test('young folder without process.json starts', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'young', { 'metrics.jsonl': '' });
  const model = new m.RunsModel({ log: recordingLogger(), followIntervalMs: 60000, rescanIntervalMs: 60000 });
  try {
    await model.setFolders([workspace]);
    assert.equal(model.getRun('young').status, 'running');
    assert.equal(model.getRun('young').statusDetail, 'starting');
    assert.deepEqual(model.stopRun('young'), { kind: 'starting' });
  } finally {
    model.dispose();
  }
});

test('unsafe folder names skipped', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'has space', { 'config.json': config });
  makeRun(workspace, '.hidden', { 'config.json': config });
  makeRun(workspace, 'ok-run', { 'config.json': config });
  writeFileSync(join(workspace, '.mmpareto/runs/stray.txt'), 'not a run');
  const log = recordingLogger();
  const model = modelAnHourAhead(log);
  try {
    await model.setFolders([workspace]);
    assert.deepEqual(model.getRuns().map((run) => run.runId), ['ok-run']);
    assert.match(log.text('warn'), /has space: not shown; run folder names may contain only letters, digits/);
  } finally {
    model.dispose();
  }
});

test('runs listed newest first', async () => {
  const workspace = temporaryWorkspace();
  makeRun(workspace, 'older', { 'metrics.jsonl': jsonLines([{ ...runStart, time: '2026-12-01T10:00:00.000Z' }]) });
  makeRun(workspace, 'newer', { 'metrics.jsonl': jsonLines([{ ...runStart, time: '2026-12-03T10:00:00.000Z' }]) });
  makeRun(workspace, 'middle', { 'summary.json': { status: 'completed', startedAt: '2026-12-02T10:00:00.000Z', conflictShare: {} } });
  const model = modelAnHourAhead(recordingLogger());
  try {
    await model.setFolders([workspace]);
    assert.deepEqual(model.getRuns().map((run) => run.runId), ['newer', 'middle', 'older']);
  } finally {
    model.dispose();
  }
});

test('deleted run folder leaves the list', async () => {
  const workspace = temporaryWorkspace();
  const directory = makeRun(workspace, 'gone', { 'config.json': config });
  const model = modelAnHourAhead(recordingLogger());
  try {
    await model.setFolders([workspace]);
    assert.equal(model.getRuns().length, 1);
    const { rmSync } = await import('node:fs');
    rmSync(directory, { recursive: true });
    await model.refreshFolder(workspace);
    assert.equal(model.getRuns().length, 0);
    assert.equal(await model.getSnapshot('gone'), undefined);
  } finally {
    model.dispose();
  }
});

test('tail keeps partial lines', async () => {
  const workspace = temporaryWorkspace();
  const path = join(workspace, 'metrics.jsonl');
  const tail = new m.MetricsTail(path);

  assert.deepEqual((await tail.read()).records, [], 'a missing file reads as empty');
  const line = JSON.stringify({ ...runStart, runId: 'é-run' });
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  const split = bytes.indexOf(Buffer.from('é', 'utf8')) + 1; // inside the two-byte character
  appendFileSync(path, bytes.subarray(0, split));
  const first = await tail.read();
  assert.equal(first.records.length, 0);
  assert.equal(tail.partialLineBytes, split);
  assert.equal(tail.position, 0);

  appendFileSync(path, bytes.subarray(split));
  const second = await tail.read();
  assert.equal(second.records.length, 1);
  assert.equal(second.records[0].runId, 'é-run');
  assert.equal(tail.position, bytes.length);
  assert.equal(tail.partialLineBytes, 0);
});

test('tail restarts after truncation', async () => {
  const workspace = temporaryWorkspace();
  const path = join(workspace, 'metrics.jsonl');
  writeFileSync(path, jsonLines([runStart, step(1, 1, 0.1, 0.1), step(2, 1, 0.1, 0.1)]));
  const tail = new m.MetricsTail(path);
  assert.equal((await tail.read()).records.length, 3);

  truncateSync(path, 0);
  writeFileSync(path, jsonLines([runStart]));
  const after = await tail.read();
  assert.equal(after.restarted, true);
  assert.equal(after.records.length, 1);
  assert.equal(after.records[0].type, 'run-start');
});

test('tail reads up to an offset', async () => {
  const workspace = temporaryWorkspace();
  const path = join(workspace, 'metrics.jsonl');
  const firstLine = `${JSON.stringify(runStart)}\n`;
  writeFileSync(path, firstLine + jsonLines([step(1, 1, 0.1, 0.1)]));
  const read = await m.readMetricsFile(path, Buffer.byteLength(firstLine));
  assert.deepEqual(read.records.map((record) => record.type), ['run-start']);
  assert.equal(read.partialLineBytes, 0);
});

test('failure summary never overwrites', async () => {
  const workspace = temporaryWorkspace();
  const existing = `${JSON.stringify({ status: 'completed' })}\n`;
  writeFileSync(join(workspace, 'summary.json'), existing);
  const progress = new m.RunProgress();
  const summary = m.buildFailureSummary({ runId: 'r', name: 'n', progress, createdMs: 0, nowMs: 1000, message: 'boom' });

  assert.equal(await m.writeSummaryIfMissing(workspace, summary), 'exists');
  assert.equal(readFileSync(join(workspace, 'summary.json'), 'utf8'), existing);
  const fresh = temporaryWorkspace();
  assert.equal(await m.writeSummaryIfMissing(fresh, summary), 'written');
  assert.equal(JSON.parse(readFileSync(join(fresh, 'summary.json'), 'utf8')).error.message, 'boom');
});

test('failure summary from progress', () => {
  const progress = new m.RunProgress();
  progress.apply([runStart, step(1, 1, 0.5, -0.1), step(2, 1, -0.2, -0.3), epoch(1, 0.6), step(3, 2, 0.1, 0.1)]);
  const summary = m.buildFailureSummary({ runId: 'r', name: 'n', config, progress, createdMs: 0, nowMs: Date.parse('2026-12-04T20:00:10.000Z'), message: 'trainer was ended by signal SIGKILL' });

  assert.equal(summary.status, 'failed');
  assert.equal(summary.method, 'mmpareto');
  assert.equal(summary.dataset, 'synthetic');
  assert.equal(summary.backend, 'cpu');
  assert.equal(summary.startedAt, '2026-12-04T20:00:00.000Z');
  assert.equal(summary.elapsedMs, 10000);
  assert.equal(summary.epochsCompleted, 1);
  assert.equal(summary.stepsCompleted, 3);
  assert.deepEqual(summary.bestAccuracy, { fused: 0.6, unimodal: { easy: 0.5, hard: 0.25 }, epoch: 1 });
  assert.deepEqual(summary.conflictShare, { easy: 1 / 3, hard: 2 / 3 });
  assert.deepEqual(summary.error, { message: 'trainer was ended by signal SIGKILL', step: 3, epoch: 2 });
});

test('signalable pids exclude groups', () => {
  assert.equal(m.isSignalablePid(0), false);
  assert.equal(m.isSignalablePid(-1), false);
  assert.equal(m.isSignalablePid(1), false);
  assert.equal(m.isSignalablePid(process.pid), false);
  assert.equal(m.isSignalablePid(2.5), false);
  assert.equal(m.isSignalablePid('123'), false);
  assert.equal(m.isSignalablePid(12345), true);
});

test('followed run ends when pid dies', async () => {
  const workspace = temporaryWorkspace();
  const processFile = (heartbeatAt) => ({ pid: 4242, hostname: hostname(), startedAt: '2026-12-04T20:00:00.000Z', heartbeatAt });
  const directory = makeRun(workspace, 'followed', {
    'config.json': config,
    'metrics.jsonl': jsonLines([runStart, step(1, 1, -0.2, 0.3)]),
    'process.json': processFile(new Date().toISOString()),
  });
  let alive = true;
  const log = recordingLogger();
  const model = new m.RunsModel({ log, pidAlive: () => alive, followIntervalMs: 50, rescanIntervalMs: 60000 });
  try {
    await model.setFolders([workspace]);
    assert.equal(model.getRun('followed').control, 'signal');

    writeFileSync(join(directory, 'process.json'), JSON.stringify(processFile(new Date(Date.now() - 60000).toISOString())));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(model.getRun('followed').status, 'running', 'a live pid keeps a stale run running');
    assert.match(log.text('warn'), /run followed: no heartbeat since .*, but pid 4242 is alive; still following it\./);

    // The model's timers do not hold the event loop open, so this one does while the test waits.
    const keepAlive = setTimeout(() => undefined, 30000);
    const ended = new Promise((resolve) => model.onDidChangeStatus(resolve)).finally(() => clearTimeout(keepAlive));
    appendFileSync(join(directory, 'metrics.jsonl'), jsonLines([step(2, 1, 0.4, 0.1)]));
    alive = false;
    const event = await ended;

    assert.equal(event.status, 'failed');
    assert.equal(event.previous, 'running');
    const summary = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8'));
    assert.equal(summary.status, 'failed');
    assert.equal(summary.error.message, 'trainer process ended without a summary (pid 4242)');
    assert.equal(summary.stepsCompleted, 2, 'records written before the end are read first');
    assert.deepEqual(summary.conflictShare, { easy: 0.5, hard: 0 });
    assert.match(log.text('error'), /run followed failed: pid 4242, backend cpu, error: trainer process ended without a summary \(pid 4242\)/);
  } finally {
    model.dispose();
  }
});
