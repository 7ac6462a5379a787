// Completion, hover and the document outline over the protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, fileUri, positionOf, rangeOf } from './lspSession.mjs';

const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-lsp-features-'));
let session;
let documentCount = 0;

before(async () => {
  session = new LspSession(workspace);
  await session.initialize();
});

after(async () => {
  await session.close();
});

async function openDocument(text) {
  documentCount++;
  const uri = fileUri(join(workspace, `features${documentCount}.mmpareto.yaml`));
  await session.open(uri, text);
  return uri;
}

async function complete(text, position) {
  const uri = await openDocument(text);
  const result = await session.request('textDocument/completion', { textDocument: { uri }, position });
  return Array.isArray(result) ? result : result.items;
}

async function hover(text, position) {
  const uri = await openDocument(text);
  return session.request('textDocument/hover', { textDocument: { uri }, position });
}

test('root keys exclude written ones', async () => {
  const text = 'method: joint\nepochs: 2\n\n';
  const items = await complete(text, { line: 2, character: 0 });
  const labels = items.map((item) => item.label);
  assert.ok(!labels.includes('method'));
  assert.ok(!labels.includes('epochs'));
  assert.ok(labels.includes('gamma'));
  assert.ok(labels.includes('optimizer'));
  assert.equal(labels.length, 11);
});

test('nested key completion', async () => {
  const text = 'optimizer:\n  type: sgd\n  lea\n';
  const items = await complete(text, positionOf(text, 'lea', 3));
  const labels = items.map((item) => item.label);
  assert.ok(!labels.includes('type'));
  const learningRate = items.find((item) => item.label === 'learningRate');
  assert.equal(learningRate.insertTextFormat, 2);
  assert.equal(learningRate.textEdit.newText, 'learningRate: ${1:0.002}');
  assert.deepEqual(learningRate.textEdit.range, rangeOf(text, 'lea'));
  assert.equal(learningRate.documentation.kind, 'markdown');
  assert.match(learningRate.documentation.value, /Step size\./);
  assert.match(learningRate.documentation.value, /Reference setting \(MMPareto paper code\): 0\.002/);
});

test('enum key offers choice snippet', async () => {
  const text = 'epochs: 2\nbac\n';
  const items = await complete(text, positionOf(text, 'bac', 3));
  const backend = items.find((item) => item.label === 'backend');
  assert.equal(backend.textEdit.newText, 'backend: ${1|auto,node-gpu,node,wasm,cpu|}');
  assert.equal(backend.detail, 'enum, default auto');
});

test('list item keys', async () => {
  const text = 'modalities:\n  - name: gray\n    \n';
  const items = await complete(text, { line: 2, character: 4 });
  const labels = items.map((item) => item.label);
  assert.deepEqual(labels, ['encoder', 'hidden', 'channels', 'width', 'featureDim', 'train', 'test']);
  assert.equal(items.find((item) => item.label === 'channels').textEdit.newText, 'channels: ${1:[16, 32]}');
});

test('new list item keys', async () => {
  const text = 'modalities:\n  - name: gray\n  - \n';
  const items = await complete(text, { line: 2, character: 4 });
  assert.equal(items.length, 8);
  assert.equal(items[0].label, 'name');
});

test('key before colon inserts name only', async () => {
  const text = 'optimizer:\n  learnRate: 0.1\n';
  const items = await complete(text, positionOf(text, 'learnRate', 5));
  const learningRate = items.find((item) => item.label === 'learningRate');
  assert.equal(learningRate.textEdit.newText, 'learningRate');
  assert.deepEqual(learningRate.textEdit.range, rangeOf(text, 'learnRate'));
});

test('enum values with docs', async () => {
  const text = 'method: \n';
  const items = await complete(text, { line: 0, character: 8 });
  assert.deepEqual(items.map((item) => item.label), ['joint', 'uniform', 'pareto', 'mmpareto']);
  const mmpareto = items.find((item) => item.label === 'mmpareto');
  assert.equal(mmpareto.preselect, true);
  assert.match(mmpareto.documentation.value, /^`mmpareto`: Per encoder, equal weights when the gradients agree/);
});

