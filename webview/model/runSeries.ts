// Turns a run's metrics records into chart series. No DOM: the dashboard, the compare view and
// the unit tests share it. Series are append-only arrays of {x, y} points sorted by x, the
// shape Chart.js reads directly with parsing: false, so a redraw never copies them.
import type {
  EncoderStepMetrics,
  EpochRecord,
  MetricsRecord,
  RunEndRecord,
  RunStartRecord,
  StepRecord,
} from '../../trainer/contract/records';
import { isCommonDescent } from './commonDescent';

/** A chart point: x is a step or an epoch number. */
export interface XYPoint {
  readonly x: number;
  readonly y: number;
}

/** Step and epoch series of one encoder. Step series use the run's 1-based step as x. */
export interface EncoderSeries {
  readonly name: string;
  readonly cosine: XYPoint[];
  /** Cosine of the steps whose gradients conflicted (cosine <= 0), drawn as markers. */
  readonly conflicts: XYPoint[];
  /** Only positive norms, because the norm charts use a logarithmic axis. */
  readonly normMultimodal: XYPoint[];
  readonly normUnimodal: XYPoint[];
  readonly weightMultimodal: XYPoint[];
  readonly weightUnimodal: XYPoint[];
  readonly rescale: XYPoint[];
  readonly updateDotMultimodal: XYPoint[];
  readonly updateDotUnimodal: XYPoint[];
  /** Share of the epoch's steps that conflicted, 0..1, by epoch. The running epoch's point changes as steps arrive. */
  readonly conflictShare: XYPoint[];
  /** Share of the epoch's steps whose update was a common descent direction, 0..1, by epoch. */
  readonly descentShare: XYPoint[];
}

/** Running totals of one encoder over the whole run. */
export interface EncoderTotals {
  readonly steps: number;
  readonly conflictSteps: number;
  readonly descentSteps: number;
  readonly latest?: EncoderStepMetrics;
}

interface EpochTally {
  epoch: number;
  steps: number;
  conflicts: number;
  descents: number;
  /** Set once the epoch record has given the trainer's own conflict share. */
  closed: boolean;
}

interface EncoderState {
  readonly series: EncoderSeries;
  totals: { steps: number; conflictSteps: number; descentSteps: number; latest?: EncoderStepMetrics };
  tally?: EpochTally;
}

function emptyEncoderSeries(name: string): EncoderSeries {
  return {
    name,
    cosine: [],
    conflicts: [],
    normMultimodal: [],
    normUnimodal: [],
    weightMultimodal: [],
    weightUnimodal: [],
    rescale: [],
    updateDotMultimodal: [],
    updateDotUnimodal: [],
    conflictShare: [],
    descentShare: [],
  };
}

const arrayPush = Array.prototype.push;

/**
 * Appends a point without notifying Chart.js. Chart.js 4.6 replaces push on the data arrays it
 * draws. With parsing: false its replacement updates the line's elements at once and loops over
 * every point, so n appends would cost O(n^2). The next chart.update syncs new points in one pass.
 */
function appendPoint(series: XYPoint[], x: number, y: number): void {
  arrayPush.call(series, { x, y });
}

/** Replaces the last point when it has this x, else appends one; keeps the series sorted. */
function setPointAt(series: XYPoint[], x: number, y: number): void {
  const last = series[series.length - 1];
  if (last !== undefined && last.x === x) {
    series[series.length - 1] = { x, y };
  } else if (last === undefined || last.x < x) {
    appendPoint(series, x, y);
  }
}

function mapSeries(map: Map<string, XYPoint[]>, key: string): XYPoint[] {
  let series = map.get(key);
  if (series === undefined) {
    series = [];
    map.set(key, series);
  }
  return series;
}

/**
 * Accumulates one run's records, which are expected in file order. A step or epoch that is not
 * newer than the last one seen is skipped. So a batch that overlaps a snapshot, which the host
 * may send after a reload, adds nothing twice, and every series stays sorted by x.
 */
export class RunSeriesBuilder {
  runStart?: RunStartRecord;
  runEnd?: RunEndRecord;
  lastStep?: StepRecord;
  lastEpoch?: EpochRecord;
  readonly epochs: EpochRecord[] = [];
  stepCount = 0;
  /** Records skipped because they repeated or went back in time. */
  skippedRecords = 0;

  readonly lossMultimodal: XYPoint[] = [];
  readonly lossTotal: XYPoint[] = [];
  readonly lossUnimodal = new Map<string, XYPoint[]>();
  readonly accuracyFused: XYPoint[] = [];
  readonly accuracyUnimodal = new Map<string, XYPoint[]>();

  private readonly encoderStates = new Map<string, EncoderState>();

  /** Appends records; returns true when the set of encoders grew, so views can add their charts. */
  append(records: readonly MetricsRecord[]): boolean {
    const encodersBefore = this.encoderStates.size;
    for (const record of records) {
      switch (record.type) {
        case 'run-start':
          this.addRunStart(record);
          break;
        case 'step':
          this.addStep(record);
          break;
        case 'epoch':
          this.addEpoch(record);
          break;
        case 'run-end':
          this.runEnd = record;
          break;
      }
    }
    return this.encoderStates.size !== encodersBefore;
  }

