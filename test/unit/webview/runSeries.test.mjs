// Tests of the records -> chart series shaping, on hand-made records and on a run recorded
// from the real trainer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { epoch, runEnd, runStart, step } from './helpers/records.mjs';
import { MMPARETO_RUN, readRecords, readSnapshot } from './helpers/fixtures.mjs';

const { RunSeriesBuilder } = await importModule('webview/model/runSeries.ts');
const { isCommonDescent } = await importModule('webview/model/commonDescent.ts');

test('cosine series per encoder', () => {
  const series = new RunSeriesBuilder();
  series.append([runStart(), step(1, 1, { gray: { cosine: 0.25 }, colored: { cosine: -0.5 } }), step(2, 1, { gray: { cosine: -0.1 }, colored: { cosine: 0.75 } })]);
  assert.deepEqual(series.encoder('gray').cosine, [{ x: 1, y: 0.25 }, { x: 2, y: -0.1 }]);
  assert.deepEqual(series.encoder('colored').cosine, [{ x: 1, y: -0.5 }, { x: 2, y: 0.75 }]);
});

test('conflicts hold only conflicting steps', () => {
  const series = new RunSeriesBuilder();
  series.append([
    step(1, 1, { gray: { cosine: 0.3 } }),
    step(2, 1, { gray: { cosine: 0 } }),
    step(3, 1, { gray: { cosine: -0.4 } }),
    step(4, 1, { gray: { cosine: 0.9 } }),
  ]);
  assert.deepEqual(series.encoder('gray').conflicts, [{ x: 2, y: 0 }, { x: 3, y: -0.4 }]);
});

test('encoders follow run-start order', () => {
  const series = new RunSeriesBuilder();
  series.append([runStart({ modalities: ['colored', 'gray'] }), step(1, 1, { gray: {}, extra: {} })]);
  assert.deepEqual(series.encoderNames, ['colored', 'gray', 'extra']);
});

test('append reports new encoders', () => {
  const series = new RunSeriesBuilder();
  assert.equal(series.append([runStart()]), true);
  assert.equal(series.append([step(1, 1)]), false);
  assert.equal(series.append([step(2, 1, { gray: {}, colored: {}, audio: {} })]), true);
});

test('zero norms left out of log series', () => {
  const series = new RunSeriesBuilder();
  series.append([step(1, 1, { gray: { normMultimodal: 0, normUnimodal: 2 } }), step(2, 1, { gray: { normMultimodal: 3, normUnimodal: 0 } })]);
  assert.deepEqual(series.encoder('gray').normMultimodal, [{ x: 2, y: 3 }]);
  assert.deepEqual(series.encoder('gray').normUnimodal, [{ x: 1, y: 2 }]);
});

test('repeated and older steps skipped', () => {
  const series = new RunSeriesBuilder();
  series.append([step(1, 1), step(2, 1)]);
  series.append([step(2, 1), step(1, 1), step(3, 1)]);
  assert.equal(series.stepCount, 3);
  assert.equal(series.skippedRecords, 2);
  assert.deepEqual(series.lossTotal.map((point) => point.x), [1, 2, 3]);
});

test('repeated epoch and run-start skipped', () => {
  const series = new RunSeriesBuilder();
  series.append([runStart(), step(1, 1), epoch(1, 1)]);
  series.append([runStart({ backend: 'wasm' }), epoch(1, 1, { testAccuracy: { fused: 0.9, unimodal: {} } })]);
  assert.equal(series.runStart.backend, 'cpu');
  assert.deepEqual(series.accuracyFused, [{ x: 1, y: 0.5 }]);
  assert.equal(series.skippedRecords, 2);
});

test('live conflict share per epoch', () => {
  const series = new RunSeriesBuilder();
  series.append([step(1, 1, { gray: { cosine: -1 } }), step(2, 1, { gray: { cosine: 1 } }), step(3, 1, { gray: { cosine: 1 } })]);
  assert.deepEqual(series.encoder('gray').conflictShare, [{ x: 1, y: 1 / 3 }]);
  series.append([step(4, 2, { gray: { cosine: -1 } })]);
  assert.deepEqual(series.encoder('gray').conflictShare, [{ x: 1, y: 1 / 3 }, { x: 2, y: 1 }]);
});

test('epoch record sets conflict share', () => {
  const series = new RunSeriesBuilder();
  series.append([step(1, 1, { gray: { cosine: -1 } }), step(2, 1, { gray: { cosine: 1 } })]);
  series.append([epoch(1, 2, { conflictShare: { gray: 0.25 } })]);
  assert.deepEqual(series.encoder('gray').conflictShare, [{ x: 1, y: 0.25 }]);
});

