// Batch normalization over the channel axis of NHWC tensors, with PyTorch's BatchNorm2d
// semantics. Training normalizes with the biased batch variance and moves the running statistics
// by momentum 0.1 towards the batch mean and the unbiased batch variance. Inference normalizes
// with the running statistics. Epsilon is 1e-5.
import * as tf from '@tensorflow/tfjs-core';
import type { ParameterSet } from './parameterSet';

export const BATCH_NORM_MOMENTUM = 0.1;
export const BATCH_NORM_EPSILON = 1e-5;

export interface BatchNormLayer {
  readonly channels: number;
  /** Normalises x [N, H, W, C]. In training, records the batch statistics for commit(). */
  apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D;
  /** Moves the running statistics by the statistics of the last training apply(); no-op without one. */
  commit(): void;
  /** Releases the recorded statistics that were not committed. */
  dispose(): void;
}

interface PendingStatistics {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
  /** Values per channel in the batch (N * H * W), for the unbiased variance. */
  readonly count: number;
}

/** Creates `name`/gamma, `name`/beta (trainable) and `name`/runningMean, `name`/runningVariance. */
export function batchNormLayer(parameters: ParameterSet, name: string, channels: number): BatchNormLayer {
  const scope = parameters.scope(name);
  const gamma = scope.add('gamma', [channels], 'ones');
  const beta = scope.add('beta', [channels], 'zeros');
  const runningMean = scope.add('runningMean', [channels], 'zeros', false);
  const runningVariance = scope.add('runningVariance', [channels], 'ones', false);
  let pending: PendingStatistics | undefined;

  const discardPending = (): void => {
    if (pending !== undefined) {
      pending.mean.dispose();
      pending.variance.dispose();
      pending = undefined;
    }
  };

  return {
    channels,
    apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D {
      if (!training) {
        return normalize(x, runningMean, runningVariance, gamma, beta);
      }
      const count = x.shape[0] * x.shape[1] * x.shape[2];
      if (count < 2) {
        throw new RangeError(`Batch norm ${name}: training needs more than one value per channel, got an input of shape [${x.shape.join(', ')}]. Use a batch size of at least 2.`);
      }
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      discardPending();
      // Clones, kept out of the caller's tidy scope, so commit() can read them after the
      // gradient computation has released the forward pass.
      pending = { mean: tf.keep(tf.clone(mean)) as tf.Tensor1D, variance: tf.keep(tf.clone(variance)) as tf.Tensor1D, count };
      return normalize(x, mean, variance, gamma, beta);
    },
    commit(): void {
      if (pending === undefined) {
        return;
      }
      const statistics = pending;
      tf.tidy(() => {
        const unbiasedVariance = tf.mul(statistics.variance, statistics.count / (statistics.count - 1));
        runningMean.assign(tf.add(tf.mul(runningMean, 1 - BATCH_NORM_MOMENTUM), tf.mul(statistics.mean, BATCH_NORM_MOMENTUM)));
        runningVariance.assign(tf.add(tf.mul(runningVariance, 1 - BATCH_NORM_MOMENTUM), tf.mul(unbiasedVariance, BATCH_NORM_MOMENTUM)));
      });
      discardPending();
    },
    dispose: discardPending,
  };
}

function normalize(x: tf.Tensor4D, mean: tf.Tensor, variance: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor4D {
  const scale = tf.mul(tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)), gamma);
  return tf.add(tf.mul(tf.sub(x, mean), scale), beta);
}
