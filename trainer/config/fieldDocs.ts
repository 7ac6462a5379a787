// Text about schema fields shared by hovers, completion items, starter templates and the
// config reference: every fact comes from CONFIG_SCHEMA.
import { CONFIG_SCHEMA } from '../contract/configSchema';
import type { FieldSpec } from '../contract/schemaTypes';
import { describeAllowed, type ConfigPath } from '../contract/validateConfig';

export interface SchemaEntry {
  /** Path with list items written as [], such as modalities[].encoder. */
  readonly displayPath: string;
  readonly spec: FieldSpec;
}

/** Lists every field of the schema, depth first in schema order, with list item fields once. */
export function schemaEntries(): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  const walk = (spec: FieldSpec, displayPath: string): void => {
    if (displayPath !== '') {
      entries.push({ displayPath, spec });
    }
    if (spec.kind === 'object') {
      for (const [key, child] of Object.entries(spec.fields)) {
        walk(child, displayPath === '' ? key : `${displayPath}.${key}`);
      }
    } else if (spec.kind === 'object-list') {
      for (const [key, child] of Object.entries(spec.item.fields)) {
        walk(child, `${displayPath}[].${key}`);
      }
    }
  };
  walk(CONFIG_SCHEMA, '');
  return entries;
}

/** Formats a config path for display, with list indices replaced by [] when `generic`. */
export function displayPathOf(path: ConfigPath, generic = false): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') {
      text += generic ? '[]' : `[${part}]`;
    } else {
      text += text === '' ? part : `.${part}`;
    }
  }
  return text;
}

/** Formats the default as YAML writes it; returns undefined for fields without one (such as paths). */
export function formatDefault(spec: FieldSpec): string | undefined {
  switch (spec.kind) {
    case 'number':
    case 'integer':
    case 'boolean':
      return String(spec.default);
    case 'enum':
      return spec.default;
    case 'string':
      return spec.default;
    case 'integer-list':
      return `[${spec.default.join(', ')}]`;
    case 'object-list':
      return '[]';
    case 'object':
      return undefined;
  }
}

/** Returns a short name of the field's type for hovers and completion details. */
export function typeName(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'string':
      return spec.isPath ? 'path' : 'string';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return 'enum';
    case 'integer-list':
      return 'list of integers';
    case 'object':
      return 'mapping';
    case 'object-list':
      return 'list of mappings';
  }
}

/** Describes what a field accepts, with the path rule for path fields. */
export function allowedText(spec: FieldSpec): string {
  const allowed = describeAllowed(spec);
  return spec.kind === 'string' && spec.isPath ? `${allowed}: a path relative to the config file's folder, or absolute` : allowed;
}

/** Markdown describing a field: its doc, then allowed values, default, unit and reference setting. */
export function fieldMarkdown(path: ConfigPath, spec: FieldSpec): string {
  const lines = [`**${displayPathOf(path)}** (${typeName(spec)})`, '', spec.doc, ''];
  lines.push(`- Allowed: ${allowedText(spec)}`);
  const defaultText = formatDefault(spec);
  if (defaultText !== undefined) {
    lines.push(`- Default: \`${defaultText}\``);
  }
  if (spec.unit !== undefined) {
    lines.push(`- Unit: ${spec.unit}`);
  }
  if (spec.reference !== undefined) {
    lines.push(`- Reference setting (MMPareto paper code): ${spec.reference}`);
  }
  if (spec.appliesTo !== undefined) {
    lines.push(`- Applies to: ${spec.appliesTo}`);
  }
  if (spec.kind === 'enum') {
    lines.push('', 'Values:');
    for (const value of spec.values) {
      lines.push(`- \`${value}\`: ${spec.valueDocs[value]}`);
    }
  }
  return lines.join('\n');
}

/** Markdown for one enum value, shown above the field's description when hovering a value. */
export function enumValueMarkdown(spec: FieldSpec, value: string): string | undefined {
  if (spec.kind !== 'enum' || !spec.values.includes(value)) {
    return undefined;
  }
  return `\`${value}\`: ${spec.valueDocs[value]}`;
}
