// Builds Chart.js configurations from chart definitions. For streaming data they turn animation
// off, read pre-shaped {x, y} points with parsing: false and declare them normalized (sorted,
// unique x). Step charts use min-max decimation, which draws at most 4 points per pixel column.
import type { ChartConfiguration, ChartDataset, ChartOptions, PointStyle, TooltipItem } from 'chart.js';
import type {} from 'chartjs-plugin-zoom';
import type { ZoomPluginOptions } from 'chartjs-plugin-zoom/types/options';
import { formatMetric, formatPercent } from '../model/formatting';
import type { XYPoint } from '../model/runSeries';
import type { ChartDefinition, ChartLine } from './chartCatalog';
import type { ChartPalette } from './palette';

/** A chart line with its resolved look. */
export interface StyledLine extends ChartLine {
  readonly color: string;
  readonly dash: readonly number[];
  readonly pointStyle?: PointStyle;
}

export type LineDataset = ChartDataset<'line', XYPoint[]> & { readonly lineKey: string };

export interface ZoomCallbacks {
  onZoomComplete(chart: unknown): void;
  onPanComplete(chart: unknown): void;
}

export interface ChartConfigOptions {
  readonly legend: boolean;
  /** Step charts get wheel, drag and pan zoom on the x axis; undefined turns zoom off. */
  readonly zoom?: ZoomCallbacks;
}

function formatValue(definition: ChartDefinition, value: number): string {
  return definition.yFormat === 'percent' ? formatPercent(value) : formatMetric(value);
}

/** Builds the Chart.js dataset of one line; views match datasets to lines by lineKey. */
export function buildDataset(definition: ChartDefinition, line: StyledLine, palette: ChartPalette): LineDataset {
  const epochAxis = definition.xAxis === 'epoch';
  if (line.markers === true) {
    return {
      lineKey: line.key,
      label: line.label,
      data: line.data,
      showLine: false,
      borderColor: line.color,
      backgroundColor: line.color,
      pointBackgroundColor: line.color,
      pointBorderColor: line.color,
      pointStyle: line.pointStyle ?? 'circle',
      pointRadius: palette.markerRadius,
      pointHoverRadius: palette.markerRadius + 1.5,
      borderWidth: line.pointStyle === 'crossRot' ? palette.lineWidth : 0,
      // Markers sit on top of the line they mark.
      order: -1,
    };
  }
  return {
    lineKey: line.key,
    label: line.label,
    data: line.data,
    borderColor: line.color,
    backgroundColor: line.color,
    borderWidth: palette.lineWidth,
    borderDash: [...line.dash],
    // Few points per epoch chart, so show them; step charts would draw thousands of dots.
    pointRadius: epochAxis ? palette.markerRadius : 0,
    pointHoverRadius: epochAxis ? palette.markerRadius + 1.5 : 3,
    pointHitRadius: 4,
    tension: 0,
    fill: false,
  };
}

type ScaleConfig = NonNullable<ChartOptions<'line'>['scales']>[string];

function xScale(definition: ChartDefinition, palette: ChartPalette): ScaleConfig {
  const epochAxis = definition.xAxis === 'epoch';
  return {
    type: 'linear',
    title: { display: true, text: definition.xAxis, color: palette.mutedForeground },
    ticks: { color: palette.mutedForeground, precision: 0, ...(epochAxis ? { stepSize: 1 } : {}) },
    grid: { color: palette.grid, lineWidth: palette.kind.startsWith('high-contrast') ? 0.75 : 0.5 },
    border: { color: palette.grid },
  };
}

/**
 * Labels a logarithmic tick only when its significand is 1, 2 or 5, because Chart.js places a
 * tick at every significand and their labels overlap on short ranges.
 */
export function logarithmicTickLabel(value: number): string {
  if (value <= 0) return '';
  const significand = value / 10 ** Math.floor(Math.log10(value));
  // 10 catches values such as 0.1 whose floating-point log10 lands just below a whole number.
  const labelled = [1, 2, 5, 10].some((candidate) => Math.abs(significand - candidate) < 1e-9 * candidate);
  return labelled ? formatMetric(value) : '';
}

