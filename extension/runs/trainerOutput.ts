// Copies what a trainer this window started reports (IPC log messages, output lines, rejected
// messages, process errors) to the extension's log, each line naming the run.
import { describeError, type Logger } from '../common/logger';
import type { TrainerProcess } from '../trainerProcess/trainerProcess';

/**
 * Copies the trainer's own log lines to the extension's log: info and below at debug level,
 * because trainer.log keeps them all, warnings and errors at their level. Rejected IPC
 * messages are logged once per reason.
 */
export function forwardTrainerOutput(runId: string, child: TrainerProcess, log: Logger): void {
  const rejectedReasons = new Set<string>();
  child.onDidReceiveLog((message) => {
    const line = `run ${runId} trainer: ${message.message}`;
    if (message.level === 'error') log.error(line);
    else if (message.level === 'warn') log.warn(line);
    else log.debug(line);
  });
  child.onDidWriteOutput(({ stream, line }) => {
    if (line.trim() !== '') log.debug(`run ${runId} ${stream}: ${line}`);
  });
  child.onDidRejectMessage(({ reason, preview }) => {
    if (rejectedReasons.has(reason)) return;
    rejectedReasons.add(reason);
    log.warn(`run ${runId}: ignored an invalid IPC message from the trainer (pid ${child.pid}): ${reason}: ${preview}`);
  });
  child.onDidFail((error) => log.warn(`run ${runId}: trainer process (pid ${child.pid}) reported an error: ${describeError(error)}`));
}
