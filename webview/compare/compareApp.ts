// The compare view: two or more runs overlaid in the dashboard's charts, a pinned legend of run
// colors, the config keys that differ and a table of accuracies and conflict shares.
import type { HostToWebviewMessage, RunSnapshot } from '../contract/panelMessages';
import type { RunConfig } from '../../trainer/contract/configSchema';
import type { MetricsRecord, RunStatus, RunSummary } from '../../trainer/contract/records';
import { ChartGrid } from '../charts/chartGrid';
import type { ChartPalette } from '../charts/palette';
import { ZoomSync } from '../charts/zoomSync';
import { differingConfigKeys } from '../model/configDiff';
import type { TextTable } from '../model/compareTables';
import { accuracyTable, configDifferenceTable } from '../model/compareTables';
import { collectRunAccuracy } from '../model/runAccuracy';
import { RunSeriesBuilder } from '../model/runSeries';
import { LiveRegion } from '../shared/liveRegion';
import { RenderScheduler } from '../shared/renderScheduler';
import type { ComparedSeries } from './compareStyles';
import { lineStyleNote, runColor, runDashOffset, styleCompareLines } from './compareStyles';
import { createTableElement } from './tableElement';

interface ComparedRunState extends ComparedSeries {
  readonly name: string;
  status: RunStatus;
  summary?: RunSummary;
  readonly config?: RunConfig;
  queue: MetricsRecord[][];
}

const STATUS_TEXT: Readonly<Record<RunStatus, string>> = {
  running: 'running',
  completed: 'completed',
  stopped: 'stopped',
  failed: 'failed',
};

export class CompareApp {
  private runs: ComparedRunState[] = [];
  private readonly scheduler = new RenderScheduler(() => this.renderFrame());
  private readonly zoom = new ZoomSync();
  private readonly titleElement: HTMLHeadingElement;
  private readonly legend: HTMLUListElement;
  private readonly notice: HTMLParagraphElement;
  private readonly configSection: HTMLElement;
  private readonly accuracySection: HTMLElement;
  private readonly chartsElement: HTMLDivElement;
  private readonly liveRegion = new LiveRegion();
  private grid: ChartGrid | undefined;
  /** Text of the tables last drawn, so unchanged tables are not rebuilt on every frame. */
  private drawnTables = { config: '', accuracy: '' };

  constructor(
    private readonly root: HTMLElement,
    private readonly runIds: readonly string[],
    private palette: ChartPalette,
  ) {
    const header = document.createElement('header');
    header.className = 'compare-header';
    this.titleElement = document.createElement('h1');
    this.titleElement.textContent = `Comparing ${runIds.length} runs`;
    const resetZoom = document.createElement('vscode-button');
    resetZoom.id = 'reset-zoom';
    resetZoom.secondary = true;
    resetZoom.textContent = 'Reset zoom';
    resetZoom.addEventListener('click', () => this.zoom.resetAll());
    header.append(this.titleElement, resetZoom);

    this.legend = document.createElement('ul');
    this.legend.className = 'run-legend';
    this.legend.setAttribute('aria-label', 'Runs and their colors');

    this.notice = document.createElement('p');
    this.notice.className = 'panel-notice';
    this.notice.textContent = `Loading ${runIds.length} runs...`;

    this.configSection = this.section('config', 'Config keys that differ');
    this.accuracySection = this.section('accuracy', 'Accuracy and conflict share');
    this.chartsElement = document.createElement('div');
    this.chartsElement.className = 'charts';
    this.root.replaceChildren(header, this.legend, this.notice, this.configSection, this.accuracySection, this.chartsElement, this.liveRegion.element);
  }

  handleMessage(message: HostToWebviewMessage): void {
    switch (message.type) {
      case 'init':
        this.init(message.runs);
        break;
      case 'append-records': {
        const run = this.runs.find((candidate) => candidate.runId === message.runId);
        if (run !== undefined) {
          run.queue.push([...message.records]);
          this.scheduler.request();
        }
        break;
      }
      case 'run-status': {
        const run = this.runs.find((candidate) => candidate.runId === message.runId);
        if (run !== undefined) {
          run.status = message.status;
          if (message.summary !== undefined) run.summary = message.summary;
          this.liveRegion.announceNow(`Run ${run.label} is ${message.status}.`);
          this.scheduler.request();
        }
        break;
      }
    }
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    this.renderLegend();
    this.grid?.setPalette(palette);
  }

  private section(id: string, title: string): HTMLElement {
    const element = document.createElement('section');
    element.className = 'table-section';
    element.id = `section-${id}`;
    const heading = document.createElement('h2');
    heading.id = `heading-${id}`;
    heading.textContent = title;
    element.setAttribute('aria-labelledby', heading.id);
    element.append(heading);
    return element;
  }

