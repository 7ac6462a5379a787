// Quick fixes over the protocol: each fix is applied to the text and the result validated again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession, fileUri } from './lspSession.mjs';
import { importSource } from '../config/importSource.mjs';

const { validateConfigText } = await importSource('trainer/config/validateConfigText.ts');

const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-lsp-fixes-'));
let session;
let documentCount = 0;

before(async () => {
  session = new LspSession(workspace);
  await session.initialize();
});

after(async () => {
  await session.close();
});

/** Opens `text`, requests the quick fixes of its diagnostic with `code`, and returns both. */
async function fixesFor(text, code) {
  documentCount++;
  const uri = fileUri(join(workspace, `fix${documentCount}.mmpareto.yaml`));
  const diagnostics = await session.open(uri, text);
  const diagnostic = diagnostics.find((candidate) => candidate.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic in ${JSON.stringify(diagnostics)}`);
  const actions = await session.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  return { uri, actions, diagnostic };
}

function apply(text, uri, action) {
  const document = TextDocument.create(uri, 'mmpareto-yaml', 1, text);
  return TextDocument.applyEdits(document, action.edit.changes[uri]);
}

function issuesOf(text) {
  return validateConfigText(text, join(workspace, 'check.mmpareto.yaml'), { dataFiles: false }).issues;
}

test('rename unknown key', async () => {
  const text = 'epochs: 2\ngama: 2\nseed: 1\n';
  const { uri, actions } = await fixesFor(text, 'unknown-key');
  const rename = actions.find((action) => action.title === 'Rename "gama" to "gamma"');
  assert.equal(rename.kind, 'quickfix');
  assert.equal(rename.isPreferred, true);
  const fixed = apply(text, uri, rename);
  assert.equal(fixed, 'epochs: 2\ngamma: 2\nseed: 1\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('remove unknown key in middle', async () => {
  const text = 'epochs: 2\ngama: 2\nseed: 1\n';
  const { uri, actions } = await fixesFor(text, 'unknown-key');
  const fixed = apply(text, uri, actions.find((action) => action.title === 'Remove key "gama"'));
  assert.equal(fixed, 'epochs: 2\nseed: 1\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('remove last nested key', async () => {
  const text = 'optimizer:\n  type: sgd\n  nesterov:\n    enabled: true\nepochs: 2\n';
  const { uri, actions } = await fixesFor(text, 'unknown-key');
  const fixed = apply(text, uri, actions.find((action) => action.title === 'Remove key "nesterov"'));
  assert.equal(fixed, 'optimizer:\n  type: sgd\nepochs: 2\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('remove first key of item', async () => {
  const text = 'modalities:\n  - colour: red\n    name: gray\n';
  const { uri, actions } = await fixesFor(text, 'unknown-key');
  const fixed = apply(text, uri, actions.find((action) => action.title === 'Remove key "colour"'));
  assert.equal(fixed, 'modalities:\n  - name: gray\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('remove key in flow mapping', async () => {
  const text = 'optimizer: {type: adam, speed: 3}\n';
  const { uri, actions } = await fixesFor(text, 'unknown-key');
  const fixed = apply(text, uri, actions.find((action) => action.title === 'Remove key "speed"'));
  assert.equal(fixed, 'optimizer: {type: adam}\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('no rename onto existing key', async () => {
  const text = 'gamma: 1\ngama: 2\n';
  const { actions } = await fixesFor(text, 'unknown-key');
  assert.deepEqual(actions.map((action) => action.title), ['Remove key "gama"']);
});

test('clamp out-of-range value', async () => {
  const text = 'optimizer:\n  momentum: -0.5\n';
  const { uri, actions } = await fixesFor(text, 'out-of-range');
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Set optimizer.momentum to 0');
  const fixed = apply(text, uri, actions[0]);
  assert.equal(fixed, 'optimizer:\n  momentum: 0\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('clamp above maximum', async () => {
  const text = 'epochs: 20000 # long run\n';
  const { uri, actions } = await fixesFor(text, 'out-of-range');
  const fixed = apply(text, uri, actions[0]);
  assert.equal(fixed, 'epochs: 10000 # long run\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('round fractional integer', async () => {
  const text = 'batchSize: 31.6\n';
  const { uri, actions } = await fixesFor(text, 'wrong-type');
  assert.equal(actions[0].title, 'Set batchSize to 32');
  assert.deepEqual(issuesOf(apply(text, uri, actions[0])), []);
});

test('fix enum typo', async () => {
  const text = 'data:\n  kind: cgmnist\n';
  const { uri, actions } = await fixesFor(text, 'invalid-enum');
  assert.equal(actions[0].title, 'Change data.kind to "cg-mnist"');
  const fixed = apply(text, uri, actions[0]);
  assert.equal(fixed, 'data:\n  kind: cg-mnist\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('fix modality name conflict', async () => {
  const text = 'data:\n  kind: synthetic\nmodalities:\n  - name: hrad\n';
  const { uri, actions } = await fixesFor(text, 'conflict');
  const fixed = apply(text, uri, actions[0]);
  assert.equal(fixed, 'data:\n  kind: synthetic\nmodalities:\n  - name: hard\n');
  assert.deepEqual(issuesOf(fixed), []);
});

test('fix batch larger than split', async () => {
  const text = 'data:\n  kind: synthetic\n  trainSize: 48\nbatchSize: 64\n';
  const { uri, actions } = await fixesFor(text, 'batch-too-large');
  assert.equal(actions[0].title, 'Set batchSize to 48');
  assert.deepEqual(issuesOf(apply(text, uri, actions[0])), []);
});

test('foreign diagnostics get no fixes', async () => {
  const text = 'epochs: 2\n';
  documentCount++;
  const uri = fileUri(join(workspace, `fix${documentCount}.mmpareto.yaml`));
  await session.open(uri, text);
  const foreign = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, message: 'x', source: 'other', code: 'unknown-key', data: { path: ['epochs'], suggestion: 'seed' } };
  const actions = await session.request('textDocument/codeAction', { textDocument: { uri }, range: foreign.range, context: { diagnostics: [foreign] } });
  assert.deepEqual(actions, []);
});
