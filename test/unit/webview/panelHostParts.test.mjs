// Tests of the host-side building blocks: CSP and HTML, record batching, snapshot splitting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';
import { step } from './helpers/records.mjs';

const { buildContentSecurityPolicy, buildPanelHtml, createNonce, escapeHtml } = await importModule('extension/panels/panelHtml.ts');
const { RecordBatcher } = await importModule('extension/panels/recordBatcher.ts');
const { snapshotMessages } = await importModule('extension/panels/snapshotMessages.ts');

test('csp text', () => {
  assert.equal(
    buildContentSecurityPolicy('https://x.example', 'abc'),
    "default-src 'none'; img-src https://x.example data:; style-src https://x.example 'nonce-abc'; script-src 'nonce-abc'; font-src https://x.example;",
  );
});

test('nonce is random base64', () => {
  const first = createNonce();
  const second = createNonce();
  assert.match(first, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(first, second);
});

test('html escapes title and ids', () => {
  const html = buildPanelHtml({
    panel: 'dashboard',
    title: 'Run: <b>"x"</b>',
    runIds: ['a"b'],
    cspSource: 'https://x.example',
    nonce: 'n0nce',
    scriptUri: 'https://x.example/dashboard.js',
    styleUri: 'https://x.example/panel.css',
  });
  assert.ok(html.includes('<title>Run: &lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>'));
  assert.ok(html.includes('data-run-ids="[&quot;a\\&quot;b&quot;]"'));
  assert.ok(html.includes('<script nonce="n0nce" src="https://x.example/dashboard.js"></script>'));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.equal(escapeHtml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
});

function manualTimers() {
  const timers = { pending: [], setTimeout: (callback) => (timers.pending.push(callback), timers.pending.length), clearTimeout: () => (timers.pending = []) };
  timers.fire = () => {
    const due = timers.pending;
    timers.pending = [];
    due.forEach((callback) => callback());
  };
  return timers;
}

test('batcher delivers once per interval', () => {
  const timers = manualTimers();
  const delivered = [];
  const batcher = new RecordBatcher((runId, records) => delivered.push([runId, records.map((record) => record.step)]), 100, timers);
  batcher.add('a', [step(1, 1)]);
  batcher.add('b', [step(5, 1)]);
  batcher.add('a', [step(2, 1), step(3, 1)]);
  assert.equal(timers.pending.length, 1);
  assert.deepEqual(delivered, []);
  timers.fire();
  assert.deepEqual(delivered, [['a', [1, 2, 3]], ['b', [5]]]);
});

test('batcher flushes one run', () => {
  const timers = manualTimers();
  const delivered = [];
  const batcher = new RecordBatcher((runId, records) => delivered.push([runId, records.length]), 100, timers);
  batcher.add('a', [step(1, 1)]);
  batcher.add('b', [step(1, 1)]);
  batcher.flushRun('a');
  assert.deepEqual(delivered, [['a', 1]]);
  timers.fire();
  assert.deepEqual(delivered, [['a', 1], ['b', 1]]);
});

test('batcher clear drops records', () => {
  const timers = manualTimers();
  const delivered = [];
  const batcher = new RecordBatcher((runId) => delivered.push(runId), 100, timers);
  batcher.add('a', [step(1, 1)]);
  batcher.clear();
  timers.fire();
  batcher.dispose();
  batcher.add('a', [step(2, 1)]);
  timers.fire();
  assert.deepEqual(delivered, []);
});

test('snapshot split into chunks', () => {
  const records = Array.from({ length: 12 }, (_, index) => step(index + 1, 1));
  const [init, ...appends] = snapshotMessages('compare', [
    { runId: 'a', name: 'a', status: 'running', records },
    { runId: 'b', name: 'b', status: 'completed', records: records.slice(0, 3) },
  ], 5);
  assert.equal(init.type, 'init');
  assert.equal(init.panel, 'compare');
  assert.deepEqual(init.runs.map((run) => run.records.length), [5, 3]);
  assert.deepEqual(appends.map((message) => [message.runId, message.records[0].step, message.records.length]), [['a', 6, 5], ['a', 11, 2]]);
});