function yTickLabel(definition: ChartDefinition): ((value: number | string) => string) | undefined {
  // Percent ticks drop a trailing .0: 100%, 12.5%.
  if (definition.yFormat === 'percent') return (value) => (typeof value === 'number' ? `${Number((value * 100).toFixed(1))}%` : value);
  if (definition.yScale === 'logarithmic') return (value) => (typeof value === 'number' ? logarithmicTickLabel(value) : value);
  // Chart.js's own linear formatter picks the decimals from the tick spacing.
  return undefined;
}

function yScale(definition: ChartDefinition, palette: ChartPalette): ScaleConfig {
  const callback = yTickLabel(definition);
  return {
    type: definition.yScale,
    min: definition.yMin,
    max: definition.yMax,
    suggestedMin: definition.ySuggestedRange?.[0],
    suggestedMax: definition.ySuggestedRange?.[1],
    title: { display: true, text: definition.yTitle, color: palette.mutedForeground },
    ticks: {
      color: palette.mutedForeground,
      ...(callback === undefined ? {} : { callback }),
      ...(definition.yStepSize === undefined ? {} : { stepSize: definition.yStepSize }),
    },
    grid: { color: palette.grid, lineWidth: palette.kind.startsWith('high-contrast') ? 0.75 : 0.5 },
    border: { color: palette.grid },
  };
}

function zoomOptions(palette: ChartPalette, callbacks: ZoomCallbacks | undefined): ZoomPluginOptions {
  if (callbacks === undefined) {
    return { zoom: { wheel: { enabled: false }, drag: { enabled: false }, pinch: { enabled: false } }, pan: { enabled: false } };
  }
  return {
    zoom: {
      mode: 'x',
      // Ctrl+wheel, so that a plain wheel still scrolls the page past the charts.
      wheel: { enabled: true, modifierKey: 'ctrl' },
      drag: { enabled: true, threshold: 4, borderColor: palette.tones.blue, borderWidth: 1, backgroundColor: 'rgba(128, 128, 128, 0.2)' },
      pinch: { enabled: true },
      onZoomComplete: ({ chart }) => callbacks.onZoomComplete(chart),
    },
    pan: { enabled: true, mode: 'x', modifierKey: 'shift', onPanComplete: ({ chart }) => callbacks.onPanComplete(chart) },
  };
}

/** Builds the whole configuration of a line chart for a definition and its styled lines. */
export function buildChartConfig(
  definition: ChartDefinition,
  lines: readonly StyledLine[],
  palette: ChartPalette,
  options: ChartConfigOptions,
): ChartConfiguration<'line', XYPoint[]> {
  const stepAxis = definition.xAxis === 'step';
  return {
    type: 'line',
    data: { datasets: lines.map((line) => buildDataset(definition, line, palette)) },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      color: palette.foreground,
      font: { family: palette.fontFamily, size: Math.max(10, palette.fontSize - 1) },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: { x: xScale(definition, palette), y: yScale(definition, palette) },
      plugins: {
        legend: {
          display: options.legend,
          position: 'bottom',
          // Dataset order, not draw order: markers are drawn last but listed after their line.
          labels: { color: palette.foreground, boxWidth: 18, boxHeight: 2, usePointStyle: false, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
        },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items.length > 0 ? `${definition.xAxis} ${items[0]!.parsed.x}` : ''),
            label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}: ${formatValue(definition, item.parsed.y ?? Number.NaN)}`,
          },
        },
        decimation: { enabled: stepAxis, algorithm: 'min-max' },
        zoom: zoomOptions(palette, stepAxis ? options.zoom : undefined),
        referenceLine: { value: definition.referenceLine, color: palette.mutedForeground, width: palette.lineWidth },
      },
    },
  };
}
