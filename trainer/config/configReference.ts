// The config reference table of docs/config-reference.md, rendered from CONFIG_SCHEMA so the
// documentation cannot drift from the schema (a unit test compares the committed file).
import { allowedText, formatDefault, schemaEntries } from './fieldDocs';

export const REFERENCE_START_MARKER = '<!-- config-reference:start -->';
export const REFERENCE_END_MARKER = '<!-- config-reference:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

/** Renders one Markdown table row per schema field, in schema order. */
export function renderConfigReferenceTable(): string {
  const rows = ['| Field | Allowed values | Default | Unit | Reference setting | Description |', '| --- | --- | --- | --- | --- | --- |'];
  for (const { displayPath, spec } of schemaEntries()) {
    const defaultText = formatDefault(spec);
    let description = spec.doc;
    if (spec.appliesTo !== undefined) {
      description += ` Applies to: ${spec.appliesTo}.`;
    }
    if (spec.kind === 'enum') {
      description += spec.values.map((value) => `<br>\`${value}\`: ${spec.valueDocs[value]}`).join('');
    }
    rows.push(
      `| \`${displayPath}\` | ${cell(allowedText(spec))} | ${defaultText === undefined ? '' : `\`${cell(defaultText)}\``} | ${cell(spec.unit ?? '')} | ${cell(spec.reference ?? '')} | ${cell(description)} |`,
    );
  }
  return rows.join('\n');
}

/** Replaces the text between the reference markers of `document` with the current table. */
export function replaceConfigReference(document: string): string {
  const start = document.indexOf(REFERENCE_START_MARKER);
  const end = document.indexOf(REFERENCE_END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(`the document has no ${REFERENCE_START_MARKER} ... ${REFERENCE_END_MARKER} section to fill.`);
  }
  return `${document.slice(0, start + REFERENCE_START_MARKER.length)}\n${renderConfigReferenceTable()}\n${document.slice(end)}`;
}
