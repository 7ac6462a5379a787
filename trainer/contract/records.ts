// Records of a run's metrics.jsonl, one JSON object a line, appended and flushed as the run goes.
// The same records travel to a parent process over IPC (see ipcMessages.ts).
import type { MethodName, RunConfig } from './configSchema';

export const METRICS_FORMAT_VERSION = 1;

/** Per-encoder gradient metrics of one training step. Norms and inner products are over all encoder parameters. */
export interface EncoderStepMetrics {
  /** Cosine similarity between the multimodal and the unimodal gradient; 0 when either is zero. */
  readonly cosine: number;
  readonly normMultimodal: number;
  readonly normUnimodal: number;
  /** Weight of the multimodal gradient in the combination (the two weights sum to 1). */
  readonly weightMultimodal: number;
  readonly weightUnimodal: number;
  /** True when cosine <= 0. */
  readonly conflict: boolean;
  /**
   * Effective factor of the magnitude rule: ||update|| / (gamma * ||combined||), where combined is
   * 2 * (weightMultimodal * g_mm + weightUnimodal * g_uni). 1 when no enlargement happened (and for
   * the baselines); under the per-tensor rule, a norm-weighted blend of the per-tensor factors.
   */
  readonly rescale: number;
  /** Norm of the update the optimizer received for this encoder. */
  readonly updateNorm: number;
  /** Inner product of that update with the multimodal gradient; >= 0 means it does not ascend the multimodal loss. */
  readonly updateDotMultimodal: number;
  readonly updateDotUnimodal: number;
}

export interface StepLosses {
  readonly multimodal: number;
  /** Unimodal loss per modality name. */
  readonly unimodal: Readonly<Record<string, number>>;
  /** Multimodal plus all unimodal losses. */
  readonly total: number;
}

export interface RunStartRecord {
  readonly type: 'run-start';
  readonly formatVersion: number;
  readonly runId: string;
  /** ISO 8601 time. */
  readonly time: string;
  readonly pid: number;
  /** TensorFlow.js backend in use: tensorflow (native, CPU or CUDA), wasm or cpu. */
  readonly backend: string;
  readonly backendDetail: string;
  readonly modalities: readonly string[];
  readonly classes: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly parameterCount: number;
  readonly config: RunConfig;
}

export interface StepRecord {
  readonly type: 'step';
  /** 1-based epoch. */
  readonly epoch: number;
  /** 1-based step counted over the whole run. */
  readonly step: number;
  readonly elapsedMs: number;
  readonly learningRate: number;
  readonly losses: StepLosses;
  /** Gradient metrics per modality name; empty for the joint method's encoders when unimodal losses do not reach them. */
  readonly encoders: Readonly<Record<string, EncoderStepMetrics>>;
}

export interface HeadAccuracies {
  /** Accuracy of the fusion head, 0..1. */
  readonly fused: number;
  /** Accuracy of each unimodal head, by modality name. */
  readonly unimodal: Readonly<Record<string, number>>;
}

export interface EpochRecord {
  readonly type: 'epoch';
  readonly epoch: number;
  readonly step: number;
  readonly elapsedMs: number;
  readonly learningRate: number;
  /** Mean total training loss over the epoch's steps. */
  readonly trainLoss: number;
  readonly testAccuracy: HeadAccuracies;
  /** Share of the epoch's steps on which each encoder's gradients conflicted, 0..1. */
  readonly conflictShare: Readonly<Record<string, number>>;
  readonly samplesPerSecond: number;
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed';
export type FinalRunStatus = Exclude<RunStatus, 'running'>;

export interface RunError {
  readonly message: string;
  /** Step and epoch at which it happened, when it happened during training. */
  readonly step?: number;
  readonly epoch?: number;
}

export interface RunEndRecord {
  readonly type: 'run-end';
  readonly time: string;
  readonly status: FinalRunStatus;
  readonly elapsedMs: number;
  readonly error?: RunError;
}

export type MetricsRecord = RunStartRecord | StepRecord | EpochRecord | RunEndRecord;

/** summary.json: written when the run ends, whatever the outcome. */
export interface RunSummary {
  readonly formatVersion: number;
  readonly runId: string;
  readonly name: string;
  readonly status: FinalRunStatus;
  readonly method: MethodName;
  readonly dataset: string;
  readonly backend: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly elapsedMs: number;
  readonly epochsCompleted: number;
  readonly stepsCompleted: number;
  /** Accuracies after the last completed epoch; absent when no epoch completed. */
  readonly finalAccuracy?: HeadAccuracies;
  /** Accuracies of the epoch with the best fused accuracy. */
  readonly bestAccuracy?: HeadAccuracies & { readonly epoch: number };
  /** Share of all steps on which each encoder's gradients conflicted. */
  readonly conflictShare: Readonly<Record<string, number>>;
  readonly error?: RunError;
}

/** process.json: present while a trainer runs; heartbeatAt is refreshed every HEARTBEAT_INTERVAL_MS. */
export interface RunProcessInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  readonly heartbeatAt: string;
}

/** Facts about how a run was started, stored under `runtime` in config.json next to the resolved config. */
export interface RunRuntimeInfo {
  readonly runId: string;
  readonly createdAt: string;
  /** Absolute path of the config file the run was started from; absent for templates and flags only. */
  readonly sourceConfigPath?: string;
  /** Backend the config asked for (often auto); the config's own backend field is the one taken. */
  readonly backendRequested: string;
  readonly backendDetail: string;
  readonly versions: { readonly node: string; readonly tfjsCore: string; readonly trainer: string };
  readonly hostname: string;
}

/** config.json: the resolved config with every default filled in, plus how the run was started. */
export type RunConfigFile = RunConfig & { readonly runtime: RunRuntimeInfo };
