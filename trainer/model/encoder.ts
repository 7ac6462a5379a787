// Interface between a modality encoder and the multimodal model.
import type * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from './parameterSet';

export interface Encoder {
  /** Size of the feature vector apply() returns per sample. */
  readonly featureDim: number;
  /** Trainable parameters, in creation order. */
  readonly parameters: readonly NamedVariable[];
  /** Every variable: the trainable parameters and any running statistics. */
  readonly state: readonly NamedVariable[];
  /** Maps a batch [N, ...perSampleShape] to features [N, featureDim]. */
  apply(input: tf.Tensor, training: boolean): tf.Tensor2D;
  /** Applies the running-statistic updates of the last training apply(); no-op without batch norm. */
  commitBatchNormStatistics(): void;
  /** Releases uncommitted batch statistics. The variables belong to the model, which disposes them. */
  dispose(): void;
}

/** Returns [H, W, C] from a per-sample shape, or throws an error naming the modality and the encoder. */
export function imageShape(modality: string, encoder: string, perSampleShape: readonly number[]): [number, number, number] {
  if (perSampleShape.length !== 3 || perSampleShape.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new RangeError(
      `Modality ${modality}: the ${encoder} encoder needs images of shape [height, width, channels], but its samples have shape [${perSampleShape.join(', ')}]. Use the mlp encoder for vectors, or reshape the data to [H, W, C].`,
    );
  }
  return [perSampleShape[0]!, perSampleShape[1]!, perSampleShape[2]!];
}
