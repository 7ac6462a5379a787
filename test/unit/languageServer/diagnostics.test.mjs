// Diagnostics published by the language server over the protocol: every kind at its range with
// the message the shared validation produces.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, fileUri, rangeOf } from './lspSession.mjs';
import { writeNpy } from '../config/npyFiles.mjs';

const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-lsp-diagnostics-'));
let session;
let documentCount = 0;

before(async () => {
  session = new LspSession(workspace);
  await session.initialize();
});

after(async () => {
  await session.close();
});

function newUri() {
  documentCount++;
  return fileUri(join(workspace, `config${documentCount}.mmpareto.yaml`));
}

function single(diagnostics, code) {
  const matching = diagnostics.filter((diagnostic) => diagnostic.code === code);
  assert.equal(matching.length, 1, `expected one ${code} diagnostic, got ${JSON.stringify(diagnostics)}`);
  return matching[0];
}

test('valid config has no diagnostics', async () => {
  const diagnostics = await session.open(newUri(), 'method: mmpareto\nepochs: 2\n');
  assert.deepEqual(diagnostics, []);
});

test('syntax error at its range', async () => {
  const text = 'epochs: 2\noptimizer:\n  type: sgd\n   learningRate: 1\n';
  const diagnostics = await session.open(newUri(), text);
  const syntax = diagnostics.filter((diagnostic) => diagnostic.code === 'syntax');
  assert.ok(syntax.length >= 1);
  assert.equal(syntax[0].severity, 1);
  assert.equal(syntax[0].source, 'mmpareto');
  assert.equal(syntax[0].message, 'YAML syntax error: Nested mappings are not allowed in compact mappings.');
  assert.deepEqual(syntax[0].range.start, { line: 2, character: 8 });
});

test('unknown key with suggestion', async () => {
  const text = 'epochs: 2\noptimizer:\n  learningRat: 0.01\n';
  const diagnostic = single(await session.open(newUri(), text), 'unknown-key');
  assert.deepEqual(diagnostic.range, rangeOf(text, 'learningRat'));
  assert.equal(diagnostic.message, 'optimizer.learningRat: unknown key "learningRat". Did you mean "learningRate"?');
  assert.equal(diagnostic.data.suggestion, 'learningRate');
});

test('wrong type on value', async () => {
  const text = 'checkpoint: yes please\n';
  const diagnostic = single(await session.open(newUri(), text), 'wrong-type');
  assert.deepEqual(diagnostic.range, rangeOf(text, 'yes please'));
  assert.equal(diagnostic.message, 'checkpoint: expected true or false, got "yes please".');
});

test('out-of-range on value', async () => {
  const text = 'gamma: 0\n';
  const diagnostic = single(await session.open(newUri(), text), 'out-of-range');
  assert.deepEqual(diagnostic.range, rangeOf(text, '0'));
  assert.equal(diagnostic.message, 'gamma: 0 is out of range; it must be greater than 0 and at most 100 (default 1.5).');
  assert.equal(diagnostic.data.clampedValue, 1.5);
});

test('invalid enum on value', async () => {
  const text = 'backend: wsam\n';
  const diagnostic = single(await session.open(newUri(), text), 'invalid-enum');
  assert.deepEqual(diagnostic.range, rangeOf(text, 'wsam'));
  assert.equal(diagnostic.message, 'backend: "wsam" is not allowed; use one of auto, node-gpu, node, wasm, cpu. Did you mean "wasm"?');
});

test('conflict on modality name', async () => {
  const text = 'data:\n  kind: cg-mnist\nmodalities:\n  - name: grey\n';
  const diagnostic = single(await session.open(newUri(), text), 'conflict');
  assert.deepEqual(diagnostic.range, rangeOf(text, 'grey'));
  assert.equal(diagnostic.message, 'modalities[0].name: cg-mnist has the modalities gray and colored, not "grey".');
});