  /** Encoder names: the run's modalities first, in their configured order, then any others seen. */
  get encoderNames(): string[] {
    return [...this.encoderStates.keys()];
  }

  encoder(name: string): EncoderSeries | undefined {
    return this.encoderStates.get(name)?.series;
  }

  encoderTotals(name: string): EncoderTotals | undefined {
    const state = this.encoderStates.get(name);
    return state === undefined ? undefined : { ...state.totals };
  }

  /** Modality names of the unimodal heads, in the order their losses or accuracies first appeared. */
  get modalityNames(): string[] {
    const names = new Set<string>(this.runStart?.modalities ?? []);
    for (const name of this.lossUnimodal.keys()) names.add(name);
    for (const name of this.accuracyUnimodal.keys()) names.add(name);
    return [...names];
  }

  private addRunStart(record: RunStartRecord): void {
    if (this.runStart !== undefined) {
      this.skippedRecords += 1;
      return;
    }
    this.runStart = record;
    for (const modality of record.modalities) this.ensureEncoder(modality);
  }

  private ensureEncoder(name: string): EncoderState {
    let state = this.encoderStates.get(name);
    if (state === undefined) {
      state = { series: emptyEncoderSeries(name), totals: { steps: 0, conflictSteps: 0, descentSteps: 0 } };
      this.encoderStates.set(name, state);
    }
    return state;
  }

  private addStep(record: StepRecord): void {
    if (this.lastStep !== undefined && record.step <= this.lastStep.step) {
      this.skippedRecords += 1;
      return;
    }
    this.lastStep = record;
    this.stepCount += 1;
    const x = record.step;

    appendPoint(this.lossMultimodal, x, record.losses.multimodal);
    appendPoint(this.lossTotal, x, record.losses.total);
    for (const [modality, loss] of Object.entries(record.losses.unimodal)) {
      appendPoint(mapSeries(this.lossUnimodal, modality), x, loss);
    }

    for (const [name, metrics] of Object.entries(record.encoders)) {
      this.addEncoderStep(this.ensureEncoder(name), record.epoch, x, metrics);
    }
  }

  private addEncoderStep(state: EncoderState, epoch: number, x: number, metrics: EncoderStepMetrics): void {
    const { series, totals } = state;
    appendPoint(series.cosine, x, metrics.cosine);
    if (metrics.conflict) appendPoint(series.conflicts, x, metrics.cosine);
    if (metrics.normMultimodal > 0) appendPoint(series.normMultimodal, x, metrics.normMultimodal);
    if (metrics.normUnimodal > 0) appendPoint(series.normUnimodal, x, metrics.normUnimodal);
    appendPoint(series.weightMultimodal, x, metrics.weightMultimodal);
    appendPoint(series.weightUnimodal, x, metrics.weightUnimodal);
    appendPoint(series.rescale, x, metrics.rescale);
    appendPoint(series.updateDotMultimodal, x, metrics.updateDotMultimodal);
    appendPoint(series.updateDotUnimodal, x, metrics.updateDotUnimodal);

    const descent = isCommonDescent(metrics);
    totals.steps += 1;
    if (metrics.conflict) totals.conflictSteps += 1;
    if (descent) totals.descentSteps += 1;
    totals.latest = metrics;

    if (state.tally === undefined || state.tally.epoch !== epoch) {
      state.tally = { epoch, steps: 0, conflicts: 0, descents: 0, closed: false };
    }
    const tally = state.tally;
    tally.steps += 1;
    if (metrics.conflict) tally.conflicts += 1;
    if (descent) tally.descents += 1;
    if (!tally.closed) setPointAt(series.conflictShare, epoch, tally.conflicts / tally.steps);
    setPointAt(series.descentShare, epoch, tally.descents / tally.steps);
  }

  private addEpoch(record: EpochRecord): void {
    if (this.lastEpoch !== undefined && record.epoch <= this.lastEpoch.epoch) {
      this.skippedRecords += 1;
      return;
    }
    this.lastEpoch = record;
    this.epochs.push(record);
    const x = record.epoch;

    appendPoint(this.accuracyFused, x, record.testAccuracy.fused);
    for (const [modality, accuracy] of Object.entries(record.testAccuracy.unimodal)) {
      appendPoint(mapSeries(this.accuracyUnimodal, modality), x, accuracy);
    }

    // The trainer's share is authoritative: it counts the epoch's steps even when some of their
    // records were lost, which the running tally cannot see.
    for (const [name, share] of Object.entries(record.conflictShare)) {
      const state = this.ensureEncoder(name);
      setPointAt(state.series.conflictShare, x, share);
      if (state.tally?.epoch === x) state.tally.closed = true;
    }
  }
}
