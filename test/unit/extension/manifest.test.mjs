// package.json declares the same commands, view, context keys and settings as the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExtensionModules } from './helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const m = await loadExtensionModules();

test('every command is declared', () => {
  const declared = manifest.contributes.commands.map((command) => command.command).sort();
  assert.deepEqual(declared, Object.values(m.COMMANDS).sort());
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'MMPareto', `${command.command} category`);
  }
});

test('menus name declared commands', () => {
  const declared = new Set(Object.values(m.COMMANDS));
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) {
      if (item.command.startsWith('mmpareto.')) assert.ok(declared.has(item.command), `${menu}: ${item.command}`);
    }
  }
});

test('start run needs trust', () => {
  const menus = manifest.contributes.menus;
  const startEntries = Object.values(menus).flat().filter((item) => item.command === m.COMMANDS.startRun);
  assert.ok(startEntries.length >= 3);
  for (const entry of startEntries) assert.match(entry.when, /(^|&& )isWorkspaceTrusted\b/);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['mmpareto.nodePath']);
});

test('context keys used in when clauses', () => {
  const text = JSON.stringify(manifest.contributes);
  const used = new Set(text.match(/mmpareto\.(has[A-Za-z]+|runsLoaded)/g));
  assert.deepEqual([...used].sort(), Object.values(m.CONTEXT_KEYS).sort());
});

test('view and container ids', () => {
  assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, m.VIEW_CONTAINER_ID);
  assert.equal(manifest.contributes.views[m.VIEW_CONTAINER_ID][0].id, m.RUNS_VIEW_ID);
  assert.equal(manifest.main, './dist/extension/extension.js');
  assert.deepEqual(manifest.extensionKind, ['workspace']);
});

test('settings match their readers', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties['mmpareto.nodePath'].scope, 'machine');
  assert.equal(properties['mmpareto.nodePath'].default, 'node');
  assert.deepEqual(properties['mmpareto.defaultBackend'].enum, [...m.BACKEND_CHOICES]);
  assert.equal(properties['mmpareto.defaultBackend'].enumDescriptions.length, m.BACKEND_CHOICES.length);
  assert.equal(properties['mmpareto.maxRunsShown'].default, m.DEFAULT_MAX_RUNS_SHOWN);
  assert.equal(properties['mmpareto.maxRunsShown'].maximum, m.MAX_RUNS_SHOWN_LIMIT);
  assert.equal(properties['mmpareto.maxRunsShown'].minimum, 1);
});
