// Layout of a run directory, <workspace>/.mmpareto/runs/<run-id>/. docs/run-directory.md
// describes each file for people who read or write runs outside the extension.

export const RUNS_FOLDER = '.mmpareto/runs';

export const RUN_FILES = {
  /**
   * RunConfigFile: the resolved config (every default filled in, backend = the one taken) plus a
   * `runtime` object with the run id, source file, requested backend and package versions.
   */
  config: 'config.json',
  /** The config file the run was started from, copied as it was, when there was one. */
  sourceConfig: 'source-config.yaml',
  /** Append-only JSON lines of MetricsRecord. */
  metrics: 'metrics.jsonl',
  /** RunSummary, written once when the run ends. */
  summary: 'summary.json',
  /** RunProcessInfo, present while the trainer process runs. */
  process: 'process.json',
  /** Human-readable log of the trainer. */
  log: 'trainer.log',
  /** Folder of the best checkpoint: model.json (weight manifest) and weights.bin. */
  checkpoint: 'checkpoint',
} as const;

export const HEARTBEAT_INTERVAL_MS = 2000;
/** A run whose heartbeat is older than this, with no summary, is treated as dead. */
export const HEARTBEAT_STALE_MS = 15000;

/** Run ids sort by start time: 20261204-201530-mmpareto-3fa2. */
export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[a-z0-9-]+-[0-9a-f]{4}$/;

export function makeRunId(method: string, now: Date, randomHex: string): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${date}-${time}-${method}-${randomHex.slice(0, 4).padStart(4, '0')}`;
}
