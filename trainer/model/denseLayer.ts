// A fully connected layer: x [N, in] times kernel [in, out] plus bias [out].
import * as tf from '@tensorflow/tfjs-core';
import type { InitializerName } from './initializers';
import type { ParameterSet } from './parameterSet';

export interface DenseLayer {
  readonly inUnits: number;
  readonly outUnits: number;
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

/** Creates `name`/kernel and `name`/bias in `parameters`. Use he-normal before a ReLU, glorot-uniform for a linear output. */
export function denseLayer(
  parameters: ParameterSet,
  name: string,
  inUnits: number,
  outUnits: number,
  initializer: Extract<InitializerName, 'he-normal' | 'glorot-uniform'>,
): DenseLayer {
  const scope = parameters.scope(name);
  const kernel = scope.add('kernel', [inUnits, outUnits], initializer);
  const bias = scope.add('bias', [outUnits], 'zeros');
  return {
    inUnits,
    outUnits,
    apply(x: tf.Tensor2D): tf.Tensor2D {
      return tf.add(tf.matMul(x, kernel), bias);
    },
  };
}
