// Tests of starter files rendered from the run templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importSource } from './importSource.mjs';

const { renderTemplateYaml, validateConfigText } = await importSource('trainer/config/index.ts');
const { RUN_TEMPLATES } = await importSource('trainer/contract/templates.ts');
const { validateConfig } = await importSource('trainer/contract/validateConfig.ts');

for (const template of RUN_TEMPLATES) {
  test(`template ${template.id} validates cleanly`, () => {
    const text = renderTemplateYaml(template);
    const { issues, config } = validateConfigText(text, `/tmp/${template.id}.mmpareto.yaml`);
    assert.deepEqual(issues, []);
    const expected = validateConfig(template.config).config;
    assert.equal(config.method, expected.method);
    assert.equal(config.epochs, expected.epochs);
    assert.deepEqual(config.data, expected.data);
  });
}

test('template comments every key', () => {
  const lines = renderTemplateYaml(RUN_TEMPLATES[0]).split('\n');
  lines.forEach((line, index) => {
    if (/^\s*(- )?[A-Za-z]+:/.test(line)) {
      assert.match(lines[index - 1], /^\s*# \S/, `line ${index + 1} "${line}" has no comment above it`);
    }
  });
});

test('template leaves out other methods', () => {
  const joint = RUN_TEMPLATES.find((template) => template.config.method === 'joint');
  const text = renderTemplateYaml(joint);
  assert.doesNotMatch(text, /^gamma:/m);
  assert.match(text, /^method: joint$/m);
  assert.match(text, /^  momentum: 0\.9$/m);
  assert.doesNotMatch(text, /beta1/);
});

test('synthetic template lists its modalities', () => {
  const synthetic = RUN_TEMPLATES.find((template) => template.id === 'synthetic-quick');
  const text = renderTemplateYaml(synthetic);
  assert.match(text, /^ {2}- name: easy$/m);
  assert.match(text, /^ {2}- name: hard$/m);
  assert.match(text, /^ {2}classes: 4$/m);
  assert.match(text, /^ {2}trainSize: 512$/m);
});
