// summary.json for a run whose trainer ended without writing one (crash, kill, lost process).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { METHODS, type MethodName, type RunConfig } from '../../trainer/contract/configSchema';
import { METRICS_FORMAT_VERSION, type RunProcessInfo, type RunSummary } from '../../trainer/contract/records';
import { RUN_FILES } from '../../trainer/contract/runDirectory';
import type { RunEntry } from './runEntry';
import type { RunProgress } from './runProgress';

export interface FailureSummaryInputs {
  readonly runId: string;
  readonly name: string;
  readonly config?: RunConfig;
  readonly progress: RunProgress;
  readonly processInfo?: RunProcessInfo;
  /** Method the launch asked for, used when neither config.json nor run-start has one. */
  readonly requestedMethod?: string;
  readonly requestedBackend?: string;
  readonly createdMs: number;
  readonly nowMs: number;
  readonly message: string;
}

function toMethod(value: string | undefined): MethodName | undefined {
  return value !== undefined && (METHODS as readonly string[]).includes(value) ? (value as MethodName) : undefined;
}

export function buildFailureSummary(inputs: FailureSummaryInputs): RunSummary {
  const { progress } = inputs;
  const config = inputs.config ?? progress.start?.config;
  const method = toMethod(config?.method) ?? toMethod(inputs.requestedMethod) ?? 'mmpareto';
  const startedAt = progress.start?.time ?? inputs.processInfo?.startedAt ?? new Date(inputs.createdMs).toISOString();
  const startedMs = Date.parse(startedAt);
  const elapsedMs = Number.isFinite(startedMs) ? Math.max(0, inputs.nowMs - startedMs) : (progress.lastStep?.elapsedMs ?? 0);
  return {
    formatVersion: METRICS_FORMAT_VERSION,
    runId: inputs.runId,
    name: inputs.name,
    status: 'failed',
    method,
    dataset: config?.data?.kind ?? 'unknown',
    backend: progress.start?.backend ?? inputs.requestedBackend ?? 'unknown',
    startedAt,
    endedAt: new Date(inputs.nowMs).toISOString(),
    elapsedMs,
    epochsCompleted: progress.lastEpoch?.epoch ?? 0,
    stepsCompleted: progress.lastStep?.step ?? 0,
    ...(progress.lastEpoch !== undefined ? { finalAccuracy: progress.lastEpoch.testAccuracy } : {}),
    ...(progress.best !== undefined ? { bestAccuracy: progress.best } : {}),
    conflictShare: progress.conflictShare(),
    error: {
      message: inputs.message,
      ...(progress.lastStep !== undefined ? { step: progress.lastStep.step, epoch: progress.lastStep.epoch } : {}),
    },
  };
}

/**
 * Writes summary.json unless the directory already has one (the 'wx' flag makes the check and
 * the write one step, so a summary the trainer wrote at the last moment is never replaced).
 */
export async function writeSummaryIfMissing(directory: string, summary: RunSummary): Promise<'written' | 'exists'> {
  try {
    await writeFile(join(directory, RUN_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    return 'written';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  }
}

/** Builds the failure summary of a run from what the runs model read of it. */
export function failureSummaryOf(entry: RunEntry, message: string, nowMs: number): RunSummary {
  const files = entry.files;
  return buildFailureSummary({
    runId: entry.runId,
    name: entry.toInfo().name,
    ...(files?.config !== undefined ? { config: files.config } : {}),
    progress: entry.progress,
    ...(files?.processInfo !== undefined ? { processInfo: files.processInfo } : {}),
    ...(entry.launch?.method !== undefined ? { requestedMethod: entry.launch.method } : {}),
    ...(entry.launch?.backend !== undefined ? { requestedBackend: entry.launch.backend } : {}),
    createdMs: files?.createdMs ?? entry.launch?.startedMs ?? nowMs,
    nowMs,
    message,
  });
}
