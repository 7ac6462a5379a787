// The sections of chart cards of a panel: run-level charts, then one section per encoder. The
// dashboard and the compare view differ only in how they turn definitions into styled lines.
import type { ChartDefinition } from './chartCatalog';
import { chartSections } from './chartCatalog';
import type { StyledLine } from './chartConfig';
import { ChartView } from './chartView';
import type { ChartPalette } from './palette';
import type { ZoomSync } from './zoomSync';

export interface ChartGridOptions {
  readonly legend: boolean;
  readonly zoom: ZoomSync;
  /** The lines of one chart with their colors and dash patterns, for the current palette. */
  readonly styleLines: (definition: ChartDefinition, palette: ChartPalette) => StyledLine[];
  /** Text under a chart's heading, or undefined for none. */
  readonly noteFor?: (definition: ChartDefinition) => string | undefined;
}

export class ChartGrid {
  private readonly sections = new Map<string, HTMLElement>();
  private readonly views: ChartView[] = [];

  constructor(
    private readonly container: HTMLElement,
    private palette: ChartPalette,
    private readonly options: ChartGridOptions,
  ) {}

  get chartViews(): readonly ChartView[] {
    return this.views;
  }

  /** Adds the sections of encoders not shown yet; sections never go away while the page lives. */
  setEncoders(encoders: readonly string[]): void {
    for (const section of chartSections(encoders)) {
      if (this.sections.has(section.id)) continue;
      const element = document.createElement('section');
      element.className = 'chart-section';
      element.id = `section-${section.id}`;
      const heading = document.createElement('h2');
      heading.id = `heading-${section.id}`;
      heading.textContent = section.title;
      element.setAttribute('aria-labelledby', heading.id);
      const grid = document.createElement('div');
      grid.className = 'chart-grid';
      element.append(heading, grid);
      this.container.append(element);
      this.sections.set(section.id, element);

      for (const definition of section.charts) {
        const stepAxis = definition.xAxis === 'step';
        const zoom = this.options.zoom;
        const view = new ChartView(definition, this.palette, {
          legend: this.options.legend,
          zoom: stepAxis ? zoom.callbacks : undefined,
          onKey: stepAxis ? (target, key) => zoom.handleKey(target, key) : undefined,
          onChartCreated: stepAxis ? (target) => zoom.applyTo(target) : undefined,
          note: this.options.noteFor?.(definition),
        });
        if (stepAxis) zoom.add(view);
        grid.append(view.element);
        this.views.push(view);
      }
    }
  }

  /** Hands every chart its current lines and redraws the ones in view. */
  render(): void {
    for (const view of this.views) {
      view.setLines(this.options.styleLines(view.definition, this.palette));
      view.setNote(this.options.noteFor?.(view.definition));
      view.render();
    }
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    for (const view of this.views) {
      view.setLines(this.options.styleLines(view.definition, palette));
      view.setPalette(palette);
      view.render();
    }
  }

  destroy(): void {
    for (const view of this.views) {
      this.options.zoom.remove(view);
      view.destroy();
    }
    this.views.length = 0;
    for (const section of this.sections.values()) section.remove();
    this.sections.clear();
  }
}
