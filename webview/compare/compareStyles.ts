// Line styles of the compare view. Each run has one color, and within a run the dash pattern
// distinguishes its lines, so the same pattern means the same metric in every run.
import type { ChartDefinition, ChartLine } from '../charts/chartCatalog';
import type { StyledLine } from '../charts/chartConfig';
import type { ChartPalette } from '../charts/palette';
import { dashPattern, RUN_TONES } from '../charts/palette';
import type { RunSeriesBuilder } from '../model/runSeries';

export interface ComparedSeries {
  readonly runId: string;
  readonly label: string;
  readonly series: RunSeriesBuilder;
}

const DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dot'];

/** Color of the run at this position. */
export function runColor(index: number, palette: ChartPalette): string {
  return palette.tones[RUN_TONES[index % RUN_TONES.length]!];
}

/** Extra dash variants of runs past the sixth, which reuse the first six colors. */
export function runDashOffset(index: number): number {
  return Math.floor(index / RUN_TONES.length);
}

export function styleCompareLines(runs: readonly ComparedSeries[], definition: ChartDefinition, palette: ChartPalette): StyledLine[] {
  const styled: StyledLine[] = [];
  runs.forEach((run, index) => {
    const color = runColor(index, palette);
    for (const line of definition.lines(run.series)) {
      styled.push({
        ...line,
        key: `${run.runId}:${line.key}`,
        label: `${run.label}: ${line.label}`,
        color,
        dash: dashPattern(line.variant + runDashOffset(index), palette.lineWidth),
        pointStyle: line.markers === true ? 'crossRot' : undefined,
      });
    }
  });
  return styled;
}

/**
 * Explains the dash patterns and markers of a chart, e.g. "solid: multimodal gradient; dashed:
 * unimodal gradient". Runs with other modality names add theirs: "solid: gray or easy".
 */
export function lineStyleNote(runs: readonly ComparedSeries[], definition: ChartDefinition): string | undefined {
  const labelsByStyle = new Map<string, Set<string>>();
  const add = (line: ChartLine): void => {
    const style = line.markers === true ? 'x marks' : DASH_NAMES[line.variant % DASH_NAMES.length]!;
    let labels = labelsByStyle.get(style);
    if (labels === undefined) {
      labels = new Set();
      labelsByStyle.set(style, labels);
    }
    labels.add(line.label);
  };
  for (const run of runs) definition.lines(run.series).forEach(add);
  if (labelsByStyle.size < 2) return undefined;
  return [...labelsByStyle].map(([style, labels]) => `${style}: ${[...labels].join(' or ')}`).join('; ');
}
