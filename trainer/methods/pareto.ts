// pareto: the two-gradient min-norm (MGDA) weights on every step, agreeing or not, with no
// magnitude rule. The update is 2 * (w_mm * g_mm + w_uni * g_uni), so equal weights would give
// the uniform sum.
import type { EncoderGradients, EncoderUpdate, GradientMethod } from './gradientMethod';
import { describeUpdate } from './describeUpdate';
import { minNormWeights } from './minNormWeights';
import { dot, linearCombination } from './vectorMath';

export class ParetoMethod implements GradientMethod {
  readonly name = 'pareto' as const;

  combine(gradients: EncoderGradients): EncoderUpdate {
    const { multimodal, unimodal } = gradients;
    const weights = minNormWeights(dot(multimodal, multimodal), dot(multimodal, unimodal), dot(unimodal, unimodal));
    const update = linearCombination(2 * weights.first, multimodal, 2 * weights.second, unimodal);
    return { update, metrics: describeUpdate(gradients, update, { weightMultimodal: weights.first, weightUnimodal: weights.second, rescale: 1 }) };
  }
}
