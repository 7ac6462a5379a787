// A convolution layer with 'same' padding and He normal initial weights, built on conv2dSame so
// that it is differentiable on the WebAssembly backend too.
import * as tf from '@tensorflow/tfjs-core';
import { conv2dSame } from './conv2d';
import type { ParameterSet } from './parameterSet';

export interface Conv2dLayerOptions {
  readonly kernelSize: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride: number;
  /** False for convolutions followed by batch norm, whose offset makes a bias redundant. */
  readonly useBias: boolean;
}

export interface Conv2dLayer {
  readonly options: Conv2dLayerOptions;
  apply(x: tf.Tensor4D): tf.Tensor4D;
}

/** Creates `name`/kernel [k, k, in, out] (and `name`/bias [out] when useBias) in `parameters`. */
export function conv2dLayer(parameters: ParameterSet, name: string, options: Conv2dLayerOptions): Conv2dLayer {
  const scope = parameters.scope(name);
  const { kernelSize, inChannels, outChannels, stride, useBias } = options;
  const kernel = scope.add('kernel', [kernelSize, kernelSize, inChannels, outChannels], 'he-normal');
  const bias = useBias ? scope.add('bias', [outChannels], 'zeros') : undefined;
  return {
    options,
    apply(x: tf.Tensor4D): tf.Tensor4D {
      const convolved = conv2dSame(x, kernel as tf.Tensor as tf.Tensor4D, stride);
      return bias === undefined ? convolved : tf.add(convolved, bias);
    },
  };
}
