// Compiler-style text of an issue, the form terminals and editors turn into clickable links.
import type { PositionedIssue } from './positionedIssue';

/** Formats an issue as `file:line:col: error: message`, with 1-based line and column. */
export function formatIssueForTerminal(fileName: string, issue: PositionedIssue): string {
  const line = issue.range.start.line + 1;
  const column = issue.range.start.character + 1;
  return `${fileName}:${line}:${column}: ${issue.severity}: ${issue.message}`;
}
