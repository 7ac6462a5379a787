// Definitions of the charts the dashboard and the compare view draw, each with the series of a
// run it shows. No DOM and no Chart.js: views turn these definitions into Chart.js configurations.
import type { RunSeriesBuilder, XYPoint } from '../model/runSeries';

/** Named colors of VS Code's chart palette (--vscode-charts-*), plus the editor foreground. */
export type Tone = 'blue' | 'orange' | 'green' | 'purple' | 'yellow' | 'red' | 'foreground';

export interface ChartLine {
  /** Stable within a chart; views match datasets by it when they update. */
  readonly key: string;
  readonly label: string;
  readonly data: XYPoint[];
  /** Color in the single-run dashboard; the compare view colors by run instead. */
  readonly tone: Tone;
  /** Markers without a connecting line, e.g. conflicting steps. */
  readonly markers?: boolean;
  /** Dash pattern index (0 solid, 1 dashed, 2 dotted...) that distinguishes a run's lines in the compare view. */
  readonly variant: number;
}

export type XAxisKind = 'step' | 'epoch';

export interface ChartDefinition {
  /** Unique in the page and safe in an element id, e.g. cosine-gray. */
  readonly id: string;
  readonly title: string;
  readonly xAxis: XAxisKind;
  readonly yScale: 'linear' | 'logarithmic';
  readonly yTitle: string;
  readonly yMin?: number;
  readonly yMax?: number;
  /** A y range the axis always includes, so float noise in a flat series is not blown up. */
  readonly ySuggestedRange?: readonly [number, number];
  /** Distance between y ticks; Chart.js picks one when undefined. */
  readonly yStepSize?: number;
  readonly yFormat: 'number' | 'percent';
  /** A horizontal line drawn at this y, e.g. 0 for cosines. */
  readonly referenceLine?: number;
  /** Shown in place of the chart while it has no points. */
  readonly emptyText: string;
  lines(series: RunSeriesBuilder): ChartLine[];
}

export interface ChartSection {
  readonly id: string;
  readonly title: string;
  readonly charts: readonly ChartDefinition[];
}

/** Colors of unimodal heads by modality position; blue is the multimodal head's, red marks conflicts. */
const MODALITY_TONES: readonly Tone[] = ['orange', 'yellow', 'purple', 'green'];
/** Colors of encoders in charts that draw one line per encoder. */
const ENCODER_TONES: readonly Tone[] = ['blue', 'orange', 'green', 'purple', 'yellow'];

function cycle<T>(values: readonly T[], index: number): T {
  return values[index % values.length]!;
}

/** Turns a modality name into a string safe in an element id. */
export function idPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function encoderCharts(encoder: string): ChartDefinition[] {
  const id = idPart(encoder);
  const noGradients = `No gradient metrics recorded for ${encoder} yet. The joint method records none, because its unimodal losses do not reach the encoders.`;
  const of = (series: RunSeriesBuilder) => series.encoder(encoder);
  return [
    {
      id: `cosine-${id}`,
      title: `Cosine between multimodal and unimodal gradients: ${encoder}`,
      xAxis: 'step',
      yScale: 'linear',
      yTitle: 'cosine',
      yMin: -1,
      yMax: 1,
      yStepSize: 0.5,
      yFormat: 'number',
      referenceLine: 0,
      emptyText: noGradients,
      lines: (series) => {
        const encoderSeries = of(series);
        if (encoderSeries === undefined) return [];
        return [
          { key: 'cosine', label: 'cosine', data: encoderSeries.cosine, tone: 'blue', variant: 0 },
          { key: 'conflicts', label: 'conflicting steps', data: encoderSeries.conflicts, tone: 'red', markers: true, variant: 0 },
        ];
      },
    },
    {
      id: `norms-${id}`,
      title: `Gradient norms: ${encoder}`,
      xAxis: 'step',
      yScale: 'logarithmic',
      yTitle: 'L2 norm (log scale)',
      yFormat: 'number',
      emptyText: noGradients,
      lines: (series) => {
        const encoderSeries = of(series);
        if (encoderSeries === undefined) return [];
        return [
          { key: 'normMultimodal', label: 'multimodal gradient', data: encoderSeries.normMultimodal, tone: 'blue', variant: 0 },
          { key: 'normUnimodal', label: 'unimodal gradient', data: encoderSeries.normUnimodal, tone: 'orange', variant: 1 },
        ];
      },
    },
    {
      id: `weights-${id}`,
      title: `Gradient weights: ${encoder}`,
      xAxis: 'step',
      yScale: 'linear',
      yTitle: 'weight',
      yMin: 0,
      yMax: 1,
      yFormat: 'number',
      emptyText: noGradients,
      lines: (series) => {
        const encoderSeries = of(series);
        if (encoderSeries === undefined) return [];
        return [
          { key: 'weightMultimodal', label: 'multimodal weight', data: encoderSeries.weightMultimodal, tone: 'blue', variant: 0 },
          { key: 'weightUnimodal', label: 'unimodal weight', data: encoderSeries.weightUnimodal, tone: 'orange', variant: 1 },
        ];
      },
    },
    {
      id: `update-dot-${id}`,
      title: `Update inner products with each gradient: ${encoder}`,
      xAxis: 'step',
      yScale: 'linear',
      yTitle: 'inner product (>= 0: no ascent)',
      yFormat: 'number',
      referenceLine: 0,
      emptyText: noGradients,
      lines: (series) => {
        const encoderSeries = of(series);
        if (encoderSeries === undefined) return [];
        return [
          { key: 'updateDotMultimodal', label: 'update · multimodal gradient', data: encoderSeries.updateDotMultimodal, tone: 'blue', variant: 0 },
          { key: 'updateDotUnimodal', label: 'update · unimodal gradient', data: encoderSeries.updateDotUnimodal, tone: 'orange', variant: 1 },
        ];
      },
    },
    {
      id: `rescale-${id}`,
      title: `Rescale factor of the magnitude rule: ${encoder}`,
      xAxis: 'step',
      yScale: 'linear',
      yTitle: 'factor (before gamma)',
      ySuggestedRange: [1, 1.1],
      yFormat: 'number',
      referenceLine: 1,
      emptyText: noGradients,
      lines: (series) => {
        const encoderSeries = of(series);
        if (encoderSeries === undefined) return [];
        return [{ key: 'rescale', label: 'rescale factor', data: encoderSeries.rescale, tone: 'purple', variant: 0 }];
      },
    },
  ];
}

