// Tests of the chart definitions, the Chart.js configurations built from them and the palette.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { runStart, step, epoch } from './helpers/records.mjs';

const { chartSections, idPart } = await importModule('webview/charts/chartCatalog.ts');
const { buildChartConfig, logarithmicTickLabel } = await importModule('webview/charts/chartConfig.ts');
const { readPalette, themeKindOf, dashPattern } = await importModule('webview/charts/palette.ts');
const { RunSeriesBuilder } = await importModule('webview/model/runSeries.ts');
const { styleCompareLines, lineStyleNote } = await importModule('webview/compare/compareStyles.ts');

const DARK_VARIABLES = {
  '--vscode-editor-foreground': '#d4d4d4',
  '--vscode-charts-red': '#ff0000',
  '--vscode-charts-blue': '#0000ff',
  '--vscode-contrastBorder': '#6fc3df',
};
const palette = readPalette((name) => DARK_VARIABLES[name] ?? '', ['vscode-dark']);

function definition(id) {
  return chartSections(['gray', 'colored']).flatMap((section) => section.charts).find((chart) => chart.id === id);
}

function builtSeries() {
  const series = new RunSeriesBuilder();
  series.append([runStart(), step(1, 1, { gray: { cosine: -0.5 }, colored: {} }), step(2, 1, { gray: { cosine: 0.5 }, colored: {} }), epoch(1, 2)]);
  return series;
}

test('sections per encoder', () => {
  const sections = chartSections(['gray', 'colored']);
  assert.deepEqual(sections.map((section) => section.id), ['run', 'encoder-gray', 'encoder-colored']);
  assert.deepEqual(sections[1].charts.map((chart) => chart.id), ['cosine-gray', 'norms-gray', 'weights-gray', 'update-dot-gray', 'rescale-gray']);
  assert.deepEqual(sections[0].charts.map((chart) => chart.id), ['losses', 'accuracy', 'conflict-share', 'descent-share']);
});

test('chart ids are unique', () => {
  const ids = chartSections(['gray', 'colored', 'audio']).flatMap((section) => section.charts.map((chart) => chart.id));
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(idPart('a b/c'), 'a_b_c');
});

test('cosine chart lines', () => {
  const lines = definition('cosine-gray').lines(builtSeries());
  assert.deepEqual(lines.map((line) => line.key), ['cosine', 'conflicts']);
  assert.equal(lines[1].markers, true);
  assert.equal(lines[1].tone, 'red');
  assert.deepEqual(lines[1].data, [{ x: 1, y: -0.5 }]);
  assert.equal(definition('cosine-gray').referenceLine, 0);
});

test('loss lines keep distinct variants', () => {
  const lines = definition('losses').lines(builtSeries());
  assert.deepEqual(lines.map((line) => line.key), ['multimodal', 'unimodal:gray', 'unimodal:colored', 'total']);
  assert.equal(new Set(lines.map((line) => line.variant)).size, lines.length);
});

test('step chart config streams', () => {
  const series = builtSeries();
  const chart = definition('norms-gray');
  const lines = chart.lines(series).map((line) => ({ ...line, color: '#123456', dash: [] }));
  const config = buildChartConfig(chart, lines, palette, { legend: true, zoom: { onZoomComplete() {}, onPanComplete() {} } });
  assert.equal(config.options.animation, false);
  assert.equal(config.options.parsing, false);
  assert.equal(config.options.normalized, true);
  assert.deepEqual(config.options.plugins.decimation, { enabled: true, algorithm: 'min-max' });
  assert.equal(config.options.scales.y.type, 'logarithmic');
  assert.equal(config.options.plugins.zoom.zoom.mode, 'x');
  assert.equal(config.options.plugins.zoom.zoom.drag.enabled, true);
  assert.equal(config.options.plugins.zoom.pan.enabled, true);
  // Datasets share the series arrays, so appending points needs no copy.
  assert.equal(config.data.datasets[0].data, series.encoder('gray').normMultimodal);
  assert.equal(config.data.datasets[0].pointRadius, 0);
});

