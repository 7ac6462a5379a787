// Workspace files over the protocol: the .npy watcher registration, the header cache refreshed
// by didChangeWatchedFiles, and the code lenses that depend on run directories.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, fileUri } from './lspSession.mjs';
import { writeNpy } from '../config/npyFiles.mjs';

const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-lsp-workspace-'));
let session;

before(async () => {
  session = new LspSession(workspace);
  await session.initialize();
});

after(async () => {
  await session.close();
});

const npyConfig = `data:
  kind: npy
  trainLabels: data/y_train.npy
  testLabels: data/y_test.npy
modalities:
  - name: audio
    encoder: mlp
    train: data/audio_train.npy
    test: data/audio_test.npy
  - name: image
    train: data/image_train.npy
    test: data/image_test.npy
batchSize: 8
`;

function writeDataset(audioTrainRows) {
  mkdirSync(join(workspace, 'data'), { recursive: true });
  writeNpy(join(workspace, 'data/y_train.npy'), '<i8', [32]);
  writeNpy(join(workspace, 'data/y_test.npy'), '<i8', [16]);
  writeNpy(join(workspace, 'data/audio_train.npy'), '<f4', [audioTrainRows, 12]);
  writeNpy(join(workspace, 'data/audio_test.npy'), '<f4', [16, 12]);
  writeNpy(join(workspace, 'data/image_train.npy'), '|u1', [32, 8, 8, 1]);
  writeNpy(join(workspace, 'data/image_test.npy'), '|u1', [16, 8, 8, 1]);
}

function watchedChange(path, type) {
  session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path), type }] });
}

test('server registers file watchers', async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const registration = session.registrations.find((entry) => entry.method === 'workspace/didChangeWatchedFiles');
  const globs = registration.registerOptions.watchers.map((watcher) => watcher.globPattern);
  assert.ok(globs.includes('**/*.npy'));
  assert.ok(globs.includes('**/.mmpareto/runs/*/config.json'));
});

test('npy change refreshes diagnostics', async () => {
  writeDataset(30);
  const uri = fileUri(join(workspace, 'npy.mmpareto.yaml'));
  const first = await session.open(uri, npyConfig);
  assert.equal(first.length, 1);
  assert.equal(first[0].code, 'data-mismatch');
  assert.match(first[0].message, /the audio train features have 30 samples/);

  writeNpy(join(workspace, 'data/audio_train.npy'), '<f4', [32, 12]);
  const refreshed = session.nextDiagnostics(uri);
  watchedChange(join(workspace, 'data/audio_train.npy'), 2);
  assert.deepEqual(await refreshed, []);
});

test('same-size rewrite needs the notification', async () => {
  writeDataset(32);
  // Whole seconds, so the modification time can be put back exactly after the rewrite.
  const labels = join(workspace, 'data/y_train.npy');
  const fixedTime = 1_700_000_000;
  utimesSync(labels, fixedTime, fixedTime);
  const uri = fileUri(join(workspace, 'rewrite.mmpareto.yaml'));
  assert.deepEqual(await session.open(uri, npyConfig), []);

  // Float labels of the same byte size and the same modification time: the cache cannot see the
  // change by mtime and size, so only the notification makes the server read the header again.
  writeNpy(labels, '<f8', [32]);
  utimesSync(labels, fixedTime, fixedTime);
  assert.equal(statSync(labels).mtimeMs, fixedTime * 1000);
  const refreshed = session.nextDiagnostics(uri);
  watchedChange(labels, 2);
  const diagnostics = await refreshed;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'data-mismatch');
  assert.match(diagnostics[0].message, /labels have dtype <f8; they must be integers/);
  assert.deepEqual(diagnostics[0].range.start, { line: 2, character: 15 });
});

test('deleted npy reported after change', async () => {
  writeDataset(32);
  const uri = fileUri(join(workspace, 'deleted.mmpareto.yaml'));
  assert.deepEqual(await session.open(uri, npyConfig), []);
  rmSync(join(workspace, 'data/image_test.npy'));
  const refreshed = session.nextDiagnostics(uri);
  watchedChange(join(workspace, 'data/image_test.npy'), 3);
  const diagnostics = await refreshed;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'file-not-found');
  assert.equal(diagnostics[0].range.start.line, 11);
  writeDataset(32);
});

test('train lens without runs', async () => {
  const path = join(workspace, 'fresh.mmpareto.yaml');
  const uri = fileUri(path);
  await session.open(uri, 'epochs: 1\n');
  const lenses = await session.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 1);
  assert.deepEqual(lenses[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(lenses[0].command.command, 'mmpareto.startRun');
  assert.deepEqual(lenses[0].command.arguments, [uri]);
});

test('compare lens after a run', async () => {
  const path = join(workspace, 'ran.mmpareto.yaml');
  const uri = fileUri(path);
  await session.open(uri, 'epochs: 1\n');
  const writeRun = (runId, createdAt, source) => {
    const folder = join(workspace, '.mmpareto/runs', runId);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'config.json'), JSON.stringify({ epochs: 1, runtime: { runId, createdAt, sourceConfigPath: source } }));
    return join(folder, 'config.json');
  };
  writeRun('20261204-100000-mmpareto-aaaa', '2026-12-04T10:00:00.000Z', path);
  writeRun('20261204-120000-mmpareto-cccc', '2026-12-04T12:00:00.000Z', join(workspace, 'other.mmpareto.yaml'));
  const latest = writeRun('20261204-110000-joint-bbbb', '2026-12-04T11:00:00.000Z', path);
  const refreshesBefore = session.codeLensRefreshes;
  watchedChange(latest, 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(session.codeLensRefreshes, refreshesBefore + 1);

  const lenses = await session.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 2);
  assert.equal(lenses[1].command.command, 'mmpareto.compareWithLastRun');
  assert.deepEqual(lenses[1].command.arguments, [uri, '20261204-110000-joint-bbbb']);
  assert.match(lenses[1].command.title, /Compare with last run/);
});
