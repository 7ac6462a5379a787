// Seeded random numbers for weight initialization. Each parameter draws from its own stream,
// derived from the model seed and the parameter's name, so adding a modality or a layer leaves
// the initial values of every other parameter unchanged.

/** A source of random numbers; trainer/util/seededRandom.ts's SeededRandom fits this shape. */
export interface RandomSource {
  /** Returns a float in [0, 1). */
  next(): number;
  /** Returns a standard normal sample (mean 0, variance 1). */
  normal(): number;
}

const TWO_POW_32 = 4294967296;
const GOLDEN_GAMMA = 0x9e3779b9;

/** MurmurHash3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function finalizeHash(value: number): number {
  let mixed = value >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0;
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/**
 * Creates a counter-based generator: the n-th draw is the finalizer applied to
 * seed + n * 0x9e3779b9 (a Weyl sequence, period 2^32). Good enough for initial weights, not for
 * cryptography. `seed` must be an integer; its low 32 bits are used.
 */
export function createRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed)) {
    throw new RangeError(`createRandom: seed must be an integer, got ${seed}.`);
  }
  let counter = finalizeHash(seed >>> 0);
  let spareNormal: number | undefined;

  const next = (): number => {
    counter = (counter + GOLDEN_GAMMA) >>> 0;
    return finalizeHash(counter) / TWO_POW_32;
  };

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const spare = spareNormal;
      spareNormal = undefined;
      return spare;
    }
    // Box-Muller transform. 1 - next() lies in (0, 1], so the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return { next, normal };
}

/** Derives the seed of one named stream from the model seed (FNV-1a hash of the name, then mixed). */
export function deriveSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193) >>> 0;
  }
  return finalizeHash((finalizeHash(seed >>> 0) ^ hash) >>> 0);
}
