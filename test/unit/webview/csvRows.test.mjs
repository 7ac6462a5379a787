// Tests of the CSV export rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { epoch, runStart, step } from './helpers/records.mjs';
import { MMPARETO_RUN, readRecords } from './helpers/fixtures.mjs';

const { stepCsvRows, epochCsvRows, toCsv } = await importModule('webview/model/csvRows.ts');

const ENCODER_COLUMNS = ['cosine', 'normMultimodal', 'normUnimodal', 'weightMultimodal', 'weightUnimodal', 'conflict', 'rescale', 'updateNorm', 'updateDotMultimodal', 'updateDotUnimodal', 'commonDescent'];

test('step header lists modalities', () => {
  const [header] = stepCsvRows([runStart()]);
  assert.deepEqual(header, [
    'epoch', 'step', 'elapsedMs', 'learningRate', 'loss.multimodal', 'loss.gray', 'loss.colored', 'loss.total',
    ...ENCODER_COLUMNS.map((column) => `gray.${column}`),
    ...ENCODER_COLUMNS.map((column) => `colored.${column}`),
  ]);
});

test('step row values', () => {
  const rows = stepCsvRows([
    runStart(),
    step(7, 2, { gray: { cosine: -0.25, updateDotUnimodal: -1 }, colored: { cosine: 0.5 } }, { multimodal: 1.25, unimodal: { gray: 2, colored: 3 }, total: 6.25 }),
  ]);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[1], [
    2, 7, 700, 0.002, 1.25, 2, 3, 6.25,
    -0.25, 1, 2, 0.5, 0.5, true, 1, 1.5, 1, -1, false,
    0.5, 1, 2, 0.5, 0.5, false, 1, 1.5, 1, 1, true,
  ]);
});

test('missing encoder leaves empty cells', () => {
  const rows = stepCsvRows([runStart(), step(1, 1, { gray: {} })]);
  const coloredStart = 8 + ENCODER_COLUMNS.length;
  assert.deepEqual(rows[1].slice(coloredStart), ENCODER_COLUMNS.map(() => undefined));
  assert.equal(toCsv(rows).split('\r\n')[1].endsWith(','.repeat(ENCODER_COLUMNS.length)), true);
});

test('epoch rows', () => {
  const rows = epochCsvRows([runStart(), epoch(1, 4, { conflictShare: { gray: 0.25, colored: 0.5 } })]);
  assert.deepEqual(rows[0], ['epoch', 'step', 'elapsedMs', 'learningRate', 'trainLoss', 'samplesPerSecond', 'accuracy.fused', 'accuracy.gray', 'accuracy.colored', 'conflictShare.gray', 'conflictShare.colored']);
  assert.deepEqual(rows[1], [1, 4, 400, 0.002, 5, 100, 0.5, 0.4, 0.3, 0.25, 0.5]);
});

test('csv quoting and line ends', () => {
  const text = toCsv([['a,b', 'say "hi"', 'line\nbreak', true, false, undefined, 1.5]]);
  assert.equal(text, '"a,b","say ""hi""","line\nbreak",1,0,,1.5\r\n');
});

test('recorded run one row per step', () => {
  const records = readRecords(MMPARETO_RUN);
  const rows = stepCsvRows(records);
  const steps = records.filter((record) => record.type === 'step');
  assert.equal(rows.length, steps.length + 1);
  const cosineColumn = rows[0].indexOf('hard.cosine');
  assert.equal(rows[10][cosineColumn], steps[9].encoders.hard.cosine);
});
