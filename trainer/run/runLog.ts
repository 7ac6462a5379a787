// The run's trainer.log, one timestamped line per event, mirrored to the terminal and to a parent
// process over IPC when one is attached.
import { appendFileSync } from 'node:fs';
import type { LogLevel } from '../contract/ipcMessages';

export type LogSink = (level: LogLevel, message: string) => void;

export class RunLog {
  private readonly sinks: LogSink[] = [];
  private file: string | undefined;

  /** Starts writing to the run's log file; lines logged before this are written first. */
  attachFile(path: string, earlierLines: readonly string[] = []): void {
    this.file = path;
    for (const line of earlierLines) appendFileSync(path, line);
  }

  addSink(sink: LogSink): void {
    this.sinks.push(sink);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string): void {
    this.write('error', message);
  }

  debug(message: string): void {
    this.write('debug', message);
  }

  private write(level: LogLevel, message: string): void {
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}\n`;
    if (this.file !== undefined) {
      try {
        appendFileSync(this.file, line);
      } catch {
        // The run directory may have been deleted under a running trainer; the other sinks still get the line.
      }
    }
    for (const sink of this.sinks) sink(level, message);
  }
}
