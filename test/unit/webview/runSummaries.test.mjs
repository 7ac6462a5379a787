// Tests of header facts, accuracy table rows and screen-reader text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { epoch, runEnd, runStart, step } from './helpers/records.mjs';
import { MMPARETO_RUN, readSnapshot } from './helpers/fixtures.mjs';

const { RunSeriesBuilder } = await importModule('webview/model/runSeries.ts');
const { collectRunFacts, describeRunError } = await importModule('webview/model/runFacts.ts');
const { collectRunAccuracy } = await importModule('webview/model/runAccuracy.ts');
const { accuracyTable } = await importModule('webview/model/compareTables.ts');
const { describeRunProgress, describeChart } = await importModule('webview/model/liveSummary.ts');
const { formatDuration, formatPercent, formatMetric } = await importModule('webview/model/formatting.ts');

function built(records) {
  const series = new RunSeriesBuilder();
  series.append(records);
  return series;
}

test('facts of a running run', () => {
  const series = built([runStart(), step(1, 1), step(5, 2)]);
  const facts = collectRunFacts({ runId: 'r', name: 'hand run', status: 'running' }, series, Date.parse('2026-12-04T12:02:05.000Z'));
  assert.equal(facts.method, 'mmpareto');
  assert.equal(facts.backend, 'cpu');
  assert.equal(facts.dataset, 'cg-mnist');
  assert.equal(facts.epoch, 2);
  assert.equal(facts.totalEpochs, 2);
  assert.equal(facts.step, 5);
  assert.equal(facts.totalSteps, 8);
  // run-start time is 12:00:00, so 2 min 5 s have passed.
  assert.equal(facts.elapsedMs, 125000);
});

test('facts of a finished run', () => {
  const series = built([runStart(), step(1, 1), runEnd('failed', { elapsedMs: 4321, error: { message: 'NaN loss', step: 1, epoch: 1 } })]);
  const facts = collectRunFacts({ runId: 'r', name: 'n', status: 'failed' }, series, 0);
  assert.equal(facts.elapsedMs, 4321);
  assert.equal(describeRunError(facts.error), 'NaN loss (at epoch 1, step 1)');
});

test('facts from summary alone', () => {
  const { summary } = readSnapshot(MMPARETO_RUN);
  const facts = collectRunFacts({ runId: MMPARETO_RUN, name: summary.name, status: 'completed', summary }, built([]), 0);
  assert.equal(facts.method, 'mmpareto');
  assert.equal(facts.dataset, 'synthetic');
  assert.equal(facts.epoch, 4);
  assert.equal(facts.step, 192);
  assert.equal(facts.elapsedMs, summary.elapsedMs);
});

test('live accuracy best and final', () => {
  const series = built([
    runStart(),
    epoch(1, 4, { testAccuracy: { fused: 0.6, unimodal: { gray: 0.5, colored: 0.1 } } }),
    epoch(2, 8, { testAccuracy: { fused: 0.8, unimodal: { gray: 0.7, colored: 0.2 } } }),
    epoch(3, 12, { testAccuracy: { fused: 0.8, unimodal: { gray: 0.75, colored: 0.3 } } }),
  ]);
  const accuracy = collectRunAccuracy(series, undefined);
  assert.equal(accuracy.final.fused, 0.8);
  assert.equal(accuracy.final.unimodal.colored, 0.3);
  // Epochs 2 and 3 tie on fused accuracy; the first keeps the title.
  assert.equal(accuracy.best.epoch, 2);
  assert.equal(accuracy.best.unimodal.gray, 0.7);
});

test('live conflict share over run', () => {
  const series = built([runStart(), step(1, 1, { gray: { cosine: -1 }, colored: {} }), step(2, 1, { gray: {}, colored: {} }), step(3, 1, { gray: { cosine: -1 }, colored: {} }), step(4, 1, { gray: {}, colored: {} })]);
  assert.deepEqual(collectRunAccuracy(series, undefined).conflictShare, { gray: 0.5, colored: 0 });
});

test('summary wins over records', () => {
  const { summary, records } = readSnapshot(MMPARETO_RUN);
  const accuracy = collectRunAccuracy(built(records), summary);
  assert.deepEqual(accuracy.final, summary.finalAccuracy);
  assert.deepEqual(accuracy.best, summary.bestAccuracy);
  assert.deepEqual(accuracy.conflictShare, summary.conflictShare);
});

test('accuracy table rows', () => {
  const table = accuracyTable([
    {
      label: 'R1 a',
      status: 'completed',
      modalities: ['gray', 'colored'],
      accuracy: {
        final: { fused: 0.5, unimodal: { gray: 0.25, colored: 0.125 } },
        best: { fused: 0.75, unimodal: { gray: 0.5, colored: 0.1 }, epoch: 3 },
        conflictShare: { gray: 0.2 },
      },
    },
    { label: 'R2 b', status: 'running', modalities: ['gray'], accuracy: { conflictShare: {} } },
  ]);
  assert.deepEqual(table.headers, ['Metric', 'R1 a', 'R2 b']);
  assert.deepEqual(table.rows, [
    ['Status', 'completed', 'running'],
    ['Final fused accuracy', '50.0%', 'n/a'],
    ['Final gray accuracy', '25.0%', 'n/a'],
    ['Final colored accuracy', '12.5%', 'n/a'],
    ['Best fused accuracy', '75.0%', 'n/a'],
    ['Best gray accuracy', '50.0%', 'n/a'],
    ['Best colored accuracy', '10.0%', 'n/a'],
    ['Best epoch', '3', 'n/a'],
    ['Conflicting steps gray', '20.0%', 'n/a'],
    ['Conflicting steps colored', 'n/a', 'n/a'],
  ]);
});

test('progress text for screen readers', () => {
  const series = built([runStart(), step(1, 1, { gray: { cosine: -0.5 }, colored: { cosine: 0.25 } }), step(2, 1, { gray: { cosine: 0.125 }, colored: { cosine: 0.5 } }), epoch(1, 2, { testAccuracy: { fused: 0.875, unimodal: {} } })]);
  assert.equal(
    describeRunProgress(series),
    'Step 2 of 8. gray: cosine 0.125, 50.0% of steps conflicting. colored: cosine 0.5, 0.0% of steps conflicting. Epoch 1 fused test accuracy 87.5%.',
  );
});

test('progress text before steps', () => {
  assert.equal(describeRunProgress(built([runStart()])), 'No steps recorded yet.');
});

test('chart description', () => {
  const text = describeChart('Cosine: gray', 'step', [
    { label: 'cosine', data: [{ x: 1, y: 0.5 }, { x: 2, y: -0.25 }] },
    { label: 'conflicting steps', data: [{ x: 2, y: -0.25 }] },
    { label: 'empty', data: [] },
  ]);
  assert.equal(text, 'Cosine: gray, steps 1 to 2. cosine: 2 points, latest -0.25 at step 2; conflicting steps: 1 point, latest -0.25 at step 2.');
  assert.equal(describeChart('Losses', 'step', [{ label: 'a', data: [] }]), 'Losses: no data yet.');
});

test('formats', () => {
  assert.equal(formatDuration(3_725_000), '1:02:05');
  assert.equal(formatDuration(65_400), '1:05');
  assert.equal(formatPercent(0.4567), '45.7%');
  assert.equal(formatMetric(0.000123), '1.23e-4');
  assert.equal(formatMetric(123456), '1.23e+5');
  assert.equal(formatMetric(3.14159), '3.14');
});
