// A Chart.js plugin that draws one horizontal reference line, such as cosine 0 or rescale
// factor 1, under the datasets. Options: plugins.referenceLine = { value, color, width }.
import type { Chart, ChartType, Plugin } from 'chart.js';

export interface ReferenceLineOptions {
  /** y value of the line; no line when undefined. */
  readonly value?: number;
  readonly color?: string;
  /** Line width in CSS pixels. */
  readonly width?: number;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    referenceLine?: ReferenceLineOptions;
  }
}

export const referenceLinePlugin: Plugin<'line', ReferenceLineOptions> = {
  id: 'referenceLine',
  defaults: { width: 1 },
  beforeDatasetsDraw(chart: Chart<'line'>, _args: unknown, options: ReferenceLineOptions): void {
    const { value, color, width } = options;
    const yScale = chart.scales['y'];
    if (value === undefined || yScale === undefined) return;
    if (value < yScale.min || value > yScale.max) return;

    const y = yScale.getPixelForValue(value);
    const { left, right } = chart.chartArea;
    const context = chart.ctx;
    context.save();
    context.beginPath();
    context.strokeStyle = color ?? '#888888';
    context.lineWidth = width ?? 1;
    context.setLineDash([]);
    context.moveTo(left, y);
    context.lineTo(right, y);
    context.stroke();
    context.restore();
  },
};
