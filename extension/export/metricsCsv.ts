// Converts a run's metrics records to CSV: one row per step record and one per epoch record, in
// file order. The `record` column names the kind, and columns of the other kind stay empty. <m>
// is each modality name, in the order of the run-start record.
//
// Columns of both kinds: record (step or epoch), epoch (1-based), step (1-based over the run),
// elapsed_ms (since the run started), learning_rate.
// Step rows: loss_total, loss_multimodal, loss_<m> (unimodal loss), and per encoder <m>_cosine,
// <m>_norm_multimodal, <m>_norm_unimodal, <m>_weight_multimodal, <m>_weight_unimodal,
// <m>_conflict (1 when cosine <= 0, else 0), <m>_rescale, <m>_update_norm,
// <m>_update_dot_multimodal, <m>_update_dot_unimodal.
// Epoch rows: train_loss (mean total loss of the epoch), test_acc_fused and test_acc_<m>
// (0..1), conflict_share_<m> (share of the epoch's steps that conflicted, 0..1),
// samples_per_second.
// docs/metrics-csv.md describes the same columns for readers of the file.
import type { EncoderStepMetrics, MetricsRecord } from '../../trainer/contract/records';

const ENCODER_FIELDS: ReadonlyArray<readonly [string, keyof EncoderStepMetrics]> = [
  ['cosine', 'cosine'],
  ['norm_multimodal', 'normMultimodal'],
  ['norm_unimodal', 'normUnimodal'],
  ['weight_multimodal', 'weightMultimodal'],
  ['weight_unimodal', 'weightUnimodal'],
  ['conflict', 'conflict'],
  ['rescale', 'rescale'],
  ['update_norm', 'updateNorm'],
  ['update_dot_multimodal', 'updateDotMultimodal'],
  ['update_dot_unimodal', 'updateDotUnimodal'],
];

type Cell = string | number | boolean | null | undefined;

/** Quotes a field when it contains a comma, a quote or a line break (RFC 4180). */
export function escapeCsvField(value: Cell): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Modality names in run-start order, then any others in order of first appearance. */
export function modalityOrder(records: readonly MetricsRecord[]): string[] {
  const names: string[] = [];
  const add = (name: string): void => {
    if (!names.includes(name)) names.push(name);
  };
  for (const record of records) {
    if (record.type === 'run-start') record.modalities.forEach(add);
  }
  for (const record of records) {
    if (record.type === 'step') {
      Object.keys(record.encoders).forEach(add);
      Object.keys(record.losses?.unimodal ?? {}).forEach(add);
    } else if (record.type === 'epoch') {
      Object.keys(record.testAccuracy.unimodal).forEach(add);
    }
  }
  return names;
}

export function csvHeader(modalities: readonly string[]): string[] {
  return [
    'record',
    'epoch',
    'step',
    'elapsed_ms',
    'learning_rate',
    'loss_total',
    'loss_multimodal',
    ...modalities.map((name) => `loss_${name}`),
    ...modalities.flatMap((name) => ENCODER_FIELDS.map(([column]) => `${name}_${column}`)),
    'train_loss',
    'test_acc_fused',
    ...modalities.map((name) => `test_acc_${name}`),
    ...modalities.map((name) => `conflict_share_${name}`),
    'samples_per_second',
  ];
}

/** Builds the rows of the CSV file, header first, each an array of cells before escaping. */
export function metricsCsvRows(records: readonly MetricsRecord[]): Cell[][] {
  const modalities = modalityOrder(records);
  const rows: Cell[][] = [csvHeader(modalities)];
  const blankEncoders = modalities.flatMap(() => ENCODER_FIELDS.map(() => undefined));
  const blankPerModality = modalities.map(() => undefined);
  for (const record of records) {
    if (record.type === 'step') {
      rows.push([
        'step',
        record.epoch,
        record.step,
        record.elapsedMs,
        record.learningRate,
        record.losses?.total,
        record.losses?.multimodal,
        ...modalities.map((name) => record.losses?.unimodal?.[name]),
        ...modalities.flatMap((name) => ENCODER_FIELDS.map(([, field]) => record.encoders[name]?.[field])),
        undefined,
        undefined,
        ...blankPerModality,
        ...blankPerModality,
        undefined,
      ]);
    } else if (record.type === 'epoch') {
      rows.push([
        'epoch',
        record.epoch,
        record.step,
        record.elapsedMs,
        record.learningRate,
        undefined,
        undefined,
        ...blankPerModality,
        ...blankEncoders,
        record.trainLoss,
        record.testAccuracy.fused,
        ...modalities.map((name) => record.testAccuracy.unimodal[name]),
        ...modalities.map((name) => record.conflictShare?.[name]),
        record.samplesPerSecond,
      ]);
    }
  }
  return rows;
}

/** Formats the whole CSV text, each line ending in CRLF as RFC 4180 specifies. */
export function metricsToCsv(records: readonly MetricsRecord[]): string {
  return metricsCsvRows(records)
    .map((row) => row.map(escapeCsvField).join(','))
    .map((line) => `${line}\r\n`)
    .join('');
}
