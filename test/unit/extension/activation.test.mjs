// Activates the bundled extension against a stand-in vscode module and drives it the way a user
// would: the Runs view lists runs, Start Training Run is refused in Restricted Mode and, when
// trusted, starts the real trainer from a config file, shows progress and stops on request.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporaryWorkspace, waitFor } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');

async function bundleExtension() {
  const bundleRoot = join(root, 'node_modules/.cache/mmpareto-test');
  mkdirSync(bundleRoot, { recursive: true });
  const outfile = join(mkdtempSync(join(bundleRoot, 'activation-')), 'extension.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'extension/extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
    // External, so the bundle and this test share one instance of each stub through require's cache.
    plugins: [
      {
        name: 'stubs',
        setup(build) {
          build.onResolve({ filter: /^vscode$/ }, () => ({ path: join(here, 'vscodeStub.cjs'), external: true }));
          build.onResolve({ filter: /^vscode-languageclient\/node$/ }, () => ({ path: join(here, 'languageClientStub.cjs'), external: true }));
        },
      },
    ],
  });
  return createRequire(import.meta.url)(outfile);
}

const extension = await bundleExtension();
const vscode = createRequire(import.meta.url)(join(here, 'vscodeStub.cjs'));
const { recorded, answers, workspace } = vscode.stub;

const folder = temporaryWorkspace('mmpareto-activation-');
const finishedDirectory = join(folder, '.mmpareto/runs/20261201-100000-joint-aaaa');
mkdirSync(finishedDirectory, { recursive: true });
writeFileSync(join(finishedDirectory, 'config.json'), JSON.stringify({ method: 'joint', seed: 3, data: { kind: 'synthetic' }, modalities: [], optimizer: { type: 'sgd' }, runtime: { runId: '20261201-100000-joint-aaaa', createdAt: '2026-12-01T10:00:00.000Z' } }));
writeFileSync(join(finishedDirectory, 'summary.json'), JSON.stringify({ formatVersion: 1, runId: '20261201-100000-joint-aaaa', name: 'joint baseline', status: 'completed', method: 'joint', dataset: 'synthetic', backend: 'cpu', startedAt: '2026-12-01T10:00:00.000Z', endedAt: '2026-12-01T10:01:00.000Z', elapsedMs: 60000, epochsCompleted: 2, stepsCompleted: 8, conflictShare: {}, bestAccuracy: { fused: 0.75, unimodal: { easy: 0.5, hard: 0.25 }, epoch: 2 } }));
const configPath = join(folder, 'quick.mmpareto.yaml');
writeFileSync(configPath, 'name: quick check\nmethod: mmpareto\nseed: 7\nepochs: 5000\nbackend: cpu\ndata:\n  kind: synthetic\n  trainSize: 256\n  testSize: 64\n');

workspace.workspaceFolders = [{ uri: vscode.Uri.file(folder), name: 'lab', index: 0 }];
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: vscode.Uri.file(root),
  asAbsolutePath: (relativePath) => join(root, relativePath),
  extension: { packageJSON: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) },
};
extension.activate(context);
await waitFor(() => recorded.contextKeys.get('mmpareto.runsLoaded') === true, 10000, 'the first scan');

after(() => {
  for (const subscription of context.subscriptions) subscription.dispose();
});

const tree = () => recorded.treeViews.get('mmpareto.runs').options.treeDataProvider;
const runDirectories = () => readdirSync(join(folder, '.mmpareto/runs'));

test('activation registers every command', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const { command } of manifest.contributes.commands) {
    assert.ok(recorded.commands.has(command), `${command} is registered`);
  }
  assert.equal(recorded.treeViews.get('mmpareto.runs').options.canSelectMany, true);
});

test('runs view lists a finished run', () => {
  const nodes = tree().getChildren();
  assert.equal(nodes.length, 1);
  const item = tree().getTreeItem(nodes[0]);
  assert.equal(item.label, 'joint baseline');
  assert.equal(item.contextValue, 'mmparetoRun.completed');
  assert.equal(item.iconPath.id, 'pass');
  assert.match(item.description, /^joint · synthetic · best 75\.0% · /);
  assert.equal(recorded.contextKeys.get('mmpareto.hasRuns'), true);
  assert.equal(recorded.contextKeys.get('mmpareto.hasRunningRuns'), false);
});

test('untrusted workspace refuses start', async () => {
  workspace.isTrusted = false;
  try {
    answers.messages.push(undefined);
    await recorded.commands.get('mmpareto.startRun')(vscode.Uri.file(configPath));
    const last = recorded.messages.at(-1);
    assert.equal(last.level, 'warning');
    assert.match(last.text, /^MMPareto Lab cannot start runs in Restricted Mode, because a run executes Node\.js/);
    assert.deepEqual(last.items, ['Manage Workspace Trust']);
    assert.deepEqual(runDirectories(), ['20261201-100000-joint-aaaa']);
  } finally {
    workspace.isTrusted = true;
  }
});