test('value without space inserts one', async () => {
  const text = 'data:\n  kind:\n';
  const items = await complete(text, { line: 1, character: 7 });
  const npy = items.find((item) => item.label === 'npy');
  assert.equal(npy.textEdit.newText, ' npy');
});

test('partial value is replaced', async () => {
  const text = 'optimizer:\n  type: ad\n';
  const items = await complete(text, positionOf(text, 'ad', 2));
  const adam = items.find((item) => item.label === 'adam');
  assert.deepEqual(adam.textEdit.range, rangeOf(text, 'ad'));
  assert.equal(adam.textEdit.newText, 'adam');
});

test('boolean values', async () => {
  const items = await complete('checkpoint: \n', { line: 0, character: 12 });
  assert.deepEqual(items.map((item) => item.label), ['true', 'false']);
});

test('no completion in comment', async () => {
  const items = await complete('# a comment here\n', { line: 0, character: 8 });
  assert.deepEqual(items, []);
});

test('hover key shows reference', async () => {
  const text = 'gamma: 2\n';
  const result = await hover(text, { line: 0, character: 2 });
  assert.deepEqual(result.range, rangeOf(text, 'gamma'));
  assert.match(result.contents.value, /^\*\*gamma\*\* \(number\)/);
  assert.match(result.contents.value, /- Allowed: a number greater than 0 and at most 100/);
  assert.match(result.contents.value, /- Default: `1\.5`/);
  assert.match(result.contents.value, /- Reference setting \(MMPareto paper code\): 1\.5/);
  assert.match(result.contents.value, /- Applies to: mmpareto/);
});

test('hover nested key shows unit', async () => {
  const text = 'data:\n  trainSize: 100\n';
  const result = await hover(text, positionOf(text, 'trainSize', 1));
  assert.match(result.contents.value, /\*\*data\.trainSize\*\* \(integer\)/);
  assert.match(result.contents.value, /- Unit: samples/);
});

test('hover enum value shows its doc', async () => {
  const text = 'optimizer:\n  type: adam\n';
  const result = await hover(text, positionOf(text, 'adam', 1));
  assert.deepEqual(result.range, rangeOf(text, 'adam'));
  assert.match(result.contents.value, /^`adam`: Adam with bias correction, as torch\.optim\.Adam\.\n\n---\n\n\*\*optimizer\.type\*\*/);
});

test('hover list item value', async () => {
  const text = 'modalities:\n  - name: gray\n    channels: [8, 16]\n';
  const result = await hover(text, positionOf(text, '16'));
  assert.match(result.contents.value, /\*\*modalities\[0\]\.channels\[1\]\*\* \(list of integers\)/);
  assert.match(result.contents.value, /- Unit: channels per block/);
});

test('hover unknown key is empty', async () => {
  const result = await hover('gama: 2\n', { line: 0, character: 1 });
  assert.equal(result, null);
});

test('outline nests keys', async () => {
  const text = 'method: joint\noptimizer:\n  type: adam\n  learningRate: 0.01\nmodalities:\n  - name: gray\n    encoder: cnn\n';
  const uri = await openDocument(text);
  const symbols = await session.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((symbol) => symbol.name), ['method', 'optimizer', 'modalities']);
  assert.equal(symbols[0].detail, 'joint');
  assert.equal(symbols[0].kind, 22);
  assert.deepEqual(symbols[1].children.map((symbol) => symbol.name), ['type', 'learningRate']);
  assert.equal(symbols[1].children[1].kind, 16);
  assert.deepEqual(symbols[1].selectionRange, rangeOf(text, 'optimizer'));
  assert.equal(symbols[1].range.end.line, 3);
  assert.equal(symbols[2].children[0].name, '0: gray');
  assert.deepEqual(symbols[2].children[0].children.map((symbol) => symbol.name), ['name', 'encoder']);
});