function perEncoderEpochLines(series: RunSeriesBuilder, pick: 'conflictShare' | 'descentShare'): ChartLine[] {
  return series.encoderNames.map((name, index) => ({
    key: name,
    label: name,
    data: series.encoder(name)![pick],
    tone: cycle(ENCODER_TONES, index),
    variant: index,
  }));
}

const RUN_CHARTS: readonly ChartDefinition[] = [
  {
    id: 'losses',
    title: 'Training losses',
    xAxis: 'step',
    yScale: 'linear',
    yTitle: 'loss',
    yFormat: 'number',
    emptyText: 'No steps recorded yet.',
    lines: (series) => {
      const unimodal = series.modalityNames
        .filter((name) => series.lossUnimodal.has(name))
        .map((name, index): ChartLine => ({
          key: `unimodal:${name}`,
          label: `unimodal ${name}`,
          data: series.lossUnimodal.get(name)!,
          tone: cycle(MODALITY_TONES, index),
          variant: index + 1,
        }));
      return [
        { key: 'multimodal', label: 'multimodal', data: series.lossMultimodal, tone: 'blue', variant: 0 },
        ...unimodal,
        { key: 'total', label: 'total', data: series.lossTotal, tone: 'foreground', variant: unimodal.length + 1 },
      ];
    },
  },
  {
    id: 'accuracy',
    title: 'Test accuracy per epoch',
    xAxis: 'epoch',
    yScale: 'linear',
    yTitle: 'accuracy',
    yMin: 0,
    yMax: 1,
    yFormat: 'percent',
    emptyText: 'No epoch completed yet.',
    lines: (series) => [
      { key: 'fused', label: 'fused', data: series.accuracyFused, tone: 'green', variant: 0 },
      ...series.modalityNames
        .filter((name) => series.accuracyUnimodal.has(name))
        .map((name, index): ChartLine => ({
          key: `unimodal:${name}`,
          label: `unimodal ${name}`,
          data: series.accuracyUnimodal.get(name)!,
          tone: cycle(MODALITY_TONES, index),
          variant: index + 1,
        })),
    ],
  },
  {
    id: 'conflict-share',
    title: 'Share of conflicting steps per epoch',
    xAxis: 'epoch',
    yScale: 'linear',
    yTitle: 'share of steps',
    yMin: 0,
    yMax: 1,
    yFormat: 'percent',
    emptyText: 'No gradient metrics recorded yet.',
    lines: (series) => perEncoderEpochLines(series, 'conflictShare'),
  },
  {
    id: 'descent-share',
    title: 'Share of steps with a common descent direction per epoch',
    xAxis: 'epoch',
    yScale: 'linear',
    yTitle: 'share of steps',
    yMin: 0,
    yMax: 1,
    yFormat: 'percent',
    emptyText: 'No gradient metrics recorded yet.',
    lines: (series) => perEncoderEpochLines(series, 'descentShare'),
  },
];

/** Sections of charts for runs whose encoders are these, run-level charts first. */
export function chartSections(encoders: readonly string[]): ChartSection[] {
  return [
    { id: 'run', title: 'Losses, accuracy and conflict shares', charts: RUN_CHARTS },
    ...encoders.map((encoder) => ({ id: `encoder-${idPart(encoder)}`, title: `Encoder ${encoder}`, charts: encoderCharts(encoder) })),
  ];
}
