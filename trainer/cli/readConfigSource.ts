// Reads a run config file (YAML or JSON) for the CLI, keeping its text and a way to find the
// line and column of a config path for error messages.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ConfigPath } from '../contract/validateConfig';
import { UsageError } from './applyOverrides';

export interface ConfigSource {
  readonly path: string;
  readonly text: string;
  readonly raw: unknown;
  /**
   * 1-based line and column of the value at `path` (of its key when `atKey`), or of its nearest
   * existing parent.
   */
  locate(path: ConfigPath, atKey: boolean): { line: number; column: number } | undefined;
}

export function readConfigSource(path: string): ConfigSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`Cannot read config ${path}: ${reason}. Pass the path of a *.mmpareto.yaml or .json file to --config.`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const messages = document.errors.map((error) => {
      const position = lineCounter.linePos(error.pos[0]);
      return `${path}:${position.line}:${position.col}: error: invalid YAML: ${error.message.split('\n')[0]}`;
    });
    throw new UsageError(messages.join('\n'));
  }

  const locate = (configPath: ConfigPath, atKey: boolean): { line: number; column: number } | undefined => {
    let node: unknown = document.contents;
    let offset: number | undefined = (document.contents as Node | null)?.range?.[0];
    for (const part of configPath) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
        if (pair === undefined) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined;
        if (item === undefined) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        if (isScalar(node)) offset = node.range?.[0] ?? offset;
        break;
      }
    }
    if (!atKey && isScalar(node) && configPath.length > 0) offset = node.range?.[0] ?? offset;
    if (offset === undefined) return undefined;
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  return { path, text, raw: document.toJS(), locate };
}
