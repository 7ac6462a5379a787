import type { EncoderStepMetrics } from '../../trainer/contract/records';

/**
 * Tells whether an encoder's update was a common descent direction: to first order it raised
 * neither the multimodal nor the unimodal loss, so both inner products are non-negative.
 */
export function isCommonDescent(metrics: Pick<EncoderStepMetrics, 'updateDotMultimodal' | 'updateDotUnimodal'>): boolean {
  return metrics.updateDotMultimodal >= 0 && metrics.updateDotUnimodal >= 0;
}
