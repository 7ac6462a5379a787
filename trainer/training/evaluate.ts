// Test accuracy of the fusion head and of every unimodal head, in inference mode.
import * as tf from '@tensorflow/tfjs-core';
import type { HeadAccuracies } from '../contract/records';
import { gatherBatch } from '../data/batches';
import type { DatasetSplit } from '../data/dataset';
import type { MultimodalModel } from '../model/multimodalModel';

const EVALUATION_BATCH_SIZE = 256;

function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): number {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'int32')).dataSync()[0]!);
}

/** Evaluates in batches, yielding to the event loop between batches so stop requests and heartbeats get through. */
export async function evaluate(model: MultimodalModel, split: DatasetSplit): Promise<HeadAccuracies> {
  let fusedCorrect = 0;
  const unimodalCorrect: Record<string, number> = Object.fromEntries(model.modalities.map((modality) => [modality, 0]));

  for (let start = 0; start < split.size; start += EVALUATION_BATCH_SIZE) {
    const end = Math.min(split.size, start + EVALUATION_BATCH_SIZE);
    const indices = Int32Array.from({ length: end - start }, (_, offset) => start + offset);
    const batch = gatherBatch(split, indices);
    tf.tidy(() => {
      const inputs: Record<string, tf.Tensor> = {};
      for (const modality of model.modalities) {
        const gathered = batch.modalities[modality]!;
        inputs[modality] = tf.tensor(gathered.values, gathered.shape);
      }
      const labels = tf.tensor1d(batch.labels, 'int32');
      const outputs = model.forward(inputs, false);
      fusedCorrect += countCorrect(outputs.fusedLogits, labels);
      for (const modality of model.modalities) {
        unimodalCorrect[modality]! += countCorrect(outputs.unimodalLogits[modality]!, labels);
      }
    });
    await new Promise((resolve) => setImmediate(resolve));
  }

  const unimodal: Record<string, number> = {};
  for (const modality of model.modalities) unimodal[modality] = unimodalCorrect[modality]! / split.size;
  return { fused: fusedCorrect / split.size, unimodal };
}
