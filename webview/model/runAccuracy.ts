// Final and best test accuracies and the overall conflict share of a run, for the compare table.
// A finished run's summary.json is authoritative; a live run's figures come from its records.
import type { HeadAccuracies, RunSummary } from '../../trainer/contract/records';
import type { RunSeriesBuilder } from './runSeries';

export interface RunAccuracy {
  readonly final?: HeadAccuracies;
  readonly best?: HeadAccuracies & { readonly epoch: number };
  /** Share of all steps whose gradients conflicted, by encoder, 0..1. */
  readonly conflictShare: Readonly<Record<string, number>>;
}

export function collectRunAccuracy(series: RunSeriesBuilder, summary: RunSummary | undefined): RunAccuracy {
  if (summary !== undefined) {
    return { final: summary.finalAccuracy, best: summary.bestAccuracy, conflictShare: summary.conflictShare };
  }

  const final = series.lastEpoch?.testAccuracy;
  let best: (HeadAccuracies & { epoch: number }) | undefined;
  // The best epoch is the one with the highest fused accuracy; the first wins a tie, as in summary.json.
  for (const record of series.epochs) {
    if (best === undefined || record.testAccuracy.fused > best.fused) {
      best = { ...record.testAccuracy, epoch: record.epoch };
    }
  }

  const conflictShare: Record<string, number> = {};
  for (const name of series.encoderNames) {
    const totals = series.encoderTotals(name);
    if (totals !== undefined && totals.steps > 0) conflictShare[name] = totals.conflictSteps / totals.steps;
  }
  return { final, best, conflictShare };
}
