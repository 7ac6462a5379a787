// The status of a run found on disk, worked out from its files and its trainer's liveness.
import type { RunEndRecord, RunProcessInfo, RunStatus, RunSummary } from '../../trainer/contract/records';
import { HEARTBEAT_STALE_MS } from '../../trainer/contract/runDirectory';
import { checkLiveness, isSameHost } from '../trainerProcess/processLiveness';

export const ENDED_WITHOUT_SUMMARY = 'trainer process ended without a summary';

/** Means by which the extension can stop a running run. */
export type RunControl =
  /** A trainer this window started: stop over IPC. */
  | 'child'
  /** A trainer on this host found through process.json: stop with SIGINT to its pid. */
  | 'signal'
  /** A trainer on another host: it can only be watched. */
  | 'none';

export interface DerivedStatus {
  readonly status: RunStatus;
  /** Reason a run without a summary counts as failed, or 'starting' for a run that is still starting. */
  readonly detail?: string;
  readonly control: RunControl;
  /** The directory has no process.json yet but is young enough that its trainer may be starting. */
  readonly starting: boolean;
}

export interface StatusInputs {
  readonly summary?: RunSummary;
  readonly processInfo?: RunProcessInfo;
  /** A run-end record of metrics.jsonl, used when summary.json is missing. */
  readonly endRecord?: RunEndRecord;
  readonly createdMs: number;
  readonly nowMs: number;
  readonly hostname: string;
  readonly pidAlive: (pid: number) => boolean;
}

/**
 * summary.json decides when present. Without it, a run is running while process.json has a fresh
 * heartbeat and (on this host) a live pid, or while the directory is younger than the heartbeat
 * timeout and process.json has not appeared yet. Otherwise it ended without a summary: the
 * run-end record gives the status when the trainer got that far, else it failed.
 */
export function deriveStatus(inputs: StatusInputs): DerivedStatus {
  if (inputs.summary !== undefined) {
    return { status: inputs.summary.status, control: 'none', starting: false };
  }
  if (inputs.processInfo !== undefined) {
    if (checkLiveness(inputs.processInfo, inputs.nowMs, inputs.hostname, inputs.pidAlive) === 'alive') {
      return { status: 'running', control: isSameHost(inputs.processInfo, inputs.hostname) ? 'signal' : 'none', starting: false };
    }
  } else if (inputs.nowMs - inputs.createdMs < HEARTBEAT_STALE_MS) {
    return { status: 'running', detail: 'starting', control: 'none', starting: true };
  }
  if (inputs.endRecord !== undefined) {
    return { status: inputs.endRecord.status, detail: 'summary.json is missing; status from the run-end record', control: 'none', starting: false };
  }
  return { status: 'failed', detail: ENDED_WITHOUT_SUMMARY, control: 'none', starting: false };
}
