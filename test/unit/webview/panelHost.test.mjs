// Tests of the extension-host side of the panels against a recording fake of the vscode module.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { EventEmitter, Uri, fakeLog, recorded, resetFake } from './helpers/fakeVscode.mjs';
import { epoch, runStart, step } from './helpers/records.mjs';

const { registerPanels } = await importModule('extension/panels/registerPanels.ts');

const RUN_A = '20261204-120000-mmpareto-aaaa';
const RUN_B = '20261204-120100-uniform-bbbb';

function fakeDataSource() {
  const appendEmitter = new EventEmitter();
  const statusEmitter = new EventEmitter();
  const calls = [];
  const snapshots = new Map([
    [RUN_A, { runId: RUN_A, name: 'Run A', status: 'running', records: [runStart({ runId: RUN_A }), step(1, 1)] }],
    [RUN_B, { runId: RUN_B, name: 'Run B', status: 'completed', records: [runStart({ runId: RUN_B })] }],
  ]);
  return {
    calls,
    snapshots,
    appendEmitter,
    statusEmitter,
    onDidAppendRecords: appendEmitter.event,
    onDidChangeStatus: statusEmitter.event,
    async getSnapshot(runId) {
      calls.push(['getSnapshot', runId]);
      return snapshots.get(runId);
    },
    async stopRun(runId) {
      calls.push(['stopRun', runId]);
    },
    async showLog(runId) {
      calls.push(['showLog', runId]);
    },
    async exportCsv(runId) {
      calls.push(['exportCsv', runId]);
      throw new Error('disk full');
    },
  };
}

function setUp() {
  const context = { extensionUri: Uri.file('/ext'), subscriptions: [] };
  const dataSource = fakeDataSource();
  const log = fakeLog();
  const panels = registerPanels(context, dataSource, log);
  return { context, dataSource, log, panels };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const afterBatch = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeEach(() => resetFake());

test('dashboard panel options', () => {
  const { panels } = setUp();
  panels.openDashboard(RUN_A);
  assert.equal(recorded.panels.length, 1);
  const panel = recorded.panels[0];
  assert.equal(panel.viewType, 'mmpareto.dashboard');
  assert.equal(panel.createOptions.enableScripts, true);
  assert.equal(panel.createOptions.retainContextWhenHidden, false);
  assert.deepEqual(panel.createOptions.localResourceRoots.map((uri) => uri.path), ['/ext/dist/webview', '/ext/media']);
  assert.deepEqual(panel.webview.options.localResourceRoots.map((uri) => uri.path), ['/ext/dist/webview', '/ext/media']);
});

test('dashboard html has nonce and csp', () => {
  const { panels } = setUp();
  panels.openDashboard(RUN_A);
  const html = recorded.panels[0].webview.html;
  const nonce = /<script nonce="([^"]+)" src="https:\/\/fake\.vscode-cdn\.example\/ext\/dist\/webview\/dashboard\.js">/.exec(html)?.[1];
  assert.ok(nonce, html);
  assert.ok(html.includes(`script-src &#39;nonce-${nonce}&#39;`), html);
  assert.ok(html.includes("default-src &#39;none&#39;"), html);
  assert.ok(html.includes('href="https://fake.vscode-cdn.example/ext/media/panel.css"'), html);
  assert.ok(html.includes(`data-run-ids="[&quot;${RUN_A}&quot;]"`), html);
  assert.doesNotMatch(html, /\son[a-z]+=/);
});

test('nonce fresh per panel', () => {
  const { panels } = setUp();
  panels.openDashboard(RUN_A);
  panels.openDashboard(RUN_B);
  const nonces = recorded.panels.map((panel) => /nonce="([^"]+)"/.exec(panel.webview.html)[1]);
  assert.notEqual(nonces[0], nonces[1]);
});

test('open dashboard twice reveals', () => {
  const { panels } = setUp();
  panels.openDashboard(RUN_A);
  panels.openDashboard(RUN_A);
  assert.equal(recorded.panels.length, 1);
  assert.equal(recorded.panels[0].revealCount, 1);
});

test('closed dashboard opens anew', () => {
  const { panels } = setUp();
  panels.openDashboard(RUN_A);
  recorded.panels[0].dispose();
  panels.openDashboard(RUN_A);
  assert.equal(recorded.panels.length, 2);
});

test('ready gets init', async () => {
  const { panels, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'ready' });
  await settle();
  assert.equal(panel.webview.posted.length, 1);
  const [init] = panel.webview.posted;
  assert.equal(init.type, 'init');
  assert.equal(init.panel, 'dashboard');
  assert.deepEqual(init.runs.map((run) => run.runId), [RUN_A]);
  assert.equal(init.runs[0].records.length, 2);
  assert.deepEqual(dataSource.calls, [['getSnapshot', RUN_A]]);
  assert.equal(panel.title, 'Run: Run A');
});

