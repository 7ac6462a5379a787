// Quick fixes for config diagnostics: rename an unknown key to the nearest valid one or remove
// it, set an out-of-range number to the nearest allowed value, and replace an invalid name with
// the suggested one. Edits are computed from the YAML tree, not from the diagnostic's range.
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { formatConfigPath, type ConfigPath } from '../../trainer/contract/validateConfig';
import type { ParsedConfigText } from '../../trainer/config/parseConfigText';
import { locatePath, type LocatedNode } from '../../trainer/config/yamlTree';
import { DIAGNOSTIC_SOURCE } from './languageConstants';
import { isIssueFixData } from './diagnostics';

function located(parsed: ParsedConfigText, path: ConfigPath): LocatedNode | undefined {
  const chain = locatePath(parsed.document, path);
  const last = chain[chain.length - 1]!;
  return last.path.length === path.length ? last : undefined;
}

function scalarEdit(parsed: ParsedConfigText, path: ConfigPath, newText: string): TextEdit | undefined {
  const node = located(parsed, path)?.node;
  if (!isScalar(node) || !node.range) {
    return undefined;
  }
  return { range: parsed.lines.rangeOf(node.range[0], node.range[1]), newText };
}

function pairEnd(pair: Pair<Node, Node | null>): number {
  const end = pair.value?.range?.[1] ?? pair.key.range?.[1];
  return end ?? 0;
}

/** Returns the text span to delete to remove a mapping entry and leave valid YAML. */
function removalSpan(parsed: ParsedConfigText, path: ConfigPath): { start: number; end: number; newText: string } | undefined {
  const entry = located(parsed, path);
  const mapping = located(parsed, path.slice(0, -1))?.node ?? (path.length === 1 ? (parsed.document.contents as Node | null) : undefined);
  if (entry?.pair === undefined || !isMap(mapping) || !entry.pair.key.range) {
    return undefined;
  }
  const items = mapping.items as Array<Pair<Node, Node | null>>;
  const index = items.indexOf(entry.pair);
  const keyStart = entry.pair.key.range[0];
  const next = items[index + 1];
  if (next?.key?.range) {
    // Deleting up to the next key keeps that key where this one started, also after a "- ".
    return { start: keyStart, end: next.key.range[0], newText: '' };
  }
  const previous = items[index - 1];
  if (mapping.flow) {
    return previous === undefined ? { start: keyStart, end: pairEnd(entry.pair), newText: '' } : { start: pairEnd(previous), end: pairEnd(entry.pair), newText: '' };
  }
  const lines = parsed.lines;
  const keyLine = lines.positionAt(keyStart).line;
  const beforeKey = parsed.text.slice(lines.lineStartOffset(keyLine), keyStart);
  if (beforeKey.trim() !== '') {
    // The only entry of a list item ("- key: value"): leave an empty mapping in its place.
    return { start: keyStart, end: pairEnd(entry.pair), newText: '{}' };
  }
  const endPosition = lines.positionAt(pairEnd(entry.pair));
  const lastLine = endPosition.character === 0 && endPosition.line > keyLine ? endPosition.line - 1 : endPosition.line;
  const end = lastLine + 1 < lines.lineCount ? lines.lineStartOffset(lastLine + 1) : parsed.text.length;
  return { start: lines.lineStartOffset(keyLine), end, newText: '' };
}

function quickFix(title: string, uri: string, diagnostic: Diagnostic, edit: TextEdit, isPreferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [uri]: [edit] } } };
}

function fixesFor(parsed: ParsedConfigText, uri: string, diagnostic: Diagnostic): CodeAction[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isIssueFixData(diagnostic.data) || diagnostic.data.path === undefined) {
    return [];
  }
  const { path, suggestion, clampedValue } = diagnostic.data;
  const where = formatConfigPath(path);
  const actions: CodeAction[] = [];
  switch (diagnostic.code) {
    case 'unknown-key': {
      const entry = located(parsed, path);
      const key = entry?.pair?.key;
      const siblings = located(parsed, path.slice(0, -1))?.node ?? (path.length === 1 ? (parsed.document.contents as Node | null) : undefined);
      const taken = suggestion !== undefined && isMap(siblings) && siblings.items.some((item) => isScalar(item.key) && item.key.value === suggestion);
      if (suggestion !== undefined && key?.range && !taken) {
        const edit = { range: parsed.lines.rangeOf(key.range[0], key.range[1]), newText: suggestion };
        actions.push(quickFix(`Rename "${String(path[path.length - 1])}" to "${suggestion}"`, uri, diagnostic, edit, true));
      }
      const removal = removalSpan(parsed, path);
      if (removal !== undefined) {
        const edit = { range: parsed.lines.rangeOf(removal.start, removal.end), newText: removal.newText };
        actions.push(quickFix(`Remove key "${String(path[path.length - 1])}"`, uri, diagnostic, edit, suggestion === undefined));
      }
      break;
    }
    case 'out-of-range':
    case 'wrong-type':
    case 'batch-too-large': {
      // A batch-too-large warning on data.trainSize (no batchSize written) has no value to set.
      if (clampedValue === undefined || (diagnostic.code === 'batch-too-large' && path[0] !== 'batchSize')) break;
      const edit = scalarEdit(parsed, path, String(clampedValue));
      if (edit !== undefined) {
        actions.push(quickFix(`Set ${where} to ${clampedValue}`, uri, diagnostic, edit, true));
      }
      break;
    }
    case 'invalid-enum':
    case 'conflict': {
      if (suggestion === undefined) break;
      const edit = scalarEdit(parsed, path, suggestion);
      if (edit !== undefined) {
        actions.push(quickFix(`Change ${where} to "${suggestion}"`, uri, diagnostic, edit, true));
      }
      break;
    }
    default:
      break;
  }
  return actions;
}

/** Returns the quick fixes for the given diagnostics of a document. */
export function codeActionsFor(parsed: ParsedConfigText, uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => fixesFor(parsed, uri, diagnostic));
}
