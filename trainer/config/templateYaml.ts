// Starter config files written from the built-in run templates: every setting that applies to
// the template's method, optimizer and dataset, each under a one-line comment from its doc.
import { stringify } from 'yaml';
import { CONFIG_SCHEMA, type RunConfig } from '../contract/configSchema';
import { withDatasetModalities } from '../contract/datasetModalities';
import type { FieldSpec, ObjectField } from '../contract/schemaTypes';
import type { RunTemplate } from '../contract/templates';
import { validateConfig } from '../contract/validateConfig';

/** Returns the first sentence of a field's doc, for a one-line comment. */
function firstSentence(doc: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(doc);
  return (match ? match[0] : doc).trim();
}

function scalarText(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trim();
}

/** Tells whether a field matters for this config. A field marked with appliesTo matters only for that method, optimizer or dataset. */
function applies(spec: FieldSpec, config: RunConfig): boolean {
  if (spec.appliesTo === undefined) {
    return true;
  }
  const chosen: readonly string[] = [config.method, config.optimizer.type, config.data.kind];
  return chosen.includes(spec.appliesTo);
}

function emitMapping(
  spec: ObjectField,
  values: Readonly<Record<string, unknown>>,
  config: RunConfig,
  indent: string,
  lines: string[],
  listItem: boolean,
): void {
  let first = true;
  for (const [key, child] of Object.entries(spec.fields)) {
    const value = values[key];
    if (value === undefined || !applies(child, config)) {
      continue;
    }
    const commentIndent = listItem && first ? indent.slice(2) : indent;
    const keyPrefix = listItem && first ? `${indent.slice(2)}- ` : indent;
    first = false;
    if (indent === '' && (child.kind === 'object' || child.kind === 'object-list')) {
      lines.push('');
    }
    lines.push(`${commentIndent}# ${firstSentence(child.doc)}`);
    if (child.kind === 'object') {
      lines.push(`${keyPrefix}${key}:`);
      emitMapping(child, value as Record<string, unknown>, config, `${indent}  `, lines, false);
    } else if (child.kind === 'object-list') {
      const items = value as ReadonlyArray<Record<string, unknown>>;
      if (items.length === 0) {
        lines.push(`${keyPrefix}${key}: []`);
        continue;
      }
      lines.push(`${keyPrefix}${key}:`);
      for (const item of items) {
        emitMapping(child.item, item, config, `${indent}    `, lines, true);
      }
    } else if (child.kind === 'integer-list') {
      lines.push(`${keyPrefix}${key}: [${(value as number[]).join(', ')}]`);
    } else {
      lines.push(`${keyPrefix}${key}: ${scalarText(value)}`);
    }
  }
}

/** Renders a template as a commented *.mmpareto.yaml file that validates without issues. */
export function renderTemplateYaml(template: RunTemplate): string {
  const { config, issues } = validateConfig(template.config);
  if (config === undefined) {
    throw new Error(`run template ${template.id} is invalid: ${issues.map((issue) => issue.message).join(' ')}`);
  }
  const full = withDatasetModalities(config);
  const lines = [
    `# ${template.label}`,
    `# ${template.description}.`,
    '# MMPareto Lab run config. Hover a key for its meaning, allowed values and default;',
    '# keys left out take their defaults.',
    '',
  ];
  emitMapping(CONFIG_SCHEMA, full as unknown as Record<string, unknown>, full, '', lines, false);
  return `${lines.join('\n')}\n`;
}
