// Messages between the extension host and the dashboard and compare webviews. The extension
// validates every message it receives with isWebviewToHostMessage before acting on it; the
// webview checks host messages with isHostToWebviewMessage.
import type { RunConfig } from '../../trainer/contract/configSchema';
import type { MetricsRecord, RunStatus, RunSummary } from '../../trainer/contract/records';

export type PanelKind = 'dashboard' | 'compare';

/** Everything a panel needs to draw one run. */
export interface RunSnapshot {
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  /** Records of metrics.jsonl so far, in file order. */
  readonly records: readonly MetricsRecord[];
  readonly summary?: RunSummary;
  readonly config?: RunConfig;
}

/** Sent in reply to 'ready', and again after the panel is restored. */
export interface InitMessage {
  readonly type: 'init';
  readonly panel: PanelKind;
  readonly runs: readonly RunSnapshot[];
}

/** New records of a live run, batched by the host. */
export interface AppendRecordsMessage {
  readonly type: 'append-records';
  readonly runId: string;
  readonly records: readonly MetricsRecord[];
}

export interface RunStatusMessage {
  readonly type: 'run-status';
  readonly runId: string;
  readonly status: RunStatus;
  readonly summary?: RunSummary;
}

export type HostToWebviewMessage = InitMessage | AppendRecordsMessage | RunStatusMessage;

/** The webview has loaded its script and requests data. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** The Stop button of the dashboard header. */
export interface StopRunMessage {
  readonly type: 'stop-run';
  readonly runId: string;
}

export interface ShowLogMessage {
  readonly type: 'show-log';
  readonly runId: string;
}

export interface ExportCsvMessage {
  readonly type: 'export-csv';
  readonly runId: string;
}

export type WebviewToHostMessage = ReadyMessage | StopRunMessage | ShowLogMessage | ExportCsvMessage;

/** State a panel keeps with the webview state API, restored by the panel serializer after a reload. */
export interface PanelState {
  readonly panel: PanelKind;
  readonly runIds: readonly string[];
}

const RUN_ID_SHAPE = /^[A-Za-z0-9._-]{1,128}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a message from a webview; anything else is rejected and logged by the host. */
export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  switch (value['type']) {
    case 'ready':
      return keys.length === 1;
    case 'stop-run':
    case 'show-log':
    case 'export-csv':
      return keys.length === 2 && typeof value['runId'] === 'string' && RUN_ID_SHAPE.test(value['runId']);
    default:
      return false;
  }
}

export function isPanelState(value: unknown): value is PanelState {
  return (
    isObject(value) &&
    (value['panel'] === 'dashboard' || value['panel'] === 'compare') &&
    Array.isArray(value['runIds']) &&
    value['runIds'].length <= 32 &&
    value['runIds'].every((runId: unknown) => typeof runId === 'string' && RUN_ID_SHAPE.test(runId))
  );
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isObject(value)) return false;
  switch (value['type']) {
    case 'init':
      return (value['panel'] === 'dashboard' || value['panel'] === 'compare') && Array.isArray(value['runs']);
    case 'append-records':
      return typeof value['runId'] === 'string' && Array.isArray(value['records']);
    case 'run-status':
      return typeof value['runId'] === 'string' && typeof value['status'] === 'string';
    default:
      return false;
  }
}
