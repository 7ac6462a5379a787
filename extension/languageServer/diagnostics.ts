// Conversion of positioned config issues to LSP diagnostics, and the debounce that publishes
// them while the user types.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ConfigPath } from '../../trainer/contract/validateConfig';
import type { PositionedIssue } from '../../trainer/config/positionedIssue';
import { DIAGNOSTIC_SOURCE } from './languageConstants';

/** Data a diagnostic carries for its quick fixes, in Diagnostic.data. */
export interface IssueFixData {
  readonly path?: ConfigPath;
  readonly suggestion?: string;
  readonly clampedValue?: number;
}

export function toDiagnostic(issue: PositionedIssue): Diagnostic {
  const data: IssueFixData = {
    ...(issue.path !== undefined ? { path: issue.path } : {}),
    ...(issue.suggestion !== undefined ? { suggestion: issue.suggestion } : {}),
    ...(issue.clampedValue !== undefined ? { clampedValue: issue.clampedValue } : {}),
  };
  return {
    range: issue.range,
    severity: issue.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: issue.code,
    source: DIAGNOSTIC_SOURCE,
    message: issue.message,
    data,
  };
}

export function isIssueFixData(value: unknown): value is IssueFixData {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const data = value as Record<string, unknown>;
  const pathValid = data['path'] === undefined || (Array.isArray(data['path']) && data['path'].every((part) => typeof part === 'string' || typeof part === 'number'));
  const suggestionValid = data['suggestion'] === undefined || typeof data['suggestion'] === 'string';
  const clampedValid = data['clampedValue'] === undefined || typeof data['clampedValue'] === 'number';
  return pathValid && suggestionValid && clampedValid;
}

/** Runs one task per key after the key has been quiet for `delayMs`; a new request restarts the wait. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  schedule(key: string, task: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        task();
      }, this.delayMs),
    );
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}
