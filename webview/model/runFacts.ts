// The facts a panel header shows about one run, worked out from its snapshot and records.
import type { RunError, RunStatus, RunSummary } from '../../trainer/contract/records';
import type { RunSeriesBuilder } from './runSeries';

export interface RunFacts {
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly method?: string;
  readonly backend?: string;
  readonly dataset?: string;
  /** Epoch in progress or last completed, 1-based; undefined before the first step. */
  readonly epoch?: number;
  readonly totalEpochs?: number;
  readonly step?: number;
  readonly totalSteps?: number;
  readonly elapsedMs?: number;
  readonly error?: RunError;
}

export interface RunIdentity {
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly summary?: RunSummary;
}

/**
 * Collects the header facts. While the run is running, elapsed time counts from the run-start
 * record's time to nowMs, so the header keeps moving between steps. Afterwards it is the run's
 * recorded duration.
 */
export function collectRunFacts(run: RunIdentity, series: RunSeriesBuilder, nowMs: number): RunFacts {
  const start = series.runStart;
  const summary = run.summary;
  const config = start?.config;
  const lastStep = series.lastStep;

  let elapsedMs: number | undefined;
  if (run.status === 'running' && start !== undefined) {
    const startedAt = Date.parse(start.time);
    elapsedMs = Number.isNaN(startedAt) ? lastStep?.elapsedMs : Math.max(0, nowMs - startedAt);
  } else {
    elapsedMs = series.runEnd?.elapsedMs ?? summary?.elapsedMs ?? series.lastEpoch?.elapsedMs ?? lastStep?.elapsedMs;
  }

  const epoch = lastStep?.epoch ?? series.lastEpoch?.epoch ?? (summary?.epochsCompleted || undefined);
  const step = lastStep?.step ?? (summary?.stepsCompleted || undefined);
  return {
    runId: run.runId,
    name: run.name,
    status: run.status,
    method: config?.method ?? summary?.method,
    backend: start?.backend ?? summary?.backend,
    dataset: config?.data.kind ?? summary?.dataset,
    epoch,
    totalEpochs: config?.epochs,
    step,
    totalSteps: start?.totalSteps,
    elapsedMs,
    error: series.runEnd?.error ?? summary?.error,
  };
}

/** Describes a run error in one sentence, with the step and epoch when the trainer recorded them. */
export function describeRunError(error: RunError): string {
  const where: string[] = [];
  if (error.epoch !== undefined) where.push(`epoch ${error.epoch}`);
  if (error.step !== undefined) where.push(`step ${error.step}`);
  return where.length > 0 ? `${error.message} (at ${where.join(', ')})` : error.message;
}
