// Tests of config text validation: YAML syntax errors and schema issues placed at ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importSource } from './importSource.mjs';

const { validateConfigText, parseConfigText, formatIssueForTerminal } = await importSource('trainer/config/index.ts');

const noDataFiles = { dataFiles: false };

function range(startLine, startCharacter, endLine, endCharacter) {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

function only(issues, code) {
  const matching = issues.filter((issue) => issue.code === code);
  assert.equal(matching.length, 1, `expected one ${code} issue, got ${JSON.stringify(issues)}`);
  return matching[0];
}

test('empty file is valid', () => {
  const { config, issues } = validateConfigText('', 'a.mmpareto.yaml', noDataFiles);
  assert.deepEqual(issues, []);
  assert.equal(config.method, 'mmpareto');
});

test('comment-only file is valid', () => {
  const { config, issues } = validateConfigText('# nothing yet\n', 'a.mmpareto.yaml', noDataFiles);
  assert.deepEqual(issues, []);
  assert.equal(config.batchSize, 64);
});

test('unknown key marks the key', () => {
  const { issues, config } = validateConfigText('epochs: 2\ngama: 2\n', 'a.mmpareto.yaml', noDataFiles);
  const issue = only(issues, 'unknown-key');
  assert.equal(config, undefined);
  assert.deepEqual(issue.range, range(1, 0, 1, 4));
  assert.equal(issue.suggestion, 'gamma');
  assert.equal(issue.message, 'gama: unknown key "gama". Did you mean "gamma"?');
});

test('nested out-of-range marks the value', () => {
  const text = 'optimizer:\n  type: sgd\n  learningRate: -1\n';
  const issue = only(validateConfigText(text, 'a.mmpareto.yaml', noDataFiles).issues, 'out-of-range');
  assert.deepEqual(issue.range, range(2, 16, 2, 18));
  assert.deepEqual(issue.path, ['optimizer', 'learningRate']);
  assert.equal(issue.clampedValue, 0.002);
});

test('enum typo marks the value', () => {
  const issue = only(validateConfigText('method: mmparetto # typo\n', 'a.mmpareto.yaml', noDataFiles).issues, 'invalid-enum');
  assert.deepEqual(issue.range, range(0, 8, 0, 17));
  assert.equal(issue.suggestion, 'mmpareto');
});

test('wrong type in list item', () => {
  const text = 'modalities:\n  - name: gray\n    hidden: [64, big]\n';
  const issue = only(validateConfigText(text, 'a.mmpareto.yaml', noDataFiles).issues, 'out-of-range');
  assert.deepEqual(issue.path, ['modalities', 0, 'hidden', 1]);
  assert.deepEqual(issue.range, range(2, 17, 2, 20));
});

test('block mapping of wrong type marks the key', () => {
  const text = 'epochs:\n  a: 1\n';
  const issue = only(validateConfigText(text, 'a.mmpareto.yaml', noDataFiles).issues, 'wrong-type');
  assert.deepEqual(issue.range, range(0, 0, 0, 6));
});

test('missing value marks the parent key', () => {
  const text = 'data:\n  kind: npy\n  trainLabels: a.npy\nmodalities:\n  - name: a\n    train: a.npy\n    test: b.npy\n  - name: b\n    train: c.npy\n';
  const issues = validateConfigText(text, 'a.mmpareto.yaml', noDataFiles).issues.filter((issue) => issue.code === 'missing-value');
  const onData = issues.find((issue) => issue.path.length === 1 && issue.path[0] === 'data');
  const onItem = issues.find((issue) => issue.path[0] === 'modalities' && issue.path[1] === 1);
  assert.deepEqual(onData.range, range(0, 0, 0, 4));
  assert.match(onData.message, /missing testLabels/);
  assert.deepEqual(onItem.range, range(7, 4, 7, 8));
  assert.match(onItem.message, /modalities\[1\]: missing test/);
});

test('conflict marks the modality name', () => {
  const text = 'data:\n  kind: synthetic\nmodalities:\n  - name: esy\n';
  const issue = only(validateConfigText(text, 'a.mmpareto.yaml', noDataFiles).issues, 'conflict');
  assert.deepEqual(issue.range, range(3, 10, 3, 13));
  assert.equal(issue.suggestion, 'easy');
});

test('syntax error has a range', () => {
  const { issues, config } = validateConfigText('epochs: 2\nbatchSize: [1, 2\n', 'a.mmpareto.yaml', noDataFiles);
  const issue = issues.find((candidate) => candidate.code === 'syntax');
  assert.equal(config, undefined);
  assert.equal(issue.severity, 'error');
  assert.match(issue.message, /^YAML syntax error: /);
  assert.equal(issue.range.start.line, 2);
});

test('duplicate key names the key', () => {
  const issue = only(validateConfigText('epochs: 2\nepochs: 3\n', 'a.mmpareto.yaml', noDataFiles).issues, 'syntax');
  assert.deepEqual(issue.range, range(1, 0, 1, 6));
  assert.equal(issue.message, 'YAML syntax error: the key "epochs" appears twice in one mapping; remove or rename one of them.');
});

test('tab indentation is a syntax error', () => {
  const issue = validateConfigText('optimizer:\n\ttype: sgd\n', 'a.mmpareto.yaml', noDataFiles).issues.find((candidate) => candidate.code === 'syntax');
  assert.match(issue.message, /tabs cannot indent YAML/);
});

test('JSON file gets JSON wording', () => {
  const { issues } = validateConfigText('{"epochs": 2, "gama": 1', 'run.json', noDataFiles);
  const issue = issues.find((candidate) => candidate.code === 'syntax');
  assert.match(issue.message, /^JSON syntax error: /);
});

test('JSON file places schema issues', () => {
  const issue = only(validateConfigText('{\n  "epochs": 0\n}\n', 'run.json', noDataFiles).issues, 'out-of-range');
  assert.deepEqual(issue.range, range(1, 12, 1, 13));
  assert.equal(issue.clampedValue, 1);
});

test('non-mapping root marks first line', () => {
  const issue = only(validateConfigText('# header\n- 1\n- 2\n', 'a.mmpareto.yaml', noDataFiles).issues, 'wrong-type');
  assert.deepEqual(issue.range.start, { line: 1, character: 0 });
});

test('CRLF line endings keep columns', () => {
  const issue = only(validateConfigText('epochs: 2\r\nbatchSize: 0\r\n', 'a.mmpareto.yaml', noDataFiles).issues, 'out-of-range');
  assert.deepEqual(issue.range, range(1, 11, 1, 12));
});

test('issues are sorted by position', () => {
  const { issues } = validateConfigText('gama: 1\nepochs: 0\nmethod: x\n', 'a.mmpareto.yaml', noDataFiles);
  assert.deepEqual(issues.map((issue) => issue.range.start.line), [0, 1, 2]);
});

test('parse keeps raw value', () => {
  const { raw, issues } = parseConfigText('optimizer:\n  weightDecay: 1e-4\n', 'a.mmpareto.yaml');
  assert.deepEqual(issues, []);
  assert.equal(raw.optimizer.weightDecay, 0.0001);
});

test('terminal format is 1-based', () => {
  const issue = only(validateConfigText('epochs: 2\nbatchSize: 0\n', 'a.mmpareto.yaml', noDataFiles).issues, 'out-of-range');
  assert.equal(
    formatIssueForTerminal('runs/a.mmpareto.yaml', issue),
    'runs/a.mmpareto.yaml:2:12: error: batchSize: 0 is out of range; it must be at least 1 and at most 65536 (default 64).',
  );
});
