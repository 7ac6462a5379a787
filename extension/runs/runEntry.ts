// Mutable state the runs model keeps per run, and its conversion to the read-only RunInfo.
import { join } from 'node:path';
import type { RunSummary } from '../../trainer/contract/records';
import { RUN_FILES } from '../../trainer/contract/runDirectory';
import type { TrainerProcess } from '../trainerProcess/trainerProcess';
import { MetricsTail } from './metricsTail';
import type { RunFolderFiles } from './runFolderReader';
import type { RunInfo } from './runInfo';
import { RunProgress } from './runProgress';
import type { DerivedStatus } from './runStatus';

/** Details the launcher knew when it started a run this window owns. */
export interface LaunchDetails {
  readonly name?: string;
  readonly method?: string;
  readonly dataset?: string;
  readonly backend?: string;
  readonly startedMs: number;
}

export class RunEntry {
  files: RunFolderFiles | undefined;
  readonly progress = new RunProgress();
  readonly tail: MetricsTail;
  derived: DerivedStatus;
  child: TrainerProcess | undefined;
  launch: LaunchDetails | undefined;
  stopping = false;
  /** metrics.jsonl has been read into progress at least once. */
  metricsRead = false;
  /** A follow step is queued or running, so timer ticks and pokes do not pile up. */
  followQueued = false;
  removed = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Warnings already logged, so a corrupt file is reported once. */
  readonly loggedWarnings = new Set<string>();

  constructor(
    readonly runId: string,
    readonly folder: string,
    readonly directory: string,
    derived: DerivedStatus,
  ) {
    this.tail = new MetricsTail(join(directory, RUN_FILES.metrics));
    this.derived = derived;
  }

  /** Runs tasks on this run one at a time, in order; a failed task does not block the next. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  get isRunning(): boolean {
    return this.derived.status === 'running';
  }

  get summary(): RunSummary | undefined {
    return this.files?.summary;
  }

  toInfo(): RunInfo {
    const files = this.files;
    const summary = files?.summary;
    const config = files?.config ?? this.progress.start?.config;
    const method = config?.method ?? summary?.method ?? this.launch?.method;
    const dataset = config?.data?.kind ?? summary?.dataset ?? this.launch?.dataset;
    const name = config?.name ?? summary?.name ?? this.launch?.name ?? (method !== undefined && dataset !== undefined ? `${method} on ${dataset}` : this.runId);
    const startText = this.progress.start?.time ?? summary?.startedAt ?? files?.processInfo?.startedAt;
    const startParsed = startText === undefined ? Number.NaN : Date.parse(startText);
    const startedMs = Number.isFinite(startParsed) ? startParsed : (files?.createdMs ?? this.launch?.startedMs ?? 0);
    const pid = this.child?.pid ?? files?.processInfo?.pid ?? this.progress.start?.pid;
    const epochs = config?.epochs;
    const bestAccuracy = summary?.bestAccuracy ?? this.progress.best;
    const progressShare = this.progress.conflictShare();
    const errorMessage = summary?.error?.message ?? this.progress.end?.error?.message;
    const elapsedMs = summary?.elapsedMs ?? this.progress.lastStep?.elapsedMs;
    const backend = summary?.backend ?? this.progress.start?.backend ?? this.launch?.backend;
    const epoch = this.progress.lastStep?.epoch ?? summary?.epochsCompleted;
    const step = this.progress.lastStep?.step ?? summary?.stepsCompleted;
    const runtime = files?.configObject?.['runtime'];
    const sourcePath = typeof runtime === 'object' && runtime !== null ? (runtime as Record<string, unknown>)['sourceConfigPath'] : undefined;
    return {
      runId: this.runId,
      folder: this.folder,
      directory: this.directory,
      name,
      status: this.derived.status,
      ...(this.derived.detail !== undefined ? { statusDetail: this.derived.detail } : {}),
      control: this.derived.control,
      stopping: this.stopping && this.isRunning,
      ...(config !== undefined ? { config } : {}),
      ...(typeof sourcePath === 'string' ? { sourceConfigPath: sourcePath } : {}),
      ...(summary !== undefined ? { summary } : {}),
      ...(files?.processInfo !== undefined ? { processInfo: files.processInfo } : {}),
      ...(pid !== undefined ? { pid } : {}),
      ...(method !== undefined ? { method } : {}),
      ...(dataset !== undefined ? { dataset } : {}),
      ...(backend !== undefined ? { backend } : {}),
      startedMs,
      ...(summary?.endedAt !== undefined ? { endedAt: summary.endedAt } : {}),
      ...(elapsedMs !== undefined ? { elapsedMs } : {}),
      ...(epoch !== undefined ? { epoch } : {}),
      ...(epochs !== undefined ? { epochs } : {}),
      ...(step !== undefined ? { step } : {}),
      ...(this.progress.start?.totalSteps !== undefined ? { totalSteps: this.progress.start.totalSteps } : {}),
      ...(bestAccuracy !== undefined ? { bestAccuracy } : {}),
      conflictShare: summary?.conflictShare ?? progressShare,
      ...(errorMessage !== undefined ? { errorMessage } : {}),
      warnings: files?.warnings ?? [],
    };
  }
}
