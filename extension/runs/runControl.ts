// Stopping and killing a run's trainer: over IPC for trainers this window started, with a signal
// to the pid of process.json for trainers found on disk on this host.
import type { Logger } from '../common/logger';
import { isSameHost, isSignalablePid } from '../trainerProcess/processLiveness';
import type { RunEntry } from './runEntry';
import type { StopOutcome } from './runsModelEvents';

export interface ControlContext {
  readonly hostname: string;
  /** False in untrusted workspaces, where process.json could name any process. */
  readonly allowSignals: boolean;
  readonly log: Logger;
}

/** Asks the run's trainer to finish its step and stop; marks the entry as stopping when asked. */
export function requestStop(entry: RunEntry, context: ControlContext): StopOutcome {
  if (!entry.isRunning) return { kind: 'not-running', status: entry.derived.status };
  const child = entry.child;
  if (child !== undefined && child.exit === undefined) {
    const delivery = child.stop();
    if (delivery === 'already-exited') return { kind: 'not-running', status: entry.derived.status };
    entry.stopping = true;
    context.log.info(`run ${entry.runId}: stop requested over ${delivery === 'ipc' ? 'IPC' : 'SIGINT'} (pid ${child.pid})`);
    return { kind: 'requested', via: delivery, pid: child.pid };
  }

  const info = entry.files?.processInfo;
  if (info === undefined) return { kind: 'starting' };
  if (!isSameHost(info, context.hostname)) return { kind: 'other-host', hostname: info.hostname };
  if (!context.allowSignals) return { kind: 'signals-disabled' };
  if (!isSignalablePid(info.pid)) return { kind: 'not-running', status: entry.derived.status };
  try {
    // The trainer handles SIGINT like a stop message: it finishes the step and writes its summary.
    // NOTE: on Windows, Node ends the target process at once for SIGINT, so a run found on disk
    // stops without its own summary there and the model writes a failed one.
    process.kill(info.pid, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return { kind: 'not-running', status: entry.derived.status };
    throw error;
  }
  entry.stopping = true;
  context.log.info(`run ${entry.runId}: stop requested with SIGINT (pid ${info.pid})`);
  return { kind: 'requested', via: 'signal', pid: info.pid };
}

/** Ends the run's trainer at once with SIGKILL; returns whether a signal was sent. */
export function killTrainer(entry: RunEntry, context: ControlContext): boolean {
  if (!entry.isRunning) return false;
  if (entry.child !== undefined && entry.child.exit === undefined) {
    context.log.warn(`run ${entry.runId}: killing the trainer (pid ${entry.child.pid}) with SIGKILL`);
    return entry.child.kill('SIGKILL');
  }

  const info = entry.files?.processInfo;
  if (info === undefined || !isSameHost(info, context.hostname) || !context.allowSignals || !isSignalablePid(info.pid)) return false;
  try {
    context.log.warn(`run ${entry.runId}: killing the trainer (pid ${info.pid}) with SIGKILL`);
    process.kill(info.pid, 'SIGKILL');
    return true;
  } catch (error) {
    context.log.warn(`run ${entry.runId}: SIGKILL to pid ${info.pid} failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return false;
  }
}
