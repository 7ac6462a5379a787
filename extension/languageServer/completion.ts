// Completion of keys (those not yet written in the mapping at the cursor) and of enum and
// boolean values, documented from CONFIG_SCHEMA, with the default as the snippet placeholder.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { FieldSpec } from '../../trainer/contract/schemaTypes';
import { fieldAtPath, type ConfigPath } from '../../trainer/contract/validateConfig';
import { fieldMarkdown, formatDefault, typeName } from '../../trainer/config/fieldDocs';
import type { ParsedConfigText } from '../../trainer/config/parseConfigText';
import type { TextPosition, TextRange } from '../../trainer/config/textPositions';
import { completionContextAt } from './cursorContext';

/** Escapes text for a snippet placeholder; `$`, `}` and `\` are special there. */
function escapePlaceholder(text: string): string {
  return text.replace(/[$}\\]/g, (character) => `\\${character}`);
}

/** Escapes text for a snippet choice; `,` and `|` separate choices there. */
function escapeChoice(text: string): string {
  return text.replace(/[$}\\,|]/g, (character) => `\\${character}`);
}

/** Builds the snippet inserted for a key: the key, a colon and the default or a choice of values. */
function keySnippet(key: string, spec: FieldSpec): string {
  switch (spec.kind) {
    case 'enum': {
      const values = [spec.default, ...spec.values.filter((value) => value !== spec.default)];
      return `${key}: \${1|${values.map(escapeChoice).join(',')}|}`;
    }
    case 'boolean':
      return `${key}: \${1|${spec.default},${!spec.default}|}`;
    case 'object': {
      return `${key}:\n  $0`;
    }
    case 'object-list': {
      const firstKey = Object.keys(spec.item.fields)[0]!;
      return `${key}:\n  - ${firstKey}: $1`;
    }
    default: {
      const defaultText = formatDefault(spec);
      return defaultText === undefined ? `${key}: $1` : `${key}: \${1:${escapePlaceholder(defaultText)}}`;
    }
  }
}

function keyKind(spec: FieldSpec): CompletionItemKind {
  return spec.kind === 'object' || spec.kind === 'object-list' ? CompletionItemKind.Module : CompletionItemKind.Property;
}

function keyItems(mappingPath: ConfigPath, existing: ReadonlySet<string>, range: TextRange, hasColon: boolean): CompletionItem[] {
  const mapping = fieldAtPath(mappingPath);
  if (mapping?.kind !== 'object') {
    return [];
  }
  const items: CompletionItem[] = [];
  Object.entries(mapping.fields).forEach(([key, spec], index) => {
    if (existing.has(key)) {
      return;
    }
    const defaultText = formatDefault(spec);
    items.push({
      label: key,
      kind: keyKind(spec),
      detail: defaultText === undefined ? typeName(spec) : `${typeName(spec)}, default ${defaultText}`,
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown([...mappingPath, key], spec) },
      sortText: String(index).padStart(3, '0'),
      filterText: key,
      insertTextFormat: hasColon ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      textEdit: { range, newText: hasColon ? key : keySnippet(key, spec) },
    });
  });
  return items;
}

function valueItems(path: ConfigPath, range: TextRange, needsSpace: boolean): CompletionItem[] {
  const spec = fieldAtPath(path);
  if (spec === undefined) {
    return [];
  }
  const lead = needsSpace ? ' ' : '';
  const item = (value: string, documentation: string, index: number, isDefault: boolean): CompletionItem => ({
    label: value,
    kind: spec.kind === 'enum' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
    detail: isDefault ? 'default' : undefined,
    documentation: { kind: MarkupKind.Markdown, value: documentation },
    sortText: String(index).padStart(3, '0'),
    filterText: value,
    preselect: isDefault,
    textEdit: { range, newText: `${lead}${value}` },
  });
  switch (spec.kind) {
    case 'enum':
      return spec.values.map((value, index) => item(value, `\`${value}\`: ${spec.valueDocs[value]}\n\n${fieldMarkdown(path, spec)}`, index, value === spec.default));
    case 'boolean':
      return ['true', 'false'].map((value, index) => item(value, fieldMarkdown(path, spec), index, value === String(spec.default)));
    case 'number':
    case 'integer':
      return [item(String(spec.default), fieldMarkdown(path, spec), 0, true)];
    default:
      return [];
  }
}

/** Returns the completion items at `position`; an empty list when the cursor is on nothing completable. */
export function completeAt(parsed: ParsedConfigText, position: TextPosition): CompletionItem[] {
  const context = completionContextAt(parsed, position);
  if (context === undefined) {
    return [];
  }
  if (context.kind === 'key') {
    return keyItems(context.mappingPath, context.existingKeys, context.replaceRange, context.hasColon);
  }
  return valueItems(context.path, context.replaceRange, context.needsSpace);
}