  private init(snapshots: readonly RunSnapshot[]): void {
    this.grid?.destroy();
    this.drawnTables = { config: '', accuracy: '' };
    this.root.setAttribute('aria-busy', 'false');
    // Keep the order the user picked the runs in; runs the host could not find are left out.
    const ordered = this.runIds
      .map((runId) => snapshots.find((snapshot) => snapshot.runId === runId))
      .filter((snapshot): snapshot is RunSnapshot => snapshot !== undefined);
    const extra = snapshots.filter((snapshot) => !this.runIds.includes(snapshot.runId));
    this.runs = [...ordered, ...extra].map((snapshot, index) => {
      const series = new RunSeriesBuilder();
      series.append(snapshot.records);
      return {
        runId: snapshot.runId,
        name: snapshot.name,
        label: `R${index + 1} ${snapshot.name}`,
        status: snapshot.status,
        summary: snapshot.summary,
        config: snapshot.config,
        series,
        queue: [],
      };
    });

    const missing = this.runIds.filter((runId) => !snapshots.some((snapshot) => snapshot.runId === runId));
    this.titleElement.textContent = `Comparing ${this.runs.length} runs`;
    this.notice.hidden = missing.length === 0 && this.runs.length >= 2;
    this.notice.textContent = [
      missing.length > 0 ? `Not found, so left out: ${missing.join(', ')}. They may have been deleted.` : '',
      this.runs.length < 2 ? 'Comparing needs at least two runs.' : '',
    ]
      .filter((text) => text !== '')
      .join(' ');

    const runs = this.runs;
    this.grid = new ChartGrid(this.chartsElement, this.palette, {
      legend: false,
      zoom: this.zoom,
      styleLines: (definition, palette) => styleCompareLines(runs, definition, palette),
      noteFor: (definition) => lineStyleNote(runs, definition),
    });
    this.renderLegend();
    this.renderFrame();
  }

  private renderLegend(): void {
    const items = this.runs.map((run, index) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      swatch.style.borderTopColor = runColor(index, this.palette);
      if (runDashOffset(index) > 0) swatch.style.borderTopStyle = 'dashed';
      const text = document.createElement('span');
      text.textContent = `${run.label} (${run.runId}, ${STATUS_TEXT[run.status]})`;
      item.append(swatch, text);
      return item;
    });
    this.legend.replaceChildren(...items);
  }

  private renderFrame(): void {
    if (this.grid === undefined) return;
    for (const run of this.runs) {
      for (const records of run.queue) run.series.append(records);
      run.queue = [];
    }
    const encoders = new Set<string>();
    for (const run of this.runs) run.series.encoderNames.forEach((name) => encoders.add(name));
    this.grid.setEncoders([...encoders]);
    this.grid.render();
    // The accuracy table shows each run's status, so a status change redraws the legend too.
    if (this.renderTables()) this.renderLegend();
    const latest = this.runs.map((run) => `${run.label}: step ${run.series.lastStep?.step ?? 0}, ${STATUS_TEXT[run.status]}`);
    this.liveRegion.announce(latest.join('. '));
  }

  /** Rebuilds the tables whose text changed; returns true when one did. */
  private renderTables(): boolean {
    const labels = this.runs.map((run) => run.label);
    const configs = this.runs.map((run) => run.config ?? run.series.runStart?.config);
    const configTable = configDifferenceTable(differingConfigKeys(configs), labels);
    const accuracy = accuracyTable(
      this.runs.map((run) => ({
        label: run.label,
        status: STATUS_TEXT[run.status],
        accuracy: collectRunAccuracy(run.series, run.summary),
        modalities: [...new Set([...run.series.modalityNames, ...run.series.encoderNames])],
      })),
    );

    let changed = false;
    const configText = JSON.stringify(configTable);
    if (configText !== this.drawnTables.config) {
      this.drawnTables.config = configText;
      this.replaceTable(this.configSection, configTable, 'config-table', 'Config keys that differ between the runs', 'All runs have the same config.', ['22%', ...labels.map(() => 'auto')]);
      changed = true;
    }
    const accuracyText = JSON.stringify(accuracy);
    if (accuracyText !== this.drawnTables.accuracy) {
      this.drawnTables.accuracy = accuracyText;
      this.replaceTable(this.accuracySection, accuracy, 'accuracy-table', 'Final and best test accuracies and conflict shares of each run', '', ['22%', ...labels.map(() => 'auto')]);
      changed = true;
    }
    return changed;
  }

  private replaceTable(section: HTMLElement, table: TextTable, id: string, caption: string, emptyText: string, columns: string[]): void {
    const heading = section.querySelector('h2');
    const content: HTMLElement[] = [];
    if (table.rows.length === 0 && emptyText !== '') {
      const paragraph = document.createElement('p');
      paragraph.textContent = configsMissing(this.runs) ? 'The configs of some runs could not be read, so they are not compared.' : emptyText;
      content.push(paragraph);
    } else {
      content.push(createTableElement(table, id, caption, columns));
    }
    section.replaceChildren(...(heading === null ? [] : [heading]), ...content);
  }
}

function configsMissing(runs: readonly ComparedRunState[]): boolean {
  return runs.some((run) => run.config === undefined && run.series.runStart === undefined);
}
