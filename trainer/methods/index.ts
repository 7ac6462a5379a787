// Public surface of the gradient methods, also the entry the unit tests bundle.
export { createMethod } from './createMethod';
export type { EncoderGradients, EncoderUpdate, GradientMethod, MethodOptions } from './gradientMethod';
export { magnitudeFactor, MMParetoMethod, VANISHED_RELATIVE_NORM } from './mmpareto';
export { MAX_WEIGHT, MIN_WEIGHT, minNormWeights } from './minNormWeights';
export { cosine, dot, norm } from './vectorMath';
