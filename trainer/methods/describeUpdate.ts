// Computes the per-encoder metrics every method reports, from the two gradients, the weights the
// method chose and the update it produced.
import type { EncoderStepMetrics } from '../contract/records';
import type { EncoderGradients } from './gradientMethod';
import { cosine, dot, norm, type TensorList } from './vectorMath';

export interface CombinationFacts {
  readonly weightMultimodal: number;
  readonly weightUnimodal: number;
  /** Effective factor of the magnitude rule: ||update|| / (gamma * ||combined||), 1 when no rule applied. */
  readonly rescale: number;
}

export function describeUpdate(gradients: EncoderGradients, update: TensorList, facts: CombinationFacts): EncoderStepMetrics {
  const similarity = cosine(gradients.multimodal, gradients.unimodal);
  return {
    cosine: similarity,
    normMultimodal: norm(gradients.multimodal),
    normUnimodal: norm(gradients.unimodal),
    weightMultimodal: facts.weightMultimodal,
    weightUnimodal: facts.weightUnimodal,
    conflict: similarity <= 0,
    rescale: facts.rescale,
    updateNorm: norm(update),
    updateDotMultimodal: dot(update, gradients.multimodal),
    updateDotUnimodal: dot(update, gradients.unimodal),
  };
}
