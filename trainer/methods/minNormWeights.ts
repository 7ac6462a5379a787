// Two-gradient min-norm (MGDA) weights in closed form.
//
// For gradients g1 and g2 the point of their convex hull closest to the origin is
// c * g1 + (1 - c) * g2 with c = <g2, g2 - g1> / ||g1 - g2||^2 (Sener & Koltun, NeurIPS 2018,
// Algorithm 1). Like the MMPareto reference solver (MinNormSolver._min_norm_element_from2 in
// GeWu-Lab/MMPareto_ICML2024), the two boundary cases and the result are kept inside
// [0.001, 0.999], so neither objective is dropped entirely.

export const MIN_WEIGHT = 0.001;
export const MAX_WEIGHT = 0.999;

export interface TwoWeights {
  /** Weight of the first gradient (the multimodal one in this project). */
  readonly first: number;
  /** Weight of the second gradient; first + second = 1. */
  readonly second: number;
}

/**
 * Min-norm weights from the three inner products <g1,g1>, <g1,g2>, <g2,g2>.
 * When <g1,g2> >= <g1,g1> the hull's nearest point is g1 itself, so g1 gets the maximum weight;
 * when <g1,g2> >= <g2,g2> it is g2. Both zero falls in the first case, which keeps the result
 * defined.
 */
export function minNormWeights(g1g1: number, g1g2: number, g2g2: number): TwoWeights {
  let first: number;
  if (g1g2 >= g1g1) {
    first = MAX_WEIGHT;
  } else if (g1g2 >= g2g2) {
    first = MIN_WEIGHT;
  } else {
    // Here g1g1 + g2g2 - 2 g1g2 = ||g1 - g2||^2 > 0, because both cases above failed.
    first = (g2g2 - g1g2) / (g1g1 + g2g2 - 2 * g1g2);
  }
  first = Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, first));
  return { first, second: 1 - first };
}
