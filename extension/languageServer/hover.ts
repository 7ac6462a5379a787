// Hover on keys and values: the field's meaning, allowed values, default, unit and reference
// setting from CONFIG_SCHEMA, and for an enum value that value's own description first.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { fieldAtPath } from '../../trainer/contract/validateConfig';
import { enumValueMarkdown, fieldMarkdown } from '../../trainer/config/fieldDocs';
import type { ParsedConfigText } from '../../trainer/config/parseConfigText';
import type { TextPosition } from '../../trainer/config/textPositions';
import { hoverTargetAt } from './cursorContext';

export function hoverAt(parsed: ParsedConfigText, position: TextPosition): Hover | null {
  const target = hoverTargetAt(parsed, position);
  if (target === undefined) {
    return null;
  }
  const spec = fieldAtPath(target.path);
  if (spec === undefined) {
    return null;
  }
  const sections = [fieldMarkdown(target.path, spec)];
  if (target.kind === 'value' && typeof target.value === 'string') {
    const valueDoc = enumValueMarkdown(spec, target.value);
    if (valueDoc !== undefined) {
      sections.unshift(valueDoc, '---');
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') }, range: target.range };
}
