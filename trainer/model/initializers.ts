// Initial values of weights. Layers followed by ReLU use He normal (standard deviation
// sqrt(2 / fanIn), He et al. 2015); linear layers use Glorot uniform (limit
// sqrt(6 / (fanIn + fanOut)), Glorot and Bengio 2010). Biases start at 0, batch-norm scales at 1.
import { createRandom, type RandomSource } from './random';

export type InitializerName = 'he-normal' | 'glorot-uniform' | 'zeros' | 'ones';

export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * Returns the fans of a weight shape: [in, out] for a dense kernel, [kh, kw, in, out] for a
 * convolution kernel (the receptive field multiplies both), and the size for a vector.
 */
export function computeFans(shape: readonly number[]): Fans {
  if (shape.length === 1) {
    return { fanIn: shape[0]!, fanOut: shape[0]! };
  }
  if (shape.length === 2) {
    return { fanIn: shape[0]!, fanOut: shape[1]! };
  }
  if (shape.length === 4) {
    const receptiveField = shape[0]! * shape[1]!;
    return { fanIn: receptiveField * shape[2]!, fanOut: receptiveField * shape[3]! };
  }
  throw new RangeError(`computeFans: expected a shape of rank 1, 2 or 4, got [${shape.join(', ')}].`);
}

/** Returns He normal values for `shape`: N(0, 2 / fanIn). */
export function heNormal(shape: readonly number[], random: RandomSource | number): Float32Array {
  const source = toRandomSource(random);
  const deviation = Math.sqrt(2 / computeFans(shape).fanIn);
  const values = new Float32Array(sizeOf(shape));
  for (let index = 0; index < values.length; index++) {
    values[index] = source.normal() * deviation;
  }
  return values;
}

/** Returns Glorot uniform values for `shape`: U(-limit, limit) with limit sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(shape: readonly number[], random: RandomSource | number): Float32Array {
  const source = toRandomSource(random);
  const { fanIn, fanOut } = computeFans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(sizeOf(shape));
  for (let index = 0; index < values.length; index++) {
    values[index] = (2 * source.next() - 1) * limit;
  }
  return values;
}

/** Returns the initial values named by `initializer`; zeros and ones ignore `random`. */
export function initialValues(initializer: InitializerName, shape: readonly number[], random: RandomSource | number): Float32Array {
  switch (initializer) {
    case 'he-normal':
      return heNormal(shape, random);
    case 'glorot-uniform':
      return glorotUniform(shape, random);
    case 'zeros':
      return new Float32Array(sizeOf(shape));
    case 'ones':
      return new Float32Array(sizeOf(shape)).fill(1);
  }
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

function toRandomSource(random: RandomSource | number): RandomSource {
  return typeof random === 'number' ? createRandom(random) : random;
}
