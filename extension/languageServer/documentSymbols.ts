// The document outline: one symbol per key, nested like the YAML, list items named by their
// `name` value.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { fieldAtPath, type ConfigPath } from '../../trainer/contract/validateConfig';
import type { ParsedConfigText } from '../../trainer/config/parseConfigText';
import { keyName } from '../../trainer/config/yamlTree';

function symbolKind(path: ConfigPath, node: Node | undefined): SymbolKind {
  const spec = fieldAtPath(path);
  switch (spec?.kind) {
    case 'enum':
      return SymbolKind.EnumMember;
    case 'number':
    case 'integer':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'string':
      return SymbolKind.String;
    case 'integer-list':
    case 'object-list':
      return SymbolKind.Array;
    case 'object':
      return SymbolKind.Object;
    default:
      return isMap(node) ? SymbolKind.Object : isSeq(node) ? SymbolKind.Array : SymbolKind.Key;
  }
}

function scalarDetail(node: Node | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

/** Moves an end offset back over trailing whitespace and line breaks, so a range ends on its last character. */
function trimEnd(text: string, start: number, end: number): number {
  let trimmed = end;
  while (trimmed > start && /\s/.test(text[trimmed - 1]!)) {
    trimmed--;
  }
  return trimmed;
}

function childSymbols(parsed: ParsedConfigText, node: Node | undefined, path: ConfigPath): DocumentSymbol[] {
  const lines = parsed.lines;
  const symbols: DocumentSymbol[] = [];
  if (isMap(node)) {
    for (const item of node.items) {
      const key = keyName(item);
      const keyRange = (item.key as Node | null)?.range;
      if (key === undefined || !keyRange) continue;
      const value = (item.value ?? undefined) as Node | undefined;
      const end = trimEnd(parsed.text, keyRange[1], value?.range?.[1] ?? keyRange[1]);
      const childPath = [...path, key];
      const detail = scalarDetail(value);
      symbols.push({
        name: key,
        ...(detail !== undefined ? { detail } : {}),
        kind: symbolKind(childPath, value),
        range: lines.rangeOf(keyRange[0], end),
        selectionRange: lines.rangeOf(keyRange[0], keyRange[1]),
        children: childSymbols(parsed, value, childPath),
      });
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = item as Node;
      if (!child.range || isScalar(child)) return;
      const nameNode = isMap(child) ? child.items.find((entry) => keyName(entry) === 'name')?.value : undefined;
      const name = isScalar(nameNode) && nameNode.value !== null ? `${index}: ${String(nameNode.value)}` : String(index);
      const range = lines.rangeOf(child.range[0], trimEnd(parsed.text, child.range[0], child.range[1]));
      symbols.push({ name, kind: SymbolKind.Object, range, selectionRange: range, children: childSymbols(parsed, child, [...path, index]) });
    });
  }
  return symbols;
}

export function documentSymbols(parsed: ParsedConfigText): DocumentSymbol[] {
  return childSymbols(parsed, (parsed.document.contents as Node | null) ?? undefined, []);
}
