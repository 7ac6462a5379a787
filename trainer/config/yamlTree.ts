// Navigation of a parsed YAML document by config path: which node contains a value, which key
// names it, and the text ranges of both. The language server and the CLI place every issue with
// these helpers, so a message points at the same characters in both.
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { ConfigPath } from '../contract/validateConfig';

/** A YAML node and, when it is the value of a mapping entry, that entry. */
export interface LocatedNode {
  readonly path: ConfigPath;
  /** Undefined for an entry written without a value (`key:`). */
  readonly node: Node | undefined;
  /** The mapping entry whose value is `node`; absent for list items and the root. */
  readonly pair?: Pair<Node, Node | null>;
}

/** Offsets [start, end) of a node's value, without trailing comments or line breaks. */
export function nodeSpan(node: Node): [number, number] | undefined {
  const range = node.range;
  return range ? [range[0], range[1]] : undefined;
}

/** Returns the text of a mapping key, or undefined for keys that are not plain values. */
export function keyName(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key)) {
    return key.value === null || key.value === undefined ? undefined : String(key.value);
  }
  return undefined;
}

/** Returns the entry of a mapping node with the given key. */
export function findPair(map: Node, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) {
    return undefined;
  }
  for (const item of map.items) {
    if (isPair(item) && keyName(item) === key) {
      return item as Pair<Node, Node | null>;
    }
  }
  return undefined;
}

/**
 * Follows a config path through the document. Returns one located node per path segment that
 * exists, from the root down; the last element is the deepest part of the path found.
 */
export function locatePath(document: Document, path: ConfigPath): LocatedNode[] {
  const root = document.contents as Node | null;
  const located: LocatedNode[] = [{ path: [], node: root ?? undefined }];
  let current: Node | undefined = root ?? undefined;
  for (let depth = 0; depth < path.length && current !== undefined; depth++) {
    const part = path[depth]!;
    const partPath = path.slice(0, depth + 1);
    if (typeof part === 'string') {
      const pair = findPair(current, part);
      if (pair === undefined) {
        break;
      }
      const value = pair.value ?? undefined;
      located.push({ path: partPath, node: value, pair });
      current = value;
    } else {
      if (!isSeq(current)) {
        break;
      }
      const item = current.items[part] as Node | undefined;
      if (item === undefined) {
        break;
      }
      located.push({ path: partPath, node: item });
      current = item;
    }
  }
  return located;
}

/** Visits every mapping entry and list item, depth first, with its config path. */
export function walkDocument(document: Document, visit: (located: LocatedNode) => void): void {
  const walk = (node: Node | undefined, path: ConfigPath): void => {
    if (isMap(node)) {
      for (const item of node.items) {
        const name = keyName(item);
        if (name === undefined) {
          continue;
        }
        const value = (item.value ?? undefined) as Node | undefined;
        visit({ path: [...path, name], node: value, pair: item as Pair<Node, Node | null> });
        walk(value, [...path, name]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit({ path: [...path, index], node: item as Node });
        walk(item as Node, [...path, index]);
      });
    }
  };
  walk((document.contents as Node | null) ?? undefined, []);
}
