// Small convolutional encoder. Each entry of channels adds a block: a 3x3 convolution ('same'
// padding, with bias), ReLU, and 2x2 max pooling with stride 2. The pooling uses 'valid' padding,
// so odd sizes round down as in PyTorch's MaxPool2d(2). Then come flatten and a dense layer with
// ReLU to featureDim.
import * as tf from '@tensorflow/tfjs-core';
import { conv2dLayer, type Conv2dLayer } from './conv2dLayer';
import { denseLayer } from './denseLayer';
import { imageShape, type Encoder } from './encoder';
import type { ParameterSet } from './parameterSet';

export interface CnnEncoderOptions {
  readonly channels: readonly number[];
  readonly featureDim: number;
}

/** Builds a cnn encoder whose variables are conv1, conv2, ... and projection under `parameters`. */
export function cnnEncoder(parameters: ParameterSet, modality: string, perSampleShape: readonly number[], options: CnnEncoderOptions): Encoder {
  let [height, width, channels] = imageShape(modality, 'cnn', perSampleShape);
  const convolutions: Conv2dLayer[] = [];
  options.channels.forEach((outChannels, index) => {
    convolutions.push(conv2dLayer(parameters, `conv${index + 1}`, { kernelSize: 3, inChannels: channels, outChannels, stride: 1, useBias: true }));
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
    channels = outChannels;
    if (height < 1 || width < 1) {
      throw new RangeError(
        `Modality ${modality}: the cnn encoder halves the image in each of its ${options.channels.length} blocks, and [${perSampleShape.join(', ')}] is too small for block ${index + 1}. Remove entries from channels or use larger images.`,
      );
    }
  });
  const flatSize = height * width * channels;
  const projection = denseLayer(parameters, 'projection', flatSize, options.featureDim, 'he-normal');

  return {
    featureDim: options.featureDim,
    parameters: parameters.trainable,
    state: parameters.state,
    apply(input: tf.Tensor): tf.Tensor2D {
      let activation = input as tf.Tensor4D;
      for (const convolution of convolutions) {
        activation = tf.maxPool(tf.relu(convolution.apply(activation)), 2, 2, 'valid');
      }
      const flat = tf.reshape(activation, [activation.shape[0], flatSize]) as tf.Tensor2D;
      return tf.relu(projection.apply(flat));
    },
    commitBatchNormStatistics(): void {},
    dispose(): void {},
  };
}
