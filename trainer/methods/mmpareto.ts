// mmpareto (Wei & Hu, "MMPareto: Boosting Multimodal Learning with Innocent Unimodal Assistance",
// ICML 2024). Per encoder:
//   1. weights: (0.5, 0.5) when cos(g_mm, g_uni) > 0, else the min-norm weights;
//   2. combined = 2 * (w_mm * g_mm + w_uni * g_uni);
//   3. magnitude rule: where ||combined|| < ||g_mm + g_uni||, enlarge combined to that norm;
//   4. update = gamma * combined.
// The reference code (GeWu-Lab/MMPareto_ICML2024, MMPareto.py) applies step 3 to each parameter
// tensor separately; normRule 'per-encoder' applies one factor to the whole encoder instead. Only
// the per-encoder rule keeps the update a positive multiple of the min-norm direction, so it stays
// a common descent direction when the gradients conflict. Per tensor, different factors can tilt it.
// A combined gradient that vanished (exactly opposite gradients, where the min-norm point is the
// origin) becomes a zero update with factor 1. The reference code divides by its norm there, and
// enlarging float32 rounding noise to a full step would point in an arbitrary direction.
import type { EncoderGradients, EncoderUpdate, GradientMethod, MethodOptions } from './gradientMethod';
import { describeUpdate } from './describeUpdate';
import { minNormWeights, type TwoWeights } from './minNormWeights';
import { cosine, dot, dotTensor, linearCombination, norm, scaleInPlace } from './vectorMath';

/**
 * A combined gradient whose norm is below this share of ||g_mm|| + ||g_uni|| counts as zero: the
 * two gradients cancelled, and what is left is float32 rounding noise (relative error ~1e-7).
 */
export const VANISHED_RELATIVE_NORM = 1e-6;

/**
 * Factor that enlarges a combined gradient of norm `combinedNorm` to at least `sumNorm`. It is 0
 * when the combined gradient vanished relative to `inputNormSum`, so the caller's update is zero.
 */
export function magnitudeFactor(sumNorm: number, combinedNorm: number, inputNormSum: number): number {
  if (!(combinedNorm > VANISHED_RELATIVE_NORM * inputNormSum)) {
    return 0;
  }
  const factor = sumNorm / combinedNorm;
  return factor > 1 && Number.isFinite(factor) ? factor : 1;
}

export class MMParetoMethod implements GradientMethod {
  readonly name = 'mmpareto' as const;

  constructor(private readonly options: MethodOptions) {}

  chooseWeights(gradients: EncoderGradients): TwoWeights {
    const { multimodal, unimodal } = gradients;
    if (cosine(multimodal, unimodal) > 0) {
      return { first: 0.5, second: 0.5 };
    }
    return minNormWeights(dot(multimodal, multimodal), dot(multimodal, unimodal), dot(unimodal, unimodal));
  }

  combine(gradients: EncoderGradients): EncoderUpdate {
    const { multimodal, unimodal } = gradients;
    const { gamma, normRule } = this.options;
    const weights = this.chooseWeights(gradients);
    const update = linearCombination(2 * weights.first, multimodal, 2 * weights.second, unimodal);
    const combinedNorm = norm(update);

    if (normRule === 'per-encoder') {
      const sum = linearCombination(1, multimodal, 1, unimodal);
      const factor = magnitudeFactor(norm(sum), combinedNorm, norm(multimodal) + norm(unimodal));
      for (const tensor of update) scaleInPlace(tensor, factor * gamma);
    } else {
      update.forEach((tensor, index) => {
        const multimodalTensor = multimodal[index]!;
        const unimodalTensor = unimodal[index]!;
        const sumNorm = Math.sqrt(sumOfSquaresOfSum(multimodalTensor, unimodalTensor));
        const inputNormSum = Math.sqrt(dotTensor(multimodalTensor, multimodalTensor)) + Math.sqrt(dotTensor(unimodalTensor, unimodalTensor));
        const factor = magnitudeFactor(sumNorm, Math.sqrt(dotTensor(tensor, tensor)), inputNormSum);
        scaleInPlace(tensor, factor * gamma);
      });
    }

    const updateNorm = norm(update);
    const rescale = updateNorm > 0 ? updateNorm / (gamma * combinedNorm) : 1;
    return {
      update,
      metrics: describeUpdate(gradients, update, { weightMultimodal: weights.first, weightUnimodal: weights.second, rescale }),
    };
  }
}

/** ||a + b||^2 without allocating the sum. */
function sumOfSquaresOfSum(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) {
    const value = a[index]! + b[index]!;
    sum += value * value;
  }
  return sum;
}
