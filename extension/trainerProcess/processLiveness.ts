// Whether a trainer recorded in a run's process.json is still alive.
import { hostname } from 'node:os';
import { HEARTBEAT_STALE_MS } from '../../trainer/contract/runDirectory';
import type { RunProcessInfo } from '../../trainer/contract/records';

/**
 * True for a pid that can name one other process. process.kill treats 0 and negative numbers
 * as process groups (-1 is every process the user may signal), so those must never reach it.
 */
export function isSignalablePid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 1 && pid !== process.pid;
}

/** Checks with signal 0, which tests for existence without delivering anything. */
export function isPidAlive(pid: number): boolean {
  if (!isSignalablePid(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isHeartbeatFresh(info: RunProcessInfo, nowMs: number): boolean {
  const heartbeat = Date.parse(info.heartbeatAt);
  return Number.isFinite(heartbeat) && nowMs - heartbeat <= HEARTBEAT_STALE_MS;
}

export function isSameHost(info: RunProcessInfo, localHostname: string = hostname()): boolean {
  return info.hostname === localHostname;
}

export type Liveness =
  /** Heartbeat fresh and, on this host, the pid exists. */
  | 'alive'
  /** Heartbeat stale, or the pid is gone on this host. */
  | 'dead';

/**
 * Decides whether the trainer of process.json runs. On another host only the heartbeat counts.
 * On this host the pid must exist as well, and a pid reused by another program after a crash
 * does not count once the heartbeat is stale.
 */
export function checkLiveness(info: RunProcessInfo, nowMs: number, localHostname: string = hostname(), pidAlive: (pid: number) => boolean = isPidAlive): Liveness {
  if (!isHeartbeatFresh(info, nowMs)) return 'dead';
  if (!isSameHost(info, localHostname)) return 'alive';
  return pidAlive(info.pid) ? 'alive' : 'dead';
}
