// Events and results of the runs model.
import type { MetricsRecord, RunStatus, RunSummary } from '../../trainer/contract/records';
import type { TrainerExit } from '../trainerProcess/trainerProcess';

export interface RecordsAppended {
  readonly runId: string;
  readonly records: readonly MetricsRecord[];
}

export interface StatusChanged {
  readonly runId: string;
  readonly status: RunStatus;
  readonly previous: RunStatus;
  readonly summary?: RunSummary;
}

export interface StartFailed {
  readonly runId: string;
  readonly exit: TrainerExit;
}

export type StopOutcome =
  | { readonly kind: 'requested'; readonly via: 'ipc' | 'signal'; readonly pid: number }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-running'; readonly status: RunStatus }
  | { readonly kind: 'starting' }
  | { readonly kind: 'other-host'; readonly hostname: string }
  | { readonly kind: 'signals-disabled' };