test('missing file on path value', async () => {
  writeNpy(join(workspace, 'labels.npy'), '<i8', [10]);
  const text = 'data:\n  kind: npy\n  trainLabels: labels.npy\n  testLabels: missing.npy\n';
  const diagnostics = await session.open(newUri(), text);
  const diagnostic = single(diagnostics, 'file-not-found');
  assert.deepEqual(diagnostic.range, rangeOf(text, 'missing.npy'));
  assert.equal(diagnostic.message, `data.testLabels: ${join(workspace, 'missing.npy')}: file not found. Check the path; relative paths are resolved against the folder of the config file.`);
});

test('npy mismatch on test path', async () => {
  writeNpy(join(workspace, 'y_train.npy'), '<i8', [20]);
  writeNpy(join(workspace, 'y_test.npy'), '<i8', [10]);
  writeNpy(join(workspace, 'a_train.npy'), '<f4', [20, 4]);
  writeNpy(join(workspace, 'a_test.npy'), '<f4', [10, 5]);
  writeNpy(join(workspace, 'b_train.npy'), '<f4', [20, 3]);
  writeNpy(join(workspace, 'b_test.npy'), '<f4', [10, 3]);
  const text = `data:
  kind: npy
  trainLabels: y_train.npy
  testLabels: y_test.npy
modalities:
  - name: a
    encoder: mlp
    train: a_train.npy
    test: a_test.npy
  - name: b
    encoder: mlp
    train: b_train.npy
    test: b_test.npy
batchSize: 16
`;
  const diagnostic = single(await session.open(newUri(), text), 'data-mismatch');
  assert.deepEqual(diagnostic.range, rangeOf(text, 'a_test.npy'));
  assert.match(diagnostic.message, /^modalities\[0\]\.test: .*a_test\.npy: the a test features have per-sample shape \(5,\) but .*a_train\.npy has \(4,\)/);
});

test('batch larger than split errors', async () => {
  const text = 'data:\n  kind: synthetic\n  trainSize: 100\nbatchSize: 128\n';
  const diagnostic = single(await session.open(newUri(), text), 'batch-too-large');
  assert.equal(diagnostic.severity, 1);
  assert.deepEqual(diagnostic.range, rangeOf(text, '128'));
});

test('typing republishes after debounce', async () => {
  const uri = newUri();
  assert.deepEqual(await session.open(uri, 'epochs: 2\n'), []);
  const started = Date.now();
  const diagnostics = await session.change(uri, 'epochs: -2\n');
  const elapsed = Date.now() - started;
  assert.equal(single(diagnostics, 'out-of-range').data.clampedValue, 1);
  assert.ok(elapsed >= 140, `published after ${elapsed} ms, before the 150 ms quiet time`);
});

test('fast typing publishes last version', async () => {
  const uri = newUri();
  await session.open(uri, 'epochs: 2\n');
  const published = [];
  const collect = session.nextDiagnostics(uri, (params) => {
    published.push(params.version);
    return params.version === 4;
  });
  for (const [version, text] of [[2, 'epochs: 2\ng'], [3, 'epochs: 2\nga'], [4, 'epochs: 2\ngama']]) {
    session.versions.set(uri, version);
    session.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
  const diagnostics = await collect;
  assert.deepEqual(published, [4]);
  assert.equal(single(diagnostics, 'unknown-key').data.suggestion, 'gamma');
});

test('closing clears diagnostics', async () => {
  const uri = newUri();
  await session.open(uri, 'gama: 2\n');
  const cleared = session.nextDiagnostics(uri);
  session.notify('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual(await cleared, []);
});

test('incremental change applies', async () => {
  const uri = newUri();
  await session.open(uri, 'epochs: 2\n');
  const received = session.nextDiagnostics(uri, (params) => params.version === 2);
  session.versions.set(uri, 2);
  session.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } }, text: '0' }],
  });
  const diagnostic = single(await received, 'out-of-range');
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } });
});
