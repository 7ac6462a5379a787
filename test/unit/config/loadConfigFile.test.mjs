// Tests of the CLI side: loadConfigFile and the `validate` command's output and exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSource } from './importSource.mjs';

const { loadConfigFile, validateCommand, ConfigFileError, validateConfigText } = await importSource('trainer/config/index.ts');

function writeConfig(name, text) {
  const path = join(mkdtempSync(join(tmpdir(), 'mmpareto-load-')), name);
  writeFileSync(path, text);
  return path;
}

test('load resolves defaults', () => {
  const config = loadConfigFile(writeConfig('a.mmpareto.yaml', 'epochs: 5\noptimizer:\n  type: adam\n'));
  assert.equal(config.epochs, 5);
  assert.equal(config.optimizer.type, 'adam');
  assert.equal(config.optimizer.beta2, 0.999);
});

test('load reads JSON', () => {
  const config = loadConfigFile(writeConfig('a.json', '{"method": "joint"}'));
  assert.equal(config.method, 'joint');
});

test('load throws every issue', () => {
  const path = writeConfig('a.mmpareto.yaml', 'gama: 2\nepochs: 0\n');
  assert.throws(
    () => loadConfigFile(path),
    (error) => {
      assert.ok(error instanceof ConfigFileError);
      assert.equal(error.issues.length, 2);
      assert.equal(error.message.split('\n')[0], `${path}:1:1: error: gama: unknown key "gama". Did you mean "gamma"?`);
      assert.match(error.message.split('\n')[1], /:2:9: error: epochs: 0 is out of range/);
      return true;
    },
  );
});

test('load rejects other extensions', () => {
  const path = writeConfig('a.toml', 'epochs = 2\n');
  assert.throws(() => loadConfigFile(path), /unsupported config file type "\.toml"/);
});

test('load reports a missing file', () => {
  assert.throws(() => loadConfigFile('/nonexistent/run.mmpareto.yaml'), /run\.mmpareto\.yaml:1:1: error: file not found/);
});

test('load passes warnings on', () => {
  const warnings = [];
  const config = loadConfigFile(writeConfig('a.mmpareto.yaml', 'method: uniform\ngamma: 2\n'), { onWarning: (line) => warnings.push(line) });
  assert.equal(config.gamma, 2);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /:2:8: warning: gamma: applies only to method mmpareto, so it has no effect with method uniform; remove it or set method to mmpareto\./);
});

test('validate exits 0 when valid', () => {
  const lines = [];
  const path = writeConfig('a.mmpareto.yaml', 'epochs: 1\n');
  assert.equal(validateCommand(path, (line) => lines.push(line)), 0);
  assert.deepEqual(lines, [`${path}: valid.`]);
});

test('validate exits 2 on errors', () => {
  const lines = [];
  const path = writeConfig('a.mmpareto.yaml', 'method: mmparetto\n');
  assert.equal(validateCommand(path, (line) => lines.push(line)), 2);
  assert.equal(lines[0], `${path}:1:9: error: method: "mmparetto" is not allowed; use one of joint, uniform, pareto, mmpareto. Did you mean "mmpareto"?`);
  assert.equal(lines[1], `${path}: 1 error, 0 warnings.`);
});

test('validate exits 0 on warnings only', () => {
  const lines = [];
  const path = writeConfig('a.mmpareto.yaml', 'optimizer:\n  beta1: 0.8\n');
  assert.equal(validateCommand(path, (line) => lines.push(line)), 0);
  assert.equal(lines.length, 2);
  assert.equal(lines[1], `${path}: 0 errors, 1 warning.`);
});

test('validate matches text validation', () => {
  const text = 'gama: 2\noptimizer:\n  momentum: 1\nmodalities: 3\n';
  const path = writeConfig('a.mmpareto.yaml', text);
  const lines = [];
  validateCommand(path, (line) => lines.push(line));
  const messages = validateConfigText(text, path).issues.map((issue) => issue.message);
  assert.equal(messages.length, 3);
  assert.deepEqual(lines.slice(0, -1).map((line) => line.replace(/^.*?:\d+:\d+: error: /, '')), messages);
});
