// The interface every gradient-combination method implements. A method receives, for one encoder,
// the gradient of the multimodal loss and the gradient of that encoder's unimodal loss, tensor by
// tensor, and returns the update the optimizer applies to the encoder. Heads always receive the
// plain summed gradient and never pass through a method.
import type { MethodName, RunConfig } from '../contract/configSchema';
import type { EncoderStepMetrics } from '../contract/records';
import type { TensorList } from './vectorMath';

export interface EncoderGradients {
  readonly multimodal: TensorList;
  readonly unimodal: TensorList;
}

export interface EncoderUpdate {
  /** One Float32Array per parameter tensor, in the same order as the gradients. */
  readonly update: Float32Array[];
  readonly metrics: EncoderStepMetrics;
}

export interface GradientMethod {
  readonly name: MethodName;
  combine(gradients: EncoderGradients): EncoderUpdate;
}

export type MethodOptions = Pick<RunConfig, 'gamma' | 'normRule'>;
