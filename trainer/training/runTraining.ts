// The epoch loop: batches, steps, per-step and per-epoch records, evaluation and the best
// checkpoint. It yields to the event loop after every step, so IPC stop messages, signals and the
// heartbeat timer are handled while it trains.
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../contract/configSchema';
import type { EpochRecord, FinalRunStatus, HeadAccuracies, RunError, StepRecord } from '../contract/records';
import { gatherBatch } from '../data/batches';
import type { LoadedDataset } from '../data/dataset';
import type { GradientMethod } from '../methods/gradientMethod';
import { saveCheckpoint } from '../model/checkpoint';
import type { MultimodalModel } from '../model/multimodalModel';
import type { RunLog } from '../run/runLog';
import type { RunWriter } from '../run/runWriter';
import { SeededRandom } from '../util/seededRandom';
import { learningRateForEpoch, type Optimizer } from './optimizer';
import type { StopSignal } from './stopSignal';
import { NonFiniteLossError, trainStep } from './trainStep';
import { evaluate } from './evaluate';

export interface TrainingContext {
  readonly runId: string;
  readonly config: RunConfig;
  readonly dataset: LoadedDataset;
  readonly model: MultimodalModel;
  readonly method: GradientMethod;
  readonly optimizer: Optimizer;
  readonly writer: RunWriter;
  readonly log: RunLog;
  readonly stop: StopSignal;
  /** Date.now() when the run started, for elapsedMs. */
  readonly startTime: number;
  /** Called after every epoch record, for terminal output. */
  readonly onEpoch?: (record: EpochRecord) => void;
}

export interface TrainingOutcome {
  readonly status: FinalRunStatus;
  readonly epochsCompleted: number;
  readonly stepsCompleted: number;
  readonly finalAccuracy?: HeadAccuracies;
  readonly bestAccuracy?: HeadAccuracies & { readonly epoch: number };
  readonly conflictShare: Record<string, number>;
  readonly error?: RunError;
}

export function stepsPerEpoch(config: RunConfig, trainSize: number): number {
  const full = Math.ceil(trainSize / config.batchSize);
  return config.maxStepsPerEpoch > 0 ? Math.min(full, config.maxStepsPerEpoch) : full;
}

function oneHot(labels: Int32Array, classes: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), 'float32') as tf.Tensor2D);
}

export async function runTraining(context: TrainingContext): Promise<TrainingOutcome> {
  const { config, dataset, model, method, optimizer, writer, log, stop } = context;
  const modalities = model.modalities;
  const steps = stepsPerEpoch(config, dataset.train.size);
  const shuffleRandom = new SeededRandom(config.seed).fork('shuffle');
  const totalConflicts: Record<string, number> = Object.fromEntries(modalities.map((modality) => [modality, 0]));

  let step = 0;
  let epochsCompleted = 0;
  let finalAccuracy: HeadAccuracies | undefined;
  let bestAccuracy: (HeadAccuracies & { epoch: number }) | undefined;
  const outcome = (status: FinalRunStatus, error?: RunError): TrainingOutcome => {
    const conflictShare: Record<string, number> = {};
    for (const modality of modalities) conflictShare[modality] = step > 0 ? totalConflicts[modality]! / step : 0;
    return {
      status,
      epochsCompleted,
      stepsCompleted: step,
      conflictShare,
      ...(finalAccuracy ? { finalAccuracy } : {}),
      ...(bestAccuracy ? { bestAccuracy } : {}),
      ...(error ? { error } : {}),
    };
  };

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const learningRate = learningRateForEpoch(config.optimizer, epoch);
    const order = shuffleRandom.shuffle(Array.from({ length: dataset.train.size }, (_, index) => index));
    const epochConflicts: Record<string, number> = Object.fromEntries(modalities.map((modality) => [modality, 0]));
    let epochLoss = 0;
    let epochSteps = 0;
    let epochSamples = 0;
    const epochStart = Date.now();

    for (let batchIndex = 0; batchIndex < steps; batchIndex++) {
      if (stop.requested) {
        log.info(`run ${context.runId}: stopping after step ${step} (${stop.reason})`);
        return outcome('stopped');
      }
      const indices = order.slice(batchIndex * config.batchSize, (batchIndex + 1) * config.batchSize);
      const batch = gatherBatch(dataset.train, indices);
      const inputs: Record<string, tf.Tensor> = {};
      for (const modality of modalities) {
        const gathered = batch.modalities[modality]!;
        inputs[modality] = tf.tensor(gathered.values, gathered.shape);
      }
      const labels = oneHot(batch.labels, dataset.classes);

      let result;
      try {
        result = trainStep(model, method, optimizer, inputs, labels, learningRate);
      } catch (error) {
        if (error instanceof NonFiniteLossError) {
          log.error(`run ${context.runId}: ${error.message} (epoch ${epoch}, step ${step + 1})`);
          return outcome('failed', { message: error.message, step: step + 1, epoch });
        }
        throw error;
      } finally {
        tf.dispose(inputs);
        labels.dispose();
      }

      step += 1;
      epochSteps += 1;
      epochSamples += indices.length;
      epochLoss += result.losses.total;
      for (const modality of modalities) {
        if (result.encoders[modality]!.conflict) {
          epochConflicts[modality]! += 1;
          totalConflicts[modality]! += 1;
        }
      }
      const record: StepRecord = {
        type: 'step',
        epoch,
        step,
        elapsedMs: Date.now() - context.startTime,
        learningRate,
        losses: result.losses,
        encoders: result.encoders,
      };
      writer.append(record);
      await new Promise((resolve) => setImmediate(resolve));
    }

    const trainingMs = Date.now() - epochStart;
    const testAccuracy = await evaluate(model, dataset.test);
    epochsCompleted = epoch;
    finalAccuracy = testAccuracy;
    const conflictShare: Record<string, number> = {};
    for (const modality of modalities) conflictShare[modality] = epochConflicts[modality]! / Math.max(1, epochSteps);
    const epochRecord: EpochRecord = {
      type: 'epoch',
      epoch,
      step,
      elapsedMs: Date.now() - context.startTime,
      learningRate,
      trainLoss: epochLoss / Math.max(1, epochSteps),
      testAccuracy,
      conflictShare,
      samplesPerSecond: trainingMs > 0 ? (epochSamples * 1000) / trainingMs : 0,
    };
    writer.append(epochRecord);
    context.onEpoch?.(epochRecord);

    if (bestAccuracy === undefined || testAccuracy.fused > bestAccuracy.fused) {
      bestAccuracy = { ...testAccuracy, epoch };
      if (config.checkpoint) {
        saveCheckpoint(model, writer.path('checkpoint'), { runId: context.runId, epoch, step, fusedAccuracy: testAccuracy.fused });
        log.info(`run ${context.runId}: saved checkpoint of epoch ${epoch} (fused accuracy ${testAccuracy.fused.toFixed(4)})`);
      }
    }
  }
  return outcome('completed');
}
