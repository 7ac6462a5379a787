// The data source of the dashboard and compare panels. The runs model implements it, and the
// panels depend only on this interface.
import type * as vscode from 'vscode';
import type { MetricsRecord, RunStatus, RunSummary } from '../../trainer/contract/records';
import type { RunSnapshot } from '../../webview/contract/panelMessages';

export interface RecordsAppendedEvent {
  readonly runId: string;
  readonly records: readonly MetricsRecord[];
}

export interface RunStatusChangedEvent {
  readonly runId: string;
  readonly status: RunStatus;
  readonly summary?: RunSummary;
}

export interface RunDataSource {
  /** Reads the run's directory; undefined when no run has that id. */
  getSnapshot(runId: string): Promise<RunSnapshot | undefined>;
  /** Fires for every batch of records appended to a run's metrics.jsonl, live runs and re-attached ones alike. */
  readonly onDidAppendRecords: vscode.Event<RecordsAppendedEvent>;
  readonly onDidChangeStatus: vscode.Event<RunStatusChangedEvent>;
  /** Asks the run's trainer to stop after the current step. */
  stopRun(runId: string): Promise<void>;
  showLog(runId: string): Promise<void>;
  exportCsv(runId: string): Promise<void>;
}
