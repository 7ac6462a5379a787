// A config problem placed in the file: the shape shared by the trainer CLI's `validate` output
// and the language server's diagnostics, so both print the same message at the same place.
import type { ConfigIssueCode, ConfigPath } from '../contract/validateConfig';
import type { TextRange } from './textPositions';

/** Problems found in the data files a config names, beyond what the schema can check. */
export type DataFileIssueCode = 'file-not-found' | 'invalid-data-file' | 'data-mismatch' | 'batch-too-large';

export type PositionedIssueCode = ConfigIssueCode | DataFileIssueCode | 'syntax';

export interface PositionedIssue {
  /** 0-based, LSP style. */
  readonly range: TextRange;
  readonly severity: 'error' | 'warning';
  readonly code: PositionedIssueCode;
  readonly message: string;
  /** Config path of the value, absent for syntax errors. */
  readonly path?: ConfigPath;
  /** For unknown keys and enum typos: the nearest valid name. */
  readonly suggestion?: string;
  /** For out-of-range numbers: the nearest allowed value. */
  readonly clampedValue?: number;
}

export function hasErrors(issues: readonly PositionedIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Sorts issues by position, the order a compiler prints them in. */
export function sortIssues(issues: readonly PositionedIssue[]): PositionedIssue[] {
  return [...issues].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
