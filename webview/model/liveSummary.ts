// Text for screen readers: the live summary of a run and the aria-label of each chart.
import { formatMetric, formatPercent } from './formatting';
import type { RunSeriesBuilder, XYPoint } from './runSeries';

/**
 * Summarises a run for the live region: the latest cosine and the conflict share of each
 * encoder, e.g. "Step 120 of 640. gray: cosine 0.12, 31.7% of steps conflicting."
 */
export function describeRunProgress(series: RunSeriesBuilder): string {
  const step = series.lastStep?.step;
  if (step === undefined) return 'No steps recorded yet.';
  const total = series.runStart?.totalSteps;
  const parts = [total === undefined ? `Step ${step}.` : `Step ${step} of ${total}.`];
  for (const name of series.encoderNames) {
    const totals = series.encoderTotals(name);
    if (totals === undefined || totals.latest === undefined || totals.steps === 0) continue;
    parts.push(
      `${name}: cosine ${formatMetric(totals.latest.cosine)}, ${formatPercent(totals.conflictSteps / totals.steps)} of steps conflicting.`,
    );
  }
  const lastEpoch = series.lastEpoch;
  if (lastEpoch !== undefined) {
    parts.push(`Epoch ${lastEpoch.epoch} fused test accuracy ${formatPercent(lastEpoch.testAccuracy.fused)}.`);
  }
  return parts.join(' ');
}

export interface DescribedLine {
  readonly label: string;
  readonly data: readonly XYPoint[];
}

/**
 * Describes a chart for its aria-label: the title, the x range and, per line, the number of
 * points and the latest value.
 */
export function describeChart(title: string, axisName: string, lines: readonly DescribedLine[]): string {
  const filled = lines.filter((line) => line.data.length > 0);
  if (filled.length === 0) return `${title}: no data yet.`;
  let first = Infinity;
  let last = -Infinity;
  for (const line of filled) {
    first = Math.min(first, line.data[0].x);
    last = Math.max(last, line.data[line.data.length - 1].x);
  }
  const lineTexts = filled.map((line) => {
    const latest = line.data[line.data.length - 1];
    const count = line.data.length === 1 ? '1 point' : `${line.data.length} points`;
    return `${line.label}: ${count}, latest ${formatMetric(latest.y)} at ${axisName} ${latest.x}`;
  });
  return `${title}, ${axisName}s ${first} to ${last}. ${lineTexts.join('; ')}.`;
}
