// Creates and fills a run directory: config.json, metrics.jsonl (appended and flushed record by
// record), process.json (heartbeat while running) and summary.json (once, at the end). Every
// record also goes to the listeners, such as the IPC channel to a parent process.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { MetricsRecord, RunConfigFile, RunProcessInfo, RunSummary } from '../contract/records';
import { HEARTBEAT_INTERVAL_MS, RUN_FILES } from '../contract/runDirectory';
import { writeFileAtomic } from './atomicWrite';

export type RecordListener = (record: MetricsRecord) => void;

export class RunWriter {
  private readonly metricsFd: number;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly listeners: RecordListener[] = [];
  private readonly startedAt = new Date().toISOString();
  private closed = false;

  /** Creates the directory; fails if it already exists, so a run never overwrites another. */
  constructor(readonly directory: string) {
    if (existsSync(directory)) {
      throw new Error(`Run directory ${directory} already exists; choose another --run-id.`);
    }
    mkdirSync(directory, { recursive: true });
    this.metricsFd = openSync(join(directory, RUN_FILES.metrics), 'a');
    this.writeHeartbeat();
    this.heartbeat = setInterval(() => this.writeHeartbeat(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  path(file: keyof typeof RUN_FILES): string {
    return join(this.directory, RUN_FILES[file]);
  }

  onRecord(listener: RecordListener): void {
    this.listeners.push(listener);
  }

  writeConfig(config: RunConfigFile, sourceText: string | undefined): void {
    writeFileAtomic(this.path('config'), `${JSON.stringify(config, null, 2)}\n`);
    if (sourceText !== undefined) {
      writeFileSync(this.path('sourceConfig'), sourceText);
    }
  }

  /** Appends one record as a JSON line; the write reaches the file before this returns. */
  append(record: MetricsRecord): void {
    writeSync(this.metricsFd, `${JSON.stringify(record)}\n`);
    for (const listener of this.listeners) listener(record);
  }

  /** Writes summary.json, stops the heartbeat and removes process.json. Idempotent. */
  finish(summary: RunSummary): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    fsyncSync(this.metricsFd);
    closeSync(this.metricsFd);
    writeFileAtomic(this.path('summary'), `${JSON.stringify(summary, null, 2)}\n`);
    rmSync(this.path('process'), { force: true });
  }

  private writeHeartbeat(): void {
    const info: RunProcessInfo = { pid: process.pid, hostname: hostname(), startedAt: this.startedAt, heartbeatAt: new Date().toISOString() };
    try {
      writeFileAtomic(this.path('process'), `${JSON.stringify(info)}\n`);
    } catch {
      // A deleted run directory stops the heartbeat files; training itself goes on.
    }
  }
}