test('records batched per run', async () => {
  const { panels, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'ready' });
  await settle();
  dataSource.appendEmitter.fire({ runId: RUN_A, records: [step(2, 1)] });
  dataSource.appendEmitter.fire({ runId: RUN_B, records: [step(9, 1)] });
  dataSource.appendEmitter.fire({ runId: RUN_A, records: [step(3, 1), epoch(1, 3)] });
  assert.equal(panel.webview.posted.length, 1);
  await afterBatch();
  assert.equal(panel.webview.posted.length, 2);
  const append = panel.webview.posted[1];
  assert.equal(append.type, 'append-records');
  assert.equal(append.runId, RUN_A);
  assert.deepEqual(append.records.map((record) => record.type + (record.step ?? '')), ['step2', 'step3', 'epoch3']);
});

test('records before ready not posted', async () => {
  const { panels, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  dataSource.appendEmitter.fire({ runId: RUN_A, records: [step(2, 1)] });
  await afterBatch();
  assert.equal(panel.webview.posted.length, 0);
});

test('status flushes records first', async () => {
  const { panels, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'ready' });
  await settle();
  dataSource.appendEmitter.fire({ runId: RUN_A, records: [step(2, 1)] });
  dataSource.statusEmitter.fire({ runId: RUN_A, status: 'stopped' });
  assert.deepEqual(panel.webview.posted.map((message) => message.type), ['init', 'append-records', 'run-status']);
  assert.equal(panel.webview.posted[2].status, 'stopped');
});

test('hidden panel stops posting', async () => {
  const { panels, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'ready' });
  await settle();
  panel.setVisible(false);
  dataSource.appendEmitter.fire({ runId: RUN_A, records: [step(2, 1)] });
  dataSource.statusEmitter.fire({ runId: RUN_A, status: 'completed' });
  await afterBatch();
  assert.equal(panel.webview.posted.length, 1);
  panel.setVisible(true);
  panel.webview.send({ type: 'ready' });
  await settle();
  assert.deepEqual(panel.webview.posted.map((message) => message.type), ['init', 'init']);
});

test('records during snapshot read held', async () => {
  const { panels, dataSource } = setUp();
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const original = dataSource.getSnapshot;
  dataSource.getSnapshot = async (runId) => {
    await gate;
    return original(runId);
  };
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'ready' });
  dataSource.appendEmitter.fire({ runId: RUN_A, records: [step(2, 1)] });
  await afterBatch();
  assert.equal(panel.webview.posted.length, 0);
  release();
  await settle();
  assert.deepEqual(panel.webview.posted.map((message) => message.type), ['init', 'append-records']);
  assert.equal(panel.webview.posted[1].records[0].step, 2);
});

test('stop-run calls data source', async () => {
  const { panels, dataSource, log } = setUp();
  panels.openDashboard(RUN_A);
  recorded.panels[0].webview.send({ type: 'stop-run', runId: RUN_A });
  await settle();
  assert.deepEqual(dataSource.calls, [['stopRun', RUN_A]]);
  assert.ok(log.lines.some((line) => line.level === 'info' && line.message.includes(`stop-run for run ${RUN_A}`)));
});

test('show-log calls data source', async () => {
  const { panels, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  recorded.panels[0].webview.send({ type: 'show-log', runId: RUN_A });
  await settle();
  assert.deepEqual(dataSource.calls, [['showLog', RUN_A]]);
});

test('failed action reported', async () => {
  const { panels, log } = setUp();
  panels.openDashboard(RUN_A);
  recorded.panels[0].webview.send({ type: 'export-csv', runId: RUN_A });
  await settle();
  assert.deepEqual(recorded.errors, [`Could not export the metrics of run ${RUN_A}: disk full`]);
  assert.ok(log.lines.some((line) => line.level === 'error' && line.message.includes('disk full')));
});

test('invalid message dropped and logged', async () => {
  const { panels, dataSource, log } = setUp();
  panels.openDashboard(RUN_A);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'stop-run', runId: RUN_A, extra: true });
  panel.webview.send({ type: 'delete-everything' });
  panel.webview.send('ready');
  panel.webview.send({ type: 'stop-run', runId: '../../etc' });
  await settle();
  assert.deepEqual(dataSource.calls, []);
  const warnings = log.lines.filter((line) => line.level === 'warn').map((line) => line.message);
  assert.equal(warnings.length, 4);
  assert.match(warnings[0], /type "stop-run"/);
  assert.match(warnings[1], /type "delete-everything"/);
  assert.match(warnings[2], /a string value/);
  assert.match(warnings[3], /type "stop-run"/);
});

