// Fully connected encoder: flatten, then one dense layer with ReLU per entry of hidden, then a
// dense layer with ReLU to featureDim.
import * as tf from '@tensorflow/tfjs-core';
import { denseLayer, type DenseLayer } from './denseLayer';
import type { Encoder } from './encoder';
import type { ParameterSet } from './parameterSet';

export interface MlpEncoderOptions {
  readonly hidden: readonly number[];
  readonly featureDim: number;
}

/** Builds an mlp encoder whose variables are hidden1, hidden2, ... and projection under `parameters`. */
export function mlpEncoder(parameters: ParameterSet, perSampleShape: readonly number[], options: MlpEncoderOptions): Encoder {
  const inputSize = perSampleShape.reduce((product, size) => product * size, 1);
  const layers: DenseLayer[] = [];
  let units = inputSize;
  options.hidden.forEach((size, index) => {
    layers.push(denseLayer(parameters, `hidden${index + 1}`, units, size, 'he-normal'));
    units = size;
  });
  layers.push(denseLayer(parameters, 'projection', units, options.featureDim, 'he-normal'));

  return {
    featureDim: options.featureDim,
    parameters: parameters.trainable,
    state: parameters.state,
    apply(input: tf.Tensor): tf.Tensor2D {
      let activation = tf.reshape(input, [input.shape[0]!, inputSize]) as tf.Tensor2D;
      for (const layer of layers) {
        activation = tf.relu(layer.apply(activation));
      }
      return activation;
    },
    commitBatchNormStatistics(): void {},
    dispose(): void {},
  };
}
