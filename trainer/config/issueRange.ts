// Places a config path in the text. Unknown keys are marked on the key, wrong values on the
// value, and missing values on the key of the mapping that lacks them.
import { isMap, type Node } from 'yaml';
import type { ConfigPath } from '../contract/validateConfig';
import type { PositionedIssueCode } from './positionedIssue';
import type { ParsedConfigText } from './parseConfigText';
import type { TextRange } from './textPositions';
import { locatePath, type LocatedNode } from './yamlTree';

function keySpan(located: LocatedNode): [number, number] | undefined {
  const range = located.pair?.key?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** Returns the span of a node's first line, where a list item or a block mapping starts. */
function headSpan(parsed: ParsedConfigText, node: Node): [number, number] | undefined {
  if (isMap(node)) {
    const first = node.items[0]?.key as Node | undefined;
    if (first?.range) {
      return [first.range[0], first.range[1]];
    }
  }
  if (!node.range) {
    return undefined;
  }
  const start = node.range[0];
  const line = parsed.lines.positionAt(start).line;
  return [start, Math.min(node.range[1], parsed.lines.lineEndOffset(line))];
}

function spansLines(parsed: ParsedConfigText, span: [number, number]): boolean {
  return parsed.lines.positionAt(span[0]).line !== parsed.lines.positionAt(span[1]).line;
}

/** Returns the span that names a container: its key when it has one, else its first line. */
function containerSpan(parsed: ParsedConfigText, located: LocatedNode): [number, number] | undefined {
  return keySpan(located) ?? (located.node ? headSpan(parsed, located.node) : undefined);
}

function valueSpan(parsed: ParsedConfigText, located: LocatedNode): [number, number] | undefined {
  const node = located.node;
  if (node?.range) {
    const span: [number, number] = [node.range[0], node.range[1]];
    if (!spansLines(parsed, span)) {
      return span;
    }
  }
  return containerSpan(parsed, located);
}

/** Returns the range an issue of the given code at the given path is shown at. */
export function rangeForPath(parsed: ParsedConfigText, path: ConfigPath, code: PositionedIssueCode): TextRange {
  const located = locatePath(parsed.document, path);
  const deepest = located[located.length - 1]!;
  const foundAll = deepest.path.length === path.length;
  let span: [number, number] | undefined;
  if (!foundAll) {
    span = containerSpan(parsed, deepest);
  } else if (code === 'unknown-key') {
    span = keySpan(deepest) ?? containerSpan(parsed, deepest);
  } else if (code === 'missing-value') {
    span = containerSpan(parsed, deepest);
  } else {
    span = valueSpan(parsed, deepest);
  }
  if (span === undefined) {
    // The root: an empty file, or a problem with the config as a whole.
    const firstLine = firstContentLine(parsed);
    return parsed.lines.rangeOf(parsed.lines.lineStartOffset(firstLine), parsed.lines.lineEndOffset(firstLine));
  }
  return parsed.lines.rangeOf(span[0], span[1]);
}

function firstContentLine(parsed: ParsedConfigText): number {
  for (let line = 0; line < parsed.lines.lineCount; line++) {
    const text = parsed.lines.lineText(line).trim();
    if (text !== '' && !text.startsWith('#') && text !== '---') {
      return line;
    }
  }
  return 0;
}