test('message for another run dropped', async () => {
  const { panels, dataSource, log } = setUp();
  panels.openDashboard(RUN_A);
  recorded.panels[0].webview.send({ type: 'stop-run', runId: RUN_B });
  await settle();
  assert.deepEqual(dataSource.calls, []);
  assert.ok(log.lines.some((line) => line.level === 'warn' && line.message.includes(`stop-run message for run ${RUN_B}`)));
});

test('compare panel one per run set', () => {
  const { panels } = setUp();
  panels.openCompare([RUN_A, RUN_B]);
  panels.openCompare([RUN_B, RUN_A]);
  assert.equal(recorded.panels.length, 1);
  assert.equal(recorded.panels[0].viewType, 'mmpareto.compare');
  assert.equal(recorded.panels[0].revealCount, 1);
  assert.match(recorded.panels[0].webview.html, /dist\/webview\/compare\.js/);
});

test('compare needs two runs', () => {
  const { panels, log } = setUp();
  panels.openCompare([RUN_A, RUN_A]);
  assert.equal(recorded.panels.length, 0);
  assert.equal(recorded.warnings.length, 1);
  assert.match(recorded.warnings[0], /got 1/);
  assert.ok(log.lines.some((line) => line.level === 'warn'));
});

test('compare init keeps found runs', async () => {
  const { panels, dataSource, log } = setUp();
  panels.openCompare([RUN_A, RUN_B, '20261204-999999-gone-0000']);
  const panel = recorded.panels[0];
  panel.webview.send({ type: 'ready' });
  await settle();
  assert.deepEqual(panel.webview.posted[0].runs.map((run) => run.runId), [RUN_A, RUN_B]);
  assert.equal(dataSource.calls.length, 3);
  assert.ok(log.lines.some((line) => line.level === 'warn' && line.message.includes('20261204-999999-gone-0000')));
});

test('serializer restores dashboard', async () => {
  const { dataSource } = setUp();
  const serializer = recorded.serializers.get('mmpareto.dashboard');
  const { FakeWebviewPanel } = await import('./helpers/fakeVscode.mjs');
  const panel = new FakeWebviewPanel('mmpareto.dashboard', 'Run: x', 1, {});
  await serializer.deserializeWebviewPanel(panel, { panel: 'dashboard', runIds: [RUN_A] });
  assert.match(panel.webview.html, /dashboard\.js/);
  assert.equal(panel.webview.options.enableScripts, true);
  panel.webview.send({ type: 'ready' });
  await settle();
  assert.equal(panel.webview.posted[0].runs[0].runId, RUN_A);
  assert.deepEqual(dataSource.calls, [['getSnapshot', RUN_A]]);
});

test('serializer rejects bad state', async () => {
  const { log } = setUp();
  const { FakeWebviewPanel } = await import('./helpers/fakeVscode.mjs');
  for (const state of [undefined, { panel: 'compare', runIds: [RUN_A, RUN_B] }, { panel: 'dashboard', runIds: [RUN_A, RUN_B] }, { panel: 'dashboard', runIds: ['<script>'] }]) {
    const panel = new FakeWebviewPanel('mmpareto.dashboard', 'x', 1, {});
    await recorded.serializers.get('mmpareto.dashboard').deserializeWebviewPanel(panel, state);
    assert.equal(panel.disposed, true, JSON.stringify(state));
    assert.equal(panel.webview.html, '', JSON.stringify(state));
  }
  assert.equal(log.lines.filter((line) => line.level === 'warn').length, 4);
});

test('serializer restores compare', async () => {
  setUp();
  const { FakeWebviewPanel } = await import('./helpers/fakeVscode.mjs');
  const panel = new FakeWebviewPanel('mmpareto.compare', 'x', 1, {});
  await recorded.serializers.get('mmpareto.compare').deserializeWebviewPanel(panel, { panel: 'compare', runIds: [RUN_A, RUN_B] });
  assert.match(panel.webview.html, /compare\.js/);
  assert.equal(panel.disposed, false);
});

test('dispose closes panels and listeners', () => {
  const { panels, context, dataSource } = setUp();
  panels.openDashboard(RUN_A);
  panels.openCompare([RUN_A, RUN_B]);
  assert.equal(dataSource.appendEmitter.listeners.size, 2);
  for (const disposable of context.subscriptions) disposable.dispose();
  assert.equal(recorded.panels.every((panel) => panel.disposed), true);
  assert.equal(dataSource.appendEmitter.listeners.size, 0);
  assert.equal(dataSource.statusEmitter.listeners.size, 0);
  assert.equal(recorded.serializers.size, 0);
});
