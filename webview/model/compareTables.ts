// Text of the compare view's two tables, as header and rows of cells: the config keys that
// differ between runs, and each run's final and best accuracies and conflict shares.
import type { HeadAccuracies } from '../../trainer/contract/records';
import type { ConfigDifference } from './configDiff';
import { formatPercent } from './formatting';
import type { RunAccuracy } from './runAccuracy';

export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ComparedRun {
  readonly label: string;
  readonly status: string;
  readonly accuracy: RunAccuracy;
  /** Unimodal heads and encoders of the run, by modality name. */
  readonly modalities: readonly string[];
}

/** Shows a flattened config value as users write it: strings without JSON quotes. */
export function displayConfigValue(value: string | undefined): string {
  if (value === undefined) return '(not set)';
  if (value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      return value;
    }
  }
  return value;
}

export function configDifferenceTable(differences: readonly ConfigDifference[], runLabels: readonly string[]): TextTable {
  return {
    headers: ['Config key', ...runLabels],
    rows: differences.map((difference) => [difference.path, ...difference.values.map(displayConfigValue)]),
  };
}

/** Cell text of a figure the run does not have, e.g. accuracies before its first epoch. */
const MISSING = 'n/a';

function unionOfModalities(runs: readonly ComparedRun[]): string[] {
  const names = new Set<string>();
  for (const run of runs) run.modalities.forEach((name) => names.add(name));
  return [...names];
}

function accuracyCells(accuracies: HeadAccuracies | undefined, modalities: readonly string[]): string[] {
  if (accuracies === undefined) return [MISSING, ...modalities.map(() => MISSING)];
  return [
    formatPercent(accuracies.fused),
    ...modalities.map((name) => {
      const value = accuracies.unimodal[name];
      return value === undefined ? MISSING : formatPercent(value);
    }),
  ];
}

/**
 * Builds one column per run, like the config table, and one row per metric: status, final
 * accuracies (fused, then each unimodal head), best accuracies and their epoch, and per encoder
 * the share of conflicting steps over the whole run.
 */
export function accuracyTable(runs: readonly ComparedRun[]): TextTable {
  const modalities = unionOfModalities(runs);
  const rowNames = [
    'Status',
    'Final fused accuracy',
    ...modalities.map((name) => `Final ${name} accuracy`),
    'Best fused accuracy',
    ...modalities.map((name) => `Best ${name} accuracy`),
    'Best epoch',
    ...modalities.map((name) => `Conflicting steps ${name}`),
  ];
  const columns = runs.map((run) => {
    const { final, best, conflictShare } = run.accuracy;
    return [
      run.status,
      ...accuracyCells(final, modalities),
      ...accuracyCells(best, modalities),
      best === undefined ? MISSING : String(best.epoch),
      ...modalities.map((name) => {
        const share = conflictShare[name];
        return share === undefined ? MISSING : formatPercent(share);
      }),
    ];
  });
  return {
    headers: ['Metric', ...runs.map((run) => run.label)],
    rows: rowNames.map((name, rowIndex) => [name, ...columns.map((column) => column[rowIndex]!)]),
  };
}
