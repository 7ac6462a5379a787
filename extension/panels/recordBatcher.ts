// Collects appended records per run and hands them on in one batch per run every interval, so a
// fast trainer costs a panel about ten messages a second instead of one per record.
import type { MetricsRecord } from '../../trainer/contract/records';

export interface BatchTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: BatchTimers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const RECORD_BATCH_INTERVAL_MS = 100;

export class RecordBatcher {
  private readonly pending = new Map<string, MetricsRecord[]>();
  private timer: unknown;
  private disposed = false;

  constructor(
    private readonly deliver: (runId: string, records: MetricsRecord[]) => void,
    private readonly intervalMs = RECORD_BATCH_INTERVAL_MS,
    private readonly timers: BatchTimers = nodeTimers,
  ) {}

  add(runId: string, records: readonly MetricsRecord[]): void {
    if (this.disposed || records.length === 0) return;
    let batch = this.pending.get(runId);
    if (batch === undefined) {
      batch = [];
      this.pending.set(runId, batch);
    }
    batch.push(...records);
    this.timer ??= this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }

  /** Delivers every pending batch now. */
  flush(): void {
    const batches = [...this.pending];
    this.pending.clear();
    this.cancelTimer();
    for (const [runId, records] of batches) this.deliver(runId, records);
  }

  /** Delivers one run's pending batch now, e.g. before a status message that must follow it. */
  flushRun(runId: string): void {
    const records = this.pending.get(runId);
    if (records === undefined) return;
    this.pending.delete(runId);
    if (this.pending.size === 0) this.cancelTimer();
    this.deliver(runId, records);
  }

  /** Drops pending records without delivering them. */
  clear(): void {
    this.pending.clear();
    this.cancelTimer();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
