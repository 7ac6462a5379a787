// Registers the Chart.js parts the panels use (tree-shaken, instead of chart.js/auto) and
// exposes a chart lookup for the browser tests and for debugging in the webview developer tools.
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { referenceLinePlugin } from './referenceLinePlugin';

declare global {
  interface Window {
    /** Returns the Chart.js instance drawn on a canvas, if any. */
    mmparetoGetChart?: (canvas: HTMLCanvasElement) => Chart | undefined;
  }
}

let registered = false;

export function registerChartJs(): void {
  if (registered) return;
  registered = true;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Decimation, zoomPlugin, referenceLinePlugin);
  window.mmparetoGetChart = (canvas) => Chart.getChart(canvas);
}
