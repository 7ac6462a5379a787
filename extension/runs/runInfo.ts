// The read-only view of one run that the tree, the status bar, pickers and commands use.
import type { RunConfig } from '../../trainer/contract/configSchema';
import type { RunProcessInfo, RunStatus, RunSummary } from '../../trainer/contract/records';
import type { BestAccuracy } from './runProgress';
import type { RunControl } from './runStatus';

export interface RunInfo {
  readonly runId: string;
  /** Workspace folder whose .mmpareto/runs/ contains the run. */
  readonly folder: string;
  readonly directory: string;
  readonly name: string;
  readonly status: RunStatus;
  /** Reason for the status when the files alone do not give it: starting, or ended without a summary. */
  readonly statusDetail?: string;
  readonly control: RunControl;
  /** A stop was requested and the trainer has not ended yet. */
  readonly stopping: boolean;
  readonly config?: RunConfig;
  /** Absolute path of the config file the run was started from (config.json's runtime.sourceConfigPath). */
  readonly sourceConfigPath?: string;
  readonly summary?: RunSummary;
  readonly processInfo?: RunProcessInfo;
  readonly pid?: number;
  readonly method?: string;
  readonly dataset?: string;
  readonly backend?: string;
  /** Start time in ms since the epoch; the directory's creation time when no file records one. */
  readonly startedMs: number;
  readonly endedAt?: string;
  readonly elapsedMs?: number;
  /** Epoch of the last step record, 1-based. */
  readonly epoch?: number;
  readonly epochs?: number;
  /** Last step, counted over the whole run. */
  readonly step?: number;
  readonly totalSteps?: number;
  readonly bestAccuracy?: BestAccuracy;
  /** Share of conflicting steps per encoder, 0..1: the summary's, else over the steps read so far. */
  readonly conflictShare: Readonly<Record<string, number>>;
  readonly errorMessage?: string;
  /** Problems with the run's files, each naming the file. */
  readonly warnings: readonly string[];
}
