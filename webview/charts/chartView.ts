// One chart card in the page: a figure with a heading, a canvas with role="img" and a text
// description, and the Chart.js instance drawn on it. Charts scrolled out of view skip redraws
// until they come back into view.
import { Chart } from 'chart.js';
import { describeChart } from '../model/liveSummary';
import type { XYPoint } from '../model/runSeries';
import type { ChartDefinition } from './chartCatalog';
import type { LineDataset, StyledLine, ZoomCallbacks } from './chartConfig';
import { buildChartConfig, buildDataset } from './chartConfig';
import type { ChartPalette } from './palette';

export interface ChartViewOptions {
  readonly legend: boolean;
  readonly zoom?: ZoomCallbacks;
  /** Keyboard zoom and pan on a focused step chart. */
  readonly onKey?: (view: ChartView, key: string) => boolean;
  /** Text under the heading, e.g. which line style is which metric of a run. */
  readonly note?: string;
  /** Called once the Chart.js instance exists, e.g. to apply the page's zoom. */
  readonly onChartCreated?: (view: ChartView) => void;
}

const visibility = new WeakMap<Element, ChartView>();
let observer: IntersectionObserver | undefined;

function visibilityObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) visibility.get(entry.target)?.setVisible(entry.isIntersecting);
    },
    { rootMargin: '300px 0px' },
  );
  return observer;
}

export class ChartView {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly emptyNote: HTMLParagraphElement;
  private readonly noteElement: HTMLParagraphElement;
  private chart: Chart<'line', XYPoint[]> | undefined;
  private lines: readonly StyledLine[] = [];
  private visible = true;
  private dirty = true;

  constructor(
    readonly definition: ChartDefinition,
    private palette: ChartPalette,
    private readonly options: ChartViewOptions,
  ) {
    this.element = document.createElement('figure');
    this.element.className = 'chart-card';
    this.element.id = `card-${definition.id}`;

    const caption = document.createElement('figcaption');
    const heading = document.createElement('h3');
    heading.textContent = definition.title;
    caption.append(heading);
    this.noteElement = document.createElement('p');
    this.noteElement.className = 'chart-note';
    this.noteElement.hidden = options.note === undefined;
    this.noteElement.textContent = options.note ?? '';
    caption.append(this.noteElement);

    const box = document.createElement('div');
    box.className = 'chart-box';
    this.canvas = document.createElement('canvas');
    this.canvas.id = `chart-${definition.id}`;
    this.canvas.setAttribute('role', 'img');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('aria-label', `${definition.title}: no data yet.`);
    this.emptyNote = document.createElement('p');
    this.emptyNote.className = 'chart-empty';
    this.emptyNote.textContent = definition.emptyText;
    box.append(this.canvas, this.emptyNote);
    this.element.append(caption, box);

    if (options.onKey !== undefined) {
      const onKey = options.onKey;
      this.canvas.addEventListener('keydown', (event) => {
        if (onKey(this, event.key)) event.preventDefault();
      });
    }
    visibility.set(this.element, this);
    visibilityObserver().observe(this.element);
  }

  get chartInstance(): Chart<'line', XYPoint[]> | undefined {
    return this.chart;
  }

  setNote(note: string | undefined): void {
    this.noteElement.hidden = note === undefined;
    this.noteElement.textContent = note ?? '';
  }

  /** Gives the chart its current lines; the point arrays are shared, not copied. */
  setLines(lines: readonly StyledLine[]): void {
    this.lines = lines;
    this.dirty = true;
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    if (this.chart !== undefined) {
      // Keep the user's zoom: the zoom plugin stores it as the x scale's min and max options.
      const xOptions = this.chart.options.scales?.['x'];
      const zoomedMin = xOptions?.min;
      const zoomedMax = xOptions?.max;
      const next = buildChartConfig(this.definition, this.lines, palette, this.options);
      this.chart.options = next.options!;
      const nextX = this.chart.options.scales?.['x'];
      if (nextX !== undefined) {
        nextX.min = zoomedMin;
        nextX.max = zoomedMax;
      }
      this.chart.data.datasets = this.lines.map((line) => buildDataset(this.definition, line, palette));
    }
    this.dirty = true;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.dirty) this.render();
  }

  /** Redraws now if the chart is in view, else when it scrolls into view. */
  render(): void {
    const empty = this.lines.every((line) => line.data.length === 0);
    this.emptyNote.hidden = !empty;
    this.canvas.setAttribute('aria-label', describeChart(this.definition.title, this.definition.xAxis, this.lines));
    if (!this.visible || !this.element.isConnected) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    if (this.chart === undefined) {
      this.chart = new Chart(this.canvas, buildChartConfig(this.definition, this.lines, this.palette, this.options));
      this.options.onChartCreated?.(this);
      return;
    }
    this.syncDatasets();
    this.chart.update('none');
  }

  destroy(): void {
    visibilityObserver().unobserve(this.element);
    visibility.delete(this.element);
    this.chart?.destroy();
    this.chart = undefined;
    this.element.remove();
  }

  private syncDatasets(): void {
    const chart = this.chart!;
    const datasets = chart.data.datasets as LineDataset[];
    const sameLines = datasets.length === this.lines.length && datasets.every((dataset, index) => dataset.lineKey === this.lines[index]!.key);
    if (!sameLines) {
      chart.data.datasets = this.lines.map((line) => buildDataset(this.definition, line, this.palette));
      return;
    }
    // Assigning goes through the decimation plugin's setter when it has taken over the data property.
    datasets.forEach((dataset, index) => {
      dataset.data = this.lines[index]!.data;
    });
  }
}
