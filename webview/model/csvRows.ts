// CSV export of a run's metrics: one row per step record or per epoch record. No DOM and no
// VS Code API, so the extension host can write the file with it too.
import type { EpochRecord, MetricsRecord, StepRecord } from '../../trainer/contract/records';
import { isCommonDescent } from './commonDescent';

const ENCODER_COLUMNS = [
  'cosine',
  'normMultimodal',
  'normUnimodal',
  'weightMultimodal',
  'weightUnimodal',
  'conflict',
  'rescale',
  'updateNorm',
  'updateDotMultimodal',
  'updateDotUnimodal',
  'commonDescent',
] as const;

type Cell = string | number | boolean | undefined;

/** Modality names in the order of the run-start record, then any others the records mention. */
function modalityOrder(records: readonly MetricsRecord[]): string[] {
  const names = new Set<string>();
  for (const record of records) {
    if (record.type === 'run-start') record.modalities.forEach((name) => names.add(name));
    if (record.type === 'step') {
      Object.keys(record.losses.unimodal).forEach((name) => names.add(name));
      Object.keys(record.encoders).forEach((name) => names.add(name));
    }
    if (record.type === 'epoch') Object.keys(record.testAccuracy.unimodal).forEach((name) => names.add(name));
  }
  return [...names];
}

/** Rows of the step table, header first. Booleans are 1 or 0; metrics absent on a step are empty cells. */
export function stepCsvRows(records: readonly MetricsRecord[]): Cell[][] {
  const modalities = modalityOrder(records);
  const header: Cell[] = ['epoch', 'step', 'elapsedMs', 'learningRate', 'loss.multimodal'];
  for (const name of modalities) header.push(`loss.${name}`);
  header.push('loss.total');
  for (const name of modalities) {
    for (const column of ENCODER_COLUMNS) header.push(`${name}.${column}`);
  }

  const rows: Cell[][] = [header];
  for (const record of records) {
    if (record.type === 'step') rows.push(stepRow(record, modalities));
  }
  return rows;
}

function stepRow(record: StepRecord, modalities: readonly string[]): Cell[] {
  const row: Cell[] = [record.epoch, record.step, record.elapsedMs, record.learningRate, record.losses.multimodal];
  for (const name of modalities) row.push(record.losses.unimodal[name]);
  row.push(record.losses.total);
  for (const name of modalities) {
    const metrics = record.encoders[name];
    if (metrics === undefined) {
      row.push(...ENCODER_COLUMNS.map((): Cell => undefined));
      continue;
    }
    row.push(
      metrics.cosine,
      metrics.normMultimodal,
      metrics.normUnimodal,
      metrics.weightMultimodal,
      metrics.weightUnimodal,
      metrics.conflict,
      metrics.rescale,
      metrics.updateNorm,
      metrics.updateDotMultimodal,
      metrics.updateDotUnimodal,
      isCommonDescent(metrics),
    );
  }
  return row;
}

/** Rows of the epoch table, header first. */
export function epochCsvRows(records: readonly MetricsRecord[]): Cell[][] {
  const modalities = modalityOrder(records);
  const header: Cell[] = ['epoch', 'step', 'elapsedMs', 'learningRate', 'trainLoss', 'samplesPerSecond', 'accuracy.fused'];
  for (const name of modalities) header.push(`accuracy.${name}`);
  for (const name of modalities) header.push(`conflictShare.${name}`);

  const rows: Cell[][] = [header];
  for (const record of records) {
    if (record.type === 'epoch') rows.push(epochRow(record, modalities));
  }
  return rows;
}

function epochRow(record: EpochRecord, modalities: readonly string[]): Cell[] {
  const row: Cell[] = [
    record.epoch,
    record.step,
    record.elapsedMs,
    record.learningRate,
    record.trainLoss,
    record.samplesPerSecond,
    record.testAccuracy.fused,
  ];
  for (const name of modalities) row.push(record.testAccuracy.unimodal[name]);
  for (const name of modalities) row.push(record.conflictShare[name]);
  return row;
}

function formatCell(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  const text = String(cell);
  // RFC 4180: quote fields that contain a comma, a quote or a line break, doubling inner quotes.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins rows into CSV text with CRLF line ends (RFC 4180) and a final line end. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(formatCell).join(',')).join('\r\n') + '\r\n';
}