test('start from file, watch, stop', async () => {
  await recorded.commands.get('mmpareto.startRun')(vscode.Uri.file(configPath));
  const errors = recorded.messages.filter((entry) => entry.level === 'error');
  assert.deepEqual(errors, []);
  const runId = await waitFor(() => runDirectories().find((name) => name !== '20261201-100000-joint-aaaa'), 30000, 'the run folder');
  assert.match(runId, /^\d{8}-\d{6}-mmpareto-[0-9a-f]{4}$/);

  const statusItem = recorded.statusBarItems.find((item) => item.id === 'mmpareto.training');
  await waitFor(() => statusItem.visible && /epoch \d+\/5000 · step \d+\/20000/.test(statusItem.text), 60000, 'status bar progress');
  assert.match(statusItem.text, /conflicts easy \d+% hard \d+%/);
  assert.deepEqual(statusItem.command.arguments, [runId]);
  assert.equal(recorded.progress.at(-1).options.title, 'MMPareto: training quick check');
  assert.equal(recorded.progress.at(-1).options.cancellable, true);
  assert.ok(recorded.webviewPanels.some((panel) => panel.viewType === 'mmpareto.dashboard'), 'the dashboard opens');
  await waitFor(() => recorded.contextKeys.get('mmpareto.hasRunningRuns') === true, 5000, 'the running context key');
  const runningItem = tree().getTreeItem(tree().nodeFor(runId));
  assert.equal(runningItem.contextValue, 'mmparetoRun.running');
  assert.equal(runningItem.iconPath.id, 'loading~spin');

  await recorded.commands.get('mmpareto.stopRun')(runId);
  await waitFor(() => existsSync(join(folder, '.mmpareto/runs', runId, 'summary.json')), 60000, 'summary.json');
  await waitFor(() => tree().getTreeItem(tree().nodeFor(runId)).contextValue === 'mmparetoRun.stopped', 10000, 'the stopped status');
  assert.equal(JSON.parse(readFileSync(join(folder, '.mmpareto/runs', runId, 'summary.json'), 'utf8')).status, 'stopped');
  await waitFor(() => !statusItem.visible, 5000, 'the status bar item to hide');
  assert.ok(recorded.messages.some((entry) => entry.level === 'status' && /^\$\(debug-stop\) Run "quick check" stopped after \d+ steps$/.test(entry.text)));
  const starts = recorded.logLines.filter((line) => line.level === 'info' && line.text.startsWith(`run ${runId} started: pid `));
  assert.equal(starts.length, 1);
});

test('csv export and config diff', async () => {
  const runId = runDirectories().find((name) => name !== '20261201-100000-joint-aaaa');
  const target = join(folder, 'exports', 'metrics.csv');
  answers.saveDialogs.push(vscode.Uri.file(target));
  answers.messages.push(undefined);
  await recorded.commands.get('mmpareto.exportCsv')(runId);
  const lines = readFileSync(target, 'utf8').split('\r\n');
  assert.match(lines[0], /^record,epoch,step,elapsed_ms,learning_rate,loss_total,loss_multimodal,loss_easy,loss_hard,easy_cosine,/);
  assert.match(lines[1], /^step,1,1,/);

  await recorded.commands.get('mmpareto.diffConfigs')([runId, '20261201-100000-joint-aaaa']);
  const diff = recorded.executed.find((call) => call.id === 'vscode.diff');
  const [left, right, title] = diff.args;
  assert.equal(left.toString(), 'mmpareto-config:/20261201-100000-joint-aaaa/config.json', 'the older run is on the left');
  assert.equal(right.toString(), `mmpareto-config:/${runId}/config.json`);
  assert.equal(title, `Config: joint baseline (20261201-100000-joint-aaaa) ↔ quick check (${runId})`);
  const provider = recorded.contentProviders['mmpareto-config'];
  const leftText = await provider.provideTextDocumentContent(left);
  assert.equal(leftText, '{\n  "data": {\n    "kind": "synthetic"\n  },\n  "method": "joint",\n  "modalities": [],\n  "optimizer": {\n    "type": "sgd"\n  },\n  "seed": 3\n}\n');
  const rightConfig = JSON.parse(await provider.provideTextDocumentContent(right));
  assert.equal(rightConfig.seed, 7);
  assert.equal(rightConfig.runtime.runId, undefined);
  assert.equal(rightConfig.runtime.createdAt, undefined);
  assert.equal(typeof rightConfig.runtime.hostname, 'string');
});
