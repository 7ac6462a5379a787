// joint: the encoder follows the multimodal loss only. Its unimodal head still learns from the
// unimodal loss, but that gradient stops at the head, like a linear probe on detached features.
import type { EncoderGradients, EncoderUpdate, GradientMethod } from './gradientMethod';
import { describeUpdate } from './describeUpdate';

export class JointMethod implements GradientMethod {
  readonly name = 'joint' as const;

  combine(gradients: EncoderGradients): EncoderUpdate {
    const update = gradients.multimodal.map((tensor) => Float32Array.from(tensor));
    return { update, metrics: describeUpdate(gradients, update, { weightMultimodal: 1, weightUnimodal: 0, rescale: 1 }) };
  }
}