test('epoch chart config', () => {
  const chart = definition('accuracy');
  const lines = chart.lines(builtSeries()).map((line) => ({ ...line, color: '#123456', dash: [] }));
  const config = buildChartConfig(chart, lines, palette, { legend: true, zoom: { onZoomComplete() {}, onPanComplete() {} } });
  assert.equal(config.options.plugins.decimation.enabled, false);
  assert.equal(config.options.plugins.zoom.zoom.drag.enabled, false);
  assert.equal(config.options.scales.y.max, 1);
  assert.equal(config.options.scales.y.ticks.callback(0.25), '25%');
  assert.equal(config.options.scales.y.ticks.callback(0.125), '12.5%');
  assert.ok(config.data.datasets[0].pointRadius > 0);
});

test('log ticks labelled at 1 2 5', () => {
  assert.deepEqual([0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 4, 5, 20].map(logarithmicTickLabel), ['0.1', '0.2', '', '0.5', '', '1', '', '2', '', '5', '20']);
});

test('marker dataset has no line', () => {
  const chart = definition('cosine-gray');
  const lines = chart.lines(builtSeries()).map((line) => ({ ...line, color: '#ff0000', dash: [] }));
  const config = buildChartConfig(chart, lines, palette, { legend: true });
  assert.equal(config.data.datasets[1].showLine, false);
  assert.equal(config.data.datasets[1].pointBackgroundColor, '#ff0000');
  assert.deepEqual(config.options.plugins.referenceLine.value, 0);
});

test('palette reads variables', () => {
  assert.equal(palette.kind, 'dark');
  assert.equal(palette.tones.red, '#ff0000');
  assert.equal(palette.foreground, '#d4d4d4');
  // Unset variables fall back to the Dark Modern colors.
  assert.equal(palette.tones.green, '#89d185');
  assert.equal(palette.lineWidth, 1.5);
});

test('high contrast thickens lines', () => {
  const highContrast = readPalette((name) => DARK_VARIABLES[name] ?? '', ['vscode-high-contrast']);
  assert.equal(highContrast.kind, 'high-contrast');
  assert.ok(highContrast.lineWidth > palette.lineWidth);
  assert.equal(highContrast.grid, '#6fc3df');
});

test('theme kind from body classes', () => {
  assert.equal(themeKindOf(['vscode-light']), 'light');
  assert.equal(themeKindOf(['vscode-high-contrast', 'vscode-high-contrast-light']), 'high-contrast-light');
  assert.equal(themeKindOf([]), 'dark');
});

test('dash patterns', () => {
  assert.deepEqual(dashPattern(0, 2), []);
  assert.deepEqual(dashPattern(1, 2), [12, 6]);
  assert.deepEqual(dashPattern(4, 2), []);
});

test('compare colors by run', () => {
  const runs = [
    { runId: 'a', label: 'R1 a', series: builtSeries() },
    { runId: 'b', label: 'R2 b', series: builtSeries() },
  ];
  const lines = styleCompareLines(runs, definition('norms-gray'), palette);
  assert.deepEqual(lines.map((line) => line.key), ['a:normMultimodal', 'a:normUnimodal', 'b:normMultimodal', 'b:normUnimodal']);
  assert.equal(lines[0].color, lines[1].color);
  assert.notEqual(lines[0].color, lines[2].color);
  assert.deepEqual(lines[0].dash, lines[2].dash);
  assert.notDeepEqual(lines[0].dash, lines[1].dash);
  assert.equal(lines[0].label, 'R1 a: multimodal gradient');
});

test('compare line style note', () => {
  const runs = [{ runId: 'a', label: 'R1 a', series: builtSeries() }];
  assert.equal(lineStyleNote(runs, definition('norms-gray')), 'solid: multimodal gradient; dashed: unimodal gradient');
  assert.equal(lineStyleNote(runs, definition('cosine-gray')), 'solid: cosine; x marks: conflicting steps');
  assert.equal(lineStyleNote(runs, definition('rescale-gray')), undefined);
});
