// Cursor context: the key or value a hover describes, and the mapping or field a completion
// fills in. Completion contexts come from parsing the text with a marker key or
// value at the cursor, so YAML itself decides which mapping the cursor belongs to.
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import type { ConfigPath } from '../../trainer/contract/validateConfig';
import type { ParsedConfigText } from '../../trainer/config/parseConfigText';
import type { TextPosition, TextRange } from '../../trainer/config/textPositions';
import { keyName, locatePath, walkDocument } from '../../trainer/config/yamlTree';

/** A plain YAML word that no config contains, put at the cursor to find its place in the tree. */
const CURSOR_MARKER = 'mmparetoCursorMarker7f3a';

export type CompletionContext =
  | {
      readonly kind: 'key';
      /** Path of the mapping the new key goes into. */
      readonly mappingPath: ConfigPath;
      /** Keys already written in that mapping. */
      readonly existingKeys: ReadonlySet<string>;
      /** The partly typed key that a completion replaces. */
      readonly replaceRange: TextRange;
      /** True when a colon already follows, so only the key name is inserted. */
      readonly hasColon: boolean;
    }
  | {
      readonly kind: 'value';
      readonly path: ConfigPath;
      readonly replaceRange: TextRange;
      /** True when nothing separates the colon from the cursor, so a space is inserted first. */
      readonly needsSpace: boolean;
    };

const KEY_BEFORE = /^(\s*(?:-\s+)*)([A-Za-z_][\w-]*)?$/;
const KEY_AFTER = /^([\w-]*)(\s*:.*)?$/;
const VALUE_BEFORE = /^(\s*(?:-\s+)*[A-Za-z_][\w-]*\s*:)(\s*)([\w.+-]*)$/;
const VALUE_AFTER = /^([\w.+-]*)\s*(#.*)?$/;

function replaceLine(parsed: ParsedConfigText, line: number, newText: string): string {
  const start = parsed.lines.lineStartOffset(line);
  const end = parsed.lines.lineEndOffset(line);
  return parsed.text.slice(0, start) + newText + parsed.text.slice(end);
}

function findMarker(text: string): { path: ConfigPath; mappingKeys?: string[] } | undefined {
  const document = parseDocument(text, { prettyErrors: false });
  let found: { path: ConfigPath; mappingKeys?: string[] } | undefined;
  walkDocument(document, (located) => {
    if (found !== undefined) return;
    const last = located.path[located.path.length - 1];
    if (last === CURSOR_MARKER) {
      found = { path: located.path };
    } else if (isScalar(located.node) && located.node.value === CURSOR_MARKER) {
      found = { path: located.path };
    }
  });
  if (found !== undefined && found.path[found.path.length - 1] === CURSOR_MARKER) {
    const mappingPath = found.path.slice(0, -1);
    const mapping = mappingPath.length === 0 ? (document.contents as Node | null) : locatePath(document, mappingPath).at(-1)?.node;
    const keys = isMap(mapping) ? mapping.items.map((item) => keyName(item)).filter((key): key is string => key !== undefined && key !== CURSOR_MARKER) : [];
    return { path: found.path, mappingKeys: keys };
  }
  return found;
}

/** Works out what a completion at `position` would complete, or undefined when nothing fits. */
export function completionContextAt(parsed: ParsedConfigText, position: TextPosition): CompletionContext | undefined {
  const lineText = parsed.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const after = lineText.slice(position.character);

  const keyBefore = KEY_BEFORE.exec(before);
  const keyAfter = KEY_AFTER.exec(after);
  if (keyBefore !== null && keyAfter !== null) {
    const prefix = keyBefore[1]!;
    const typedBefore = keyBefore[2] ?? '';
    const typedAfter = keyAfter[1]!;
    const rest = keyAfter[2] ?? '';
    const marked = findMarker(replaceLine(parsed, position.line, `${prefix}${CURSOR_MARKER}${rest === '' ? ':' : rest}`));
    if (marked?.mappingKeys === undefined) {
      return undefined;
    }
    return {
      kind: 'key',
      mappingPath: marked.path.slice(0, -1),
      existingKeys: new Set(marked.mappingKeys),
      replaceRange: {
        start: { line: position.line, character: position.character - typedBefore.length },
        end: { line: position.line, character: position.character + typedAfter.length },
      },
      hasColon: rest !== '',
    };
  }

  const valueBefore = VALUE_BEFORE.exec(before);
  const valueAfter = VALUE_AFTER.exec(after);
  if (valueBefore !== null && valueAfter !== null) {
    const typedBefore = valueBefore[3]!;
    const typedAfter = valueAfter[1]!;
    const marked = findMarker(replaceLine(parsed, position.line, `${valueBefore[1]} ${CURSOR_MARKER}`));
    if (marked === undefined || marked.mappingKeys !== undefined) {
      return undefined;
    }
    return {
      kind: 'value',
      path: marked.path,
      replaceRange: {
        start: { line: position.line, character: position.character - typedBefore.length },
        end: { line: position.line, character: position.character + typedAfter.length },
      },
      needsSpace: valueBefore[2] === '' && typedBefore === '',
    };
  }
  return undefined;
}

export type HoverTarget =
  | { readonly kind: 'key'; readonly path: ConfigPath; readonly range: TextRange }
  | { readonly kind: 'value'; readonly path: ConfigPath; readonly range: TextRange; readonly value: unknown };

function contains(span: readonly [number, number] | undefined | null, offset: number): boolean {
  return span !== undefined && span !== null && span[0] <= offset && offset <= span[1];
}

/** Finds the key or scalar value under the cursor, with its config path. */
export function hoverTargetAt(parsed: ParsedConfigText, position: TextPosition): HoverTarget | undefined {
  const lines = parsed.lines;
  const offset = lines.offsetAt(position);
  let target: HoverTarget | undefined;
  walkDocument(parsed.document, (located) => {
    const keyRange = located.pair?.key && (located.pair.key as Node).range;
    if (keyRange && contains([keyRange[0], keyRange[1]], offset)) {
      target = { kind: 'key', path: located.path, range: lines.rangeOf(keyRange[0], keyRange[1]) };
      return;
    }
    const node = located.node;
    if (isScalar(node) && node.range && contains([node.range[0], node.range[1]], offset)) {
      target = { kind: 'value', path: located.path, range: lines.rangeOf(node.range[0], node.range[1]), value: node.value };
    }
  });
  return target;
}
