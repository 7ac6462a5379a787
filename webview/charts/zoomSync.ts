// Keeps the step axis of all step charts in a page zoomed to the same range: zooming or panning
// one chart (mouse, wheel, touch or keyboard) applies its range to the others.
import type { Chart } from 'chart.js';
import type {} from 'chartjs-plugin-zoom';
import type { ZoomCallbacks } from './chartConfig';
import type { ChartView } from './chartView';

export interface StepRange {
  readonly min: number;
  readonly max: number;
}

/** Share of the visible range one arrow key press pans by. */
const PAN_FRACTION = 0.1;
const ZOOM_FACTOR = 1.25;

export class ZoomSync {
  private readonly views = new Set<ChartView>();
  private syncing = false;
  private range: StepRange | undefined;

  readonly callbacks: ZoomCallbacks = {
    onZoomComplete: (chart) => this.propagate(chart as Chart),
    onPanComplete: (chart) => this.propagate(chart as Chart),
  };

  /** Step range all step charts show, or undefined when not zoomed. */
  get currentRange(): StepRange | undefined {
    return this.range;
  }

  add(view: ChartView): void {
    this.views.add(view);
  }

  remove(view: ChartView): void {
    this.views.delete(view);
  }

  /** Applies the shared range to a chart created after the user zoomed. */
  applyTo(view: ChartView): void {
    const chart = view.chartInstance;
    if (chart === undefined || this.range === undefined) return;
    this.withoutPropagation(() => chart.zoomScale('x', this.range!, 'none'));
  }

  resetAll(): void {
    this.range = undefined;
    this.withoutPropagation(() => {
      for (const view of this.views) view.chartInstance?.resetZoom('none');
    });
  }

  /** Handles a key pressed on a focused step chart; returns true when it was a zoom or pan key. */
  handleKey(view: ChartView, key: string): boolean {
    const chart = view.chartInstance;
    if (chart === undefined) return false;
    switch (key) {
      case '+':
      case '=':
        chart.zoom({ x: ZOOM_FACTOR }, 'none');
        break;
      case '-':
        chart.zoom({ x: 1 / ZOOM_FACTOR }, 'none');
        break;
      case 'ArrowLeft':
        chart.pan({ x: chart.chartArea.width * PAN_FRACTION }, undefined, 'none');
        break;
      case 'ArrowRight':
        chart.pan({ x: -chart.chartArea.width * PAN_FRACTION }, undefined, 'none');
        break;
      case '0':
      case 'Escape':
        this.resetAll();
        return true;
      default:
        return false;
    }
    this.propagate(chart as Chart);
    return true;
  }

  private propagate(source: Chart): void {
    if (this.syncing) return;
    const scale = source.scales['x'];
    if (scale === undefined) return;
    this.range = source.isZoomedOrPanned() ? { min: scale.min, max: scale.max } : undefined;
    this.withoutPropagation(() => {
      for (const view of this.views) {
        const chart = view.chartInstance;
        if (chart === undefined || (chart as Chart) === source) continue;
        if (this.range === undefined) chart.resetZoom('none');
        else chart.zoomScale('x', this.range, 'none');
      }
    });
  }

  private withoutPropagation(action: () => void): void {
    this.syncing = true;
    try {
      action();
    } finally {
      this.syncing = false;
    }
  }
}
