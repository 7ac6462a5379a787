// uniform: the plain sum of the multimodal and unimodal gradients, as minimising the sum of
// losses does. Written as 2 * (0.5 * g_mm + 0.5 * g_uni) so its weights compare with the others.
import type { EncoderGradients, EncoderUpdate, GradientMethod } from './gradientMethod';
import { describeUpdate } from './describeUpdate';
import { linearCombination } from './vectorMath';

export class UniformMethod implements GradientMethod {
  readonly name = 'uniform' as const;

  combine(gradients: EncoderGradients): EncoderUpdate {
    const update = linearCombination(1, gradients.multimodal, 1, gradients.unimodal);
    return { update, metrics: describeUpdate(gradients, update, { weightMultimodal: 0.5, weightUnimodal: 0.5, rescale: 1 }) };
  }
}
