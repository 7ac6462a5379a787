// The dashboard of one run: applies host messages to the run's series and redraws the header,
// the charts and the screen-reader summary at most ten times a second.
import type { HostToWebviewMessage, RunSnapshot } from '../contract/panelMessages';
import type { MetricsRecord, RunStatus, RunSummary } from '../../trainer/contract/records';
import type { ChartDefinition } from '../charts/chartCatalog';
import type { StyledLine } from '../charts/chartConfig';
import { ChartGrid } from '../charts/chartGrid';
import type { ChartPalette } from '../charts/palette';
import { dashPattern } from '../charts/palette';
import { ZoomSync } from '../charts/zoomSync';
import { describeRunProgress } from '../model/liveSummary';
import { collectRunFacts } from '../model/runFacts';
import { RunSeriesBuilder } from '../model/runSeries';
import { LiveRegion } from '../shared/liveRegion';
import { RenderScheduler } from '../shared/renderScheduler';
import type { VsCodeApi } from '../shared/vscodeApi';
import { RunHeader } from './runHeader';

interface RunState {
  readonly runId: string;
  name: string;
  status: RunStatus;
  summary?: RunSummary;
  readonly series: RunSeriesBuilder;
}

function styleDashboardLines(series: RunSeriesBuilder, definition: ChartDefinition, palette: ChartPalette): StyledLine[] {
  return definition.lines(series).map((line) => ({
    ...line,
    color: palette.tones[line.tone],
    dash: dashPattern(line.variant, palette.lineWidth),
  }));
}

export class DashboardApp {
  private run: RunState | undefined;
  private queue: MetricsRecord[][] = [];
  private readonly scheduler = new RenderScheduler(() => this.renderFrame());
  private readonly zoom = new ZoomSync();
  private readonly header: RunHeader;
  private readonly notice: HTMLDivElement;
  private readonly chartsElement: HTMLDivElement;
  private readonly liveRegion: LiveRegion;
  private grid: ChartGrid | undefined;
  private elapsedTimer: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
    private readonly runId: string | undefined,
    private palette: ChartPalette,
  ) {
    this.header = new RunHeader({
      stop: () => this.post('stop-run'),
      showLog: () => this.post('show-log'),
      exportCsv: () => this.post('export-csv'),
      resetZoom: () => this.zoom.resetAll(),
    });
    this.header.element.hidden = true;
    this.notice = document.createElement('div');
    this.notice.className = 'panel-notice';
    this.chartsElement = document.createElement('div');
    this.chartsElement.className = 'charts';
    this.liveRegion = new LiveRegion();
    this.root.replaceChildren(this.header.element, this.notice, this.chartsElement, this.liveRegion.element);
    this.showNotice(`Loading run ${runId ?? ''}...`, true);
  }

  handleMessage(message: HostToWebviewMessage): void {
    switch (message.type) {
      case 'init':
        this.init(message.runs);
        break;
      case 'append-records':
        if (this.run !== undefined && message.runId === this.run.runId) {
          this.queue.push([...message.records]);
          this.scheduler.request();
        }
        break;
      case 'run-status':
        if (this.run !== undefined && message.runId === this.run.runId) {
          this.run.status = message.status;
          if (message.summary !== undefined) this.run.summary = message.summary;
          this.liveRegion.announceNow(`Run ${this.run.name} is ${message.status}.`);
          this.scheduler.request();
        }
        break;
    }
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    this.grid?.setPalette(palette);
  }

  private init(runs: readonly RunSnapshot[]): void {
    this.grid?.destroy();
    this.grid = undefined;
    this.queue = [];
    const snapshot = runs.find((run) => run.runId === this.runId) ?? (this.runId === undefined ? runs[0] : undefined);
    this.root.setAttribute('aria-busy', 'false');
    if (snapshot === undefined) {
      this.run = undefined;
      this.header.element.hidden = true;
      this.showNotice(`Run ${this.runId ?? ''} was not found. It may have been deleted, or its folder moved out of the workspace.`, false);
      return;
    }

    const series = new RunSeriesBuilder();
    series.append(snapshot.records);
    this.run = { runId: snapshot.runId, name: snapshot.name, status: snapshot.status, summary: snapshot.summary, series };
    this.header.element.hidden = false;
    const run = this.run;
    this.grid = new ChartGrid(this.chartsElement, this.palette, {
      legend: true,
      zoom: this.zoom,
      styleLines: (definition, palette) => styleDashboardLines(run.series, definition, palette),
    });
    this.renderFrame();
  }

  private renderFrame(): void {
    const run = this.run;
    if (run === undefined || this.grid === undefined) return;
    for (const records of this.queue) run.series.append(records);
    this.queue = [];

    this.header.update(collectRunFacts(run, run.series, Date.now()));
    this.updateElapsedTimer(run);
    this.updateNotice(run);
    this.grid.setEncoders(run.series.encoderNames);
    this.grid.render();
    this.liveRegion.announce(describeRunProgress(run.series));
  }

  private updateNotice(run: RunState): void {
    if (run.series.stepCount > 0) {
      this.hideNotice();
    } else if (run.status === 'running') {
      this.showNotice('Waiting for the first training step...', true);
    } else if (run.status === 'failed') {
      this.showNotice('The run failed before its first training step, so there is nothing to chart.', false);
    } else {
      this.showNotice('This run recorded no training steps.', false);
    }
  }

  /** Ticks the elapsed time once a second while the run is running and no records arrive. */
  private updateElapsedTimer(run: RunState): void {
    if (run.status === 'running' && this.elapsedTimer === undefined) {
      this.elapsedTimer = window.setInterval(() => {
        if (this.run !== undefined) this.header.setElapsed(collectRunFacts(this.run, this.run.series, Date.now()).elapsedMs);
      }, 1000);
    } else if (run.status !== 'running' && this.elapsedTimer !== undefined) {
      window.clearInterval(this.elapsedTimer);
      this.elapsedTimer = undefined;
    }
  }

  private showNotice(text: string, busy: boolean): void {
    this.notice.hidden = false;
    this.notice.replaceChildren();
    if (busy) this.notice.append(document.createElement('vscode-progress-ring'));
    const paragraph = document.createElement('p');
    paragraph.textContent = text;
    this.notice.append(paragraph);
  }

  private hideNotice(): void {
    this.notice.hidden = true;
  }

  private post(type: 'stop-run' | 'show-log' | 'export-csv'): void {
    if (this.run !== undefined) this.api.postMessage({ type, runId: this.run.runId });
  }
}
