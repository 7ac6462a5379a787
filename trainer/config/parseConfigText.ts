// Parses the text of a config file (YAML, or JSON, which YAML 1.2 reads too) into the plain
// value validateConfig takes, keeping the YAML tree so issues can be placed in the text.
import { isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { PositionedIssue } from './positionedIssue';
import { LineIndex } from './textPositions';

export interface ParsedConfigText {
  /** The plain value, or undefined when the text contains no document at all. */
  readonly raw: unknown;
  /** Syntax errors and warnings of the YAML parser. */
  readonly issues: PositionedIssue[];
  readonly document: Document.Parsed;
  readonly lines: LineIndex;
  readonly text: string;
}

function languageOf(fileName: string): 'JSON' | 'YAML' {
  return fileName.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
}

/** Returns the span of the key that starts at `offset`. The parser reports a duplicate key at its first character only. */
function keySpanAt(document: Document, offset: number): [number, number] | undefined {
  let span: [number, number] | undefined;
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        span = [pair.key.range[0], pair.key.range[1]];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return span;
}

function syntaxErrorSpan(error: YAMLError, document: Document): [number, number] {
  const [start, end] = error.pos;
  if (error.code === 'DUPLICATE_KEY') {
    return keySpanAt(document, start) ?? [start, end];
  }
  return [start, Math.max(start, end)];
}

function describeSyntaxError(error: YAMLError, language: 'JSON' | 'YAML', found: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return `${language} syntax error: the key ${JSON.stringify(found)} appears twice in one mapping; remove or rename one of them.`;
    case 'TAB_AS_INDENT':
      return `${language} syntax error: tabs cannot indent YAML; indent with spaces.`;
    case 'MULTIPLE_DOCS':
      return `${language} syntax error: a config file holds one document; remove the "---" separator and what follows it, or move it to its own file.`;
    default: {
      const sentence = error.message.trim().replace(/[.:]$/, '');
      return `${language} syntax error: ${sentence}.`;
    }
  }
}

/** Parses config text; syntax errors come back as issues with ranges, never as exceptions. */
export function parseConfigText(text: string, fileName: string): ParsedConfigText {
  const lines = new LineIndex(text);
  const language = languageOf(fileName);
  const document = parseDocument(text, { prettyErrors: false, keepSourceTokens: false });
  const issues: PositionedIssue[] = [];
  for (const [severity, list] of [['error', document.errors], ['warning', document.warnings]] as const) {
    for (const error of list) {
      const [start, end] = syntaxErrorSpan(error, document);
      issues.push({
        range: lines.rangeOf(start, end),
        severity,
        code: 'syntax',
        message: describeSyntaxError(error, language, text.slice(start, end)),
      });
    }
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws on alias bombs and on aliases to anchors that do not exist.
    raw = undefined;
    issues.push({
      range: lines.rangeOf(0, 0),
      severity: 'error',
      code: 'syntax',
      message: `${language} syntax error: ${(error as Error).message.replace(/[.:]$/, '')}.`,
    });
  }
  return { raw: raw ?? undefined, issues, document, lines, text };
}
