// Messages between the trainer and a parent process over Node's IPC channel (child_process.fork
// or spawn with an 'ipc' stdio entry). Both sides validate what they receive with these guards.
import type { MetricsRecord } from './records';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Sent once the run directory exists, before training starts. */
export interface ReadyMessage {
  readonly kind: 'ready';
  readonly runId: string;
  readonly runDirectory: string;
  readonly pid: number;
}

export interface RecordMessage {
  readonly kind: 'record';
  readonly record: MetricsRecord;
}

export interface LogMessage {
  readonly kind: 'log';
  readonly level: LogLevel;
  readonly message: string;
}

export type TrainerToParentMessage = ReadyMessage | RecordMessage | LogMessage;

/** Asks the trainer to finish the current step, write the summary with status stopped and exit. */
export interface StopMessage {
  readonly kind: 'stop';
}

export type ParentToTrainerMessage = StopMessage;

const LOG_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error'];
const RECORD_TYPES: readonly string[] = ['run-start', 'step', 'epoch', 'run-end'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the envelope of a trainer message; record bodies are checked by the reader that uses them. */
export function isTrainerToParentMessage(value: unknown): value is TrainerToParentMessage {
  if (!isObject(value)) return false;
  switch (value['kind']) {
    case 'ready':
      return typeof value['runId'] === 'string' && typeof value['runDirectory'] === 'string' && typeof value['pid'] === 'number';
    case 'record':
      return isObject(value['record']) && RECORD_TYPES.includes(String(value['record']['type']));
    case 'log':
      return LOG_LEVELS.includes(String(value['level'])) && typeof value['message'] === 'string';
    default:
      return false;
  }
}

export function isParentToTrainerMessage(value: unknown): value is ParentToTrainerMessage {
  return isObject(value) && value['kind'] === 'stop';
}