test('descent share per epoch', () => {
  const series = new RunSeriesBuilder();
  series.append([
    step(1, 1, { gray: { updateDotMultimodal: 1, updateDotUnimodal: 0 } }),
    step(2, 1, { gray: { updateDotMultimodal: -0.1, updateDotUnimodal: 2 } }),
    step(3, 1, { gray: { updateDotMultimodal: 2, updateDotUnimodal: -3 } }),
    step(4, 1, { gray: { updateDotMultimodal: 0.5, updateDotUnimodal: 0.5 } }),
  ]);
  assert.deepEqual(series.encoder('gray').descentShare, [{ x: 1, y: 0.5 }]);
  assert.equal(series.encoderTotals('gray').descentSteps, 2);
});

test('common descent needs both products', () => {
  assert.equal(isCommonDescent({ updateDotMultimodal: 0, updateDotUnimodal: 0 }), true);
  assert.equal(isCommonDescent({ updateDotMultimodal: 1, updateDotUnimodal: -1e-9 }), false);
  assert.equal(isCommonDescent({ updateDotMultimodal: -1, updateDotUnimodal: 1 }), false);
});

test('losses and accuracies by modality', () => {
  const series = new RunSeriesBuilder();
  series.append([
    runStart(),
    step(1, 1, undefined, { multimodal: 2, unimodal: { gray: 1.5, colored: 2.5 }, total: 6 }),
    epoch(1, 1, { testAccuracy: { fused: 0.7, unimodal: { gray: 0.6, colored: 0.2 } } }),
  ]);
  assert.deepEqual(series.lossMultimodal, [{ x: 1, y: 2 }]);
  assert.deepEqual(series.lossUnimodal.get('colored'), [{ x: 1, y: 2.5 }]);
  assert.deepEqual(series.lossTotal, [{ x: 1, y: 6 }]);
  assert.deepEqual(series.accuracyUnimodal.get('gray'), [{ x: 1, y: 0.6 }]);
  assert.deepEqual(series.modalityNames, ['gray', 'colored']);
});

test('run-end kept', () => {
  const series = new RunSeriesBuilder();
  series.append([runStart(), runEnd('failed', { error: { message: 'NaN loss', step: 3 } })]);
  assert.equal(series.runEnd.status, 'failed');
  assert.equal(series.runEnd.error.message, 'NaN loss');
});

test('recorded run conflict totals', () => {
  const records = readRecords(MMPARETO_RUN);
  const { summary } = readSnapshot(MMPARETO_RUN);
  const series = new RunSeriesBuilder();
  series.append(records);
  const steps = records.filter((record) => record.type === 'step');
  assert.equal(series.stepCount, summary.stepsCompleted);
  for (const name of ['easy', 'hard']) {
    const totals = series.encoderTotals(name);
    assert.equal(series.encoder(name).cosine.length, steps.length, name);
    assert.equal(series.encoder(name).conflicts.length, totals.conflictSteps, name);
    // summary.json is the trainer's own count over the whole run.
    assert.ok(Math.abs(totals.conflictSteps / totals.steps - summary.conflictShare[name]) < 1e-12, name);
  }
});

test('recorded run epoch shares match steps', () => {
  const records = readRecords(MMPARETO_RUN);
  const series = new RunSeriesBuilder();
  series.append(records);
  for (const record of records.filter((candidate) => candidate.type === 'epoch')) {
    const stepsOfEpoch = records.filter((candidate) => candidate.type === 'step' && candidate.epoch === record.epoch);
    for (const name of ['easy', 'hard']) {
      const conflicting = stepsOfEpoch.filter((candidate) => candidate.encoders[name].conflict).length;
      const point = series.encoder(name).conflictShare.find((candidate) => candidate.x === record.epoch);
      assert.ok(Math.abs(point.y - conflicting / stepsOfEpoch.length) < 1e-12, `${name} epoch ${record.epoch}`);
    }
  }
});

test('recorded run streamed in pieces', () => {
  const records = readRecords(MMPARETO_RUN);
  const whole = new RunSeriesBuilder();
  whole.append(records);
  const pieces = new RunSeriesBuilder();
  for (let start = 0; start < records.length; start += 7) pieces.append(records.slice(start, start + 7));
  assert.deepEqual(pieces.encoder('hard').cosine, whole.encoder('hard').cosine);
  assert.deepEqual(pieces.encoder('hard').descentShare, whole.encoder('hard').descentShare);
  assert.deepEqual(pieces.accuracyFused, whole.accuracyFused);
});
