// Classification heads. Each modality has a linear unimodal head on its own features. The fusion
// head is one linear layer on the features of all modalities, concatenated in modality order.
// The MMPareto reference code does the same (AVClassifier in code/models/models.py of
// GeWu-Lab/MMPareto_ICML2024 applies one nn.Linear to torch.cat of the pooled features).
import * as tf from '@tensorflow/tfjs-core';
import { denseLayer } from './denseLayer';
import type { ParameterSet } from './parameterSet';

export interface UnimodalHead {
  apply(features: tf.Tensor2D): tf.Tensor2D;
}

export interface FusionHead {
  /** Concatenates the features in the order of `modalities` and maps them to logits. */
  apply(features: Readonly<Record<string, tf.Tensor2D>>): tf.Tensor2D;
}

/** Creates `name`/kernel [featureDim, classes] and `name`/bias [classes]. */
export function unimodalHead(parameters: ParameterSet, name: string, featureDim: number, classes: number): UnimodalHead {
  const layer = denseLayer(parameters, name, featureDim, classes, 'glorot-uniform');
  return { apply: (features) => layer.apply(features) };
}

/** Creates `name`/kernel [sum of featureDims, classes] and `name`/bias [classes]. */
export function fusionHead(
  parameters: ParameterSet,
  name: string,
  modalities: readonly string[],
  featureDims: Readonly<Record<string, number>>,
  classes: number,
): FusionHead {
  const totalFeatures = modalities.reduce((sum, modality) => sum + featureDims[modality]!, 0);
  const layer = denseLayer(parameters, name, totalFeatures, classes, 'glorot-uniform');
  return {
    apply(features) {
      const concatenated = tf.concat(modalities.map((modality) => features[modality]!), 1);
      return layer.apply(concatenated);
    },
  };
}
