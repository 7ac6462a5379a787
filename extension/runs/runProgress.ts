// Aggregates of a run's records for the Runs view, the status bar and a failure summary, kept up
// to date as records arrive so metrics.jsonl is read only once.
import type { EpochRecord, HeadAccuracies, MetricsRecord, RunEndRecord, RunStartRecord } from '../../trainer/contract/records';

export interface StepPosition {
  readonly epoch: number;
  readonly step: number;
  readonly elapsedMs: number;
}

export interface BestAccuracy extends HeadAccuracies {
  readonly epoch: number;
}

export class RunProgress {
  start: RunStartRecord | undefined;
  lastStep: StepPosition | undefined;
  lastEpoch: EpochRecord | undefined;
  best: BestAccuracy | undefined;
  end: RunEndRecord | undefined;
  /** Step records seen. */
  steps = 0;
  private readonly conflictSteps = new Map<string, number>();
  private readonly encoderSteps = new Map<string, number>();

  apply(records: readonly MetricsRecord[]): void {
    for (const record of records) {
      switch (record.type) {
        case 'run-start':
          this.start = record;
          break;
        case 'step':
          this.steps += 1;
          this.lastStep = { epoch: record.epoch, step: record.step, elapsedMs: typeof record.elapsedMs === 'number' ? record.elapsedMs : 0 };
          for (const [name, metrics] of Object.entries(record.encoders)) {
            this.encoderSteps.set(name, (this.encoderSteps.get(name) ?? 0) + 1);
            if (metrics.conflict) {
              this.conflictSteps.set(name, (this.conflictSteps.get(name) ?? 0) + 1);
            }
          }
          break;
        case 'epoch': {
          this.lastEpoch = record;
          const fused = record.testAccuracy.fused;
          if (typeof fused === 'number' && (this.best === undefined || fused > this.best.fused)) {
            this.best = { ...record.testAccuracy, epoch: record.epoch };
          }
          break;
        }
        case 'run-end':
          this.end = record;
          break;
      }
    }
  }

  /** Share of steps on which each encoder's gradients conflicted, 0..1, over the steps seen. */
  conflictShare(): Record<string, number> {
    const shares: Record<string, number> = {};
    for (const [name, count] of this.encoderSteps) {
      shares[name] = count === 0 ? 0 : (this.conflictSteps.get(name) ?? 0) / count;
    }
    return shares;
  }

  reset(): void {
    this.start = undefined;
    this.lastStep = undefined;
    this.lastEpoch = undefined;
    this.best = undefined;
    this.end = undefined;
    this.steps = 0;
    this.conflictSteps.clear();
    this.encoderSteps.clear();
  }
}
