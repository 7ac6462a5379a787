// Keeps the config reference tables of README.md and docs/config-reference.md in step with
// CONFIG_SCHEMA: regenerate them with npm run docs:config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSource, repositoryRoot } from './importSource.mjs';

const { renderConfigReferenceTable, replaceConfigReference } = await importSource('trainer/config/configReference.ts');
const { CONFIG_SCHEMA } = await importSource('trainer/contract/configSchema.ts');

const committed = readFileSync(join(repositoryRoot, 'docs/config-reference.md'), 'utf8');
const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');

test('committed reference matches schema', () => {
  assert.equal(committed, replaceConfigReference(committed), 'docs/config-reference.md is out of date; run npm run docs:config');
});

test('readme reference matches schema', () => {
  assert.equal(readme, replaceConfigReference(readme), 'The table in README.md is out of date; run npm run docs:config');
  assert.ok(readme.includes(renderConfigReferenceTable()));
});

test('reference row per field', () => {
  const rows = renderConfigReferenceTable().split('\n').slice(2);
  const topLevel = Object.keys(CONFIG_SCHEMA.fields).length;
  const nested = Object.keys(CONFIG_SCHEMA.fields.optimizer.fields).length + Object.keys(CONFIG_SCHEMA.fields.data.fields).length + Object.keys(CONFIG_SCHEMA.fields.modalities.item.fields).length;
  assert.equal(rows.length, topLevel + nested);
});

test('reference row shows reference value', () => {
  const row = renderConfigReferenceTable().split('\n').find((line) => line.startsWith('| `optimizer.learningRate` |'));
  assert.equal(row, '| `optimizer.learningRate` | a number greater than 0 and at most 10 | `0.002` |  | 0.002 | Step size. |');
});

test('reference rejects missing markers', () => {
  assert.throws(() => replaceConfigReference('# no markers\n'), /config-reference:start/);
});
