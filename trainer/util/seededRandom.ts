// A small seeded pseudo-random number generator, so that data sampling, colors and shuffles
// are reproducible from the run config's seed on every platform.
//
// The stream is mulberry32, a 32-bit multiply-xorshift generator by Tommy Ettinger with period
// 2^32. Its state is seeded through the splitmix32 finalizer, so nearby seeds such as 0, 1 and 2
// start far apart. Not for cryptography.

const TWO_POW_32 = 4294967296;

/** Mixes a 32-bit value with the splitmix32 finalizer, a bijection whose output bits each depend on all input bits. */
function mixSplit32(value: number): number {
  let z = (value + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units, used to derive fork seeds from labels. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index++) {
    hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash;
}

export class SeededRandom {
  private readonly seed: number;
  private state: number;
  /** Second Box-Muller value, kept for the next normal() call. */
  private spareNormal: number | undefined;

  /** Creates a generator; the seed must be an integer, and only its low 32 bits are used. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) {
      throw new RangeError(`SeededRandom: seed must be an integer, got ${seed}.`);
    }
    this.seed = seed >>> 0;
    this.state = mixSplit32(this.seed);
  }

  /** Returns the next 32-bit unsigned integer of the mulberry32 stream. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Returns a float in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Returns an integer in [0, maxExclusive), without modulo bias (rejection sampling). */
  nextInt(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
      throw new RangeError(`SeededRandom.nextInt: maxExclusive must be an integer from 1 to 2^32, got ${maxExclusive}.`);
    }
    // Values at or above `limit` would make the low residues more likely than the high ones.
    const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
    let value = this.nextUint32();
    while (value >= limit) {
      value = this.nextUint32();
    }
    return value % maxExclusive;
  }

  /** Returns a standard Gaussian sample (mean 0, variance 1) by the Box-Muller transform. */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    // 1 - next() lies in (0, 1], so the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = this.nextInt(index + 1);
      const swapped = items[index]!;
      items[index] = items[other]!;
      items[other] = swapped;
    }
    return items;
  }

  /**
   * Returns a generator whose stream depends only on this generator's seed and `label`, not on
   * how many values were drawn here, so adding draws to one stage leaves the other stages as
   * they were.
   */
  fork(label: string): SeededRandom {
    const derived = mixSplit32((this.seed ^ mixSplit32(hashLabel(label))) >>> 0);
    return new SeededRandom(derived);
  }
}

/** Returns a permutation of 0..count-1 drawn by `random`. */
export function randomPermutation(count: number, random: SeededRandom): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    order[index] = index;
  }
  for (let index = count - 1; index > 0; index--) {
    const other = random.nextInt(index + 1);
    const swapped = order[index]!;
    order[index] = order[other]!;
    order[other] = swapped;
  }
  return order;
}
