// Inner products and norms over a gradient split into parameter tensors. Sums run in float64
// so that a few million float32 terms do not lose precision.

/** A gradient as one Float32Array per parameter tensor, in the encoder's parameter order. */
export type TensorList = readonly Float32Array[];

export function dot(a: TensorList, b: TensorList): number {
  let sum = 0;
  for (let tensor = 0; tensor < a.length; tensor++) {
    sum += dotTensor(a[tensor]!, b[tensor]!);
  }
  return sum;
}

export function dotTensor(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) {
    sum += a[index]! * b[index]!;
  }
  return sum;
}

export function norm(a: TensorList): number {
  return Math.sqrt(dot(a, a));
}

/**
 * Cosine similarity of two gradients, defined as 0 when either is zero (or too small to square
 * in float64), so a vanished gradient counts as a conflict rather than producing NaN.
 */
export function cosine(a: TensorList, b: TensorList): number {
  const normA = norm(a);
  const normB = norm(b);
  const denominator = normA * normB;
  if (!(denominator > 0) || !Number.isFinite(denominator)) {
    return 0;
  }
  return Math.max(-1, Math.min(1, dot(a, b) / denominator));
}

/** Returns alpha * a + beta * b, tensor by tensor. */
export function linearCombination(alpha: number, a: TensorList, beta: number, b: TensorList): Float32Array[] {
  return a.map((tensorA, tensor) => {
    const tensorB = b[tensor]!;
    const result = new Float32Array(tensorA.length);
    for (let index = 0; index < tensorA.length; index++) {
      result[index] = alpha * tensorA[index]! + beta * tensorB[index]!;
    }
    return result;
  });
}

/** Multiplies every entry of a tensor by `factor` in place. */
export function scaleInPlace(tensor: Float32Array, factor: number): void {
  for (let index = 0; index < tensor.length; index++) {
    tensor[index] = tensor[index]! * factor;
  }
}
