// One training step: one forward pass, then two backward passes over the same tape. The first
// differentiates the sum of the unimodal losses: each unimodal loss reaches only its own encoder
// and head, so that one pass gives every encoder its unimodal gradient. The second differentiates
// the multimodal loss. Each encoder's two gradients go through the gradient method; the heads get
// the plain sum.
import * as tf from '@tensorflow/tfjs-core';
import type { EncoderStepMetrics, StepLosses } from '../contract/records';
import { sharedForwardGradients } from '../autodiff/sharedForwardGradients';
import type { GradientMethod } from '../methods/gradientMethod';
import type { MultimodalModel } from '../model/multimodalModel';
import type { Optimizer } from './optimizer';

export interface StepResult {
  readonly losses: StepLosses;
  readonly encoders: Record<string, EncoderStepMetrics>;
}

/** Raised when a loss or gradient is NaN or infinite; the run then ends as failed. */
export class NonFiniteLossError extends Error {
  constructor(readonly losses: StepLosses) {
    super(`A loss became NaN or infinite (multimodal ${losses.multimodal}, unimodal ${JSON.stringify(losses.unimodal)}). Lower optimizer.learningRate or gamma, or check the input data for NaN values.`);
    this.name = 'NonFiniteLossError';
  }
}

export function trainStep(
  model: MultimodalModel,
  method: GradientMethod,
  optimizer: Optimizer,
  inputs: Readonly<Record<string, tf.Tensor>>,
  oneHotLabels: tf.Tensor2D,
  learningRate: number,
): StepResult {
  const modalities = model.modalities;
  const encoderVariables = modalities.map((modality) => model.encoderParameters[modality]!.map((parameter) => parameter.variable));
  const headVariables = model.headParameters.map((parameter) => parameter.variable);
  const variables = [...encoderVariables.flat(), ...headVariables];

  const result = sharedForwardGradients(variables, () => {
    const outputs = model.forward(inputs, true);
    const unimodalLosses = modalities.map((modality) => tf.losses.softmaxCrossEntropy(oneHotLabels, outputs.unimodalLogits[modality]!) as tf.Scalar);
    const multimodalLoss = tf.losses.softmaxCrossEntropy(oneHotLabels, outputs.fusedLogits) as tf.Scalar;
    return { losses: [tf.addN(unimodalLosses) as tf.Scalar, multimodalLoss], extra: tf.stack(unimodalLosses) };
  });
  const [unimodalGradients, multimodalGradients] = result.gradients as [tf.Tensor[], tf.Tensor[]];
  const multimodalLoss = result.lossValues[1]!;
  const unimodalValues = Array.from(result.extra.dataSync());
  result.extra.dispose();

  const unimodal: Record<string, number> = {};
  modalities.forEach((modality, index) => (unimodal[modality] = unimodalValues[index]!));
  const losses: StepLosses = { multimodal: multimodalLoss, unimodal, total: multimodalLoss + unimodalValues.reduce((sum, value) => sum + value, 0) };

  try {
    if (![losses.total, ...unimodalValues, multimodalLoss].every(Number.isFinite)) {
      throw new NonFiniteLossError(losses);
    }

    const encoders: Record<string, EncoderStepMetrics> = {};
    const updates: tf.Tensor[] = [];
    let offset = 0;
    modalities.forEach((modality, modalityIndex) => {
      const count = encoderVariables[modalityIndex]!.length;
      const multimodal = multimodalGradients.slice(offset, offset + count).map((gradient) => gradient.dataSync() as Float32Array);
      const unimodalEncoder = unimodalGradients.slice(offset, offset + count).map((gradient) => gradient.dataSync() as Float32Array);
      const combined = method.combine({ multimodal, unimodal: unimodalEncoder });
      encoders[modality] = combined.metrics;
      combined.update.forEach((values, index) => updates.push(tf.tensor(values, variables[offset + index]!.shape)));
      offset += count;
    });
    headVariables.forEach((_, index) => updates.push(tf.add(unimodalGradients[offset + index]!, multimodalGradients[offset + index]!)));

    if (!Object.values(encoders).every((metrics) => Number.isFinite(metrics.updateNorm))) {
      throw new NonFiniteLossError(losses);
    }
    optimizer.apply(variables, updates, learningRate);
    tf.dispose(updates);
    model.commitBatchNormStatistics();
    return { losses, encoders };
  } finally {
    tf.dispose(unimodalGradients);
    tf.dispose(multimodalGradients);
  }
}
