// Chooses the encoder named by a modality's config.
import type { ModalityConfig } from '../contract/configSchema';
import { cnnEncoder } from './cnnEncoder';
import type { Encoder } from './encoder';
import { mlpEncoder } from './mlpEncoder';
import type { ParameterSet } from './parameterSet';
import { resnet18Encoder } from './resnet18Encoder';

/** Builds the encoder of modality `name` for samples of `perSampleShape`, with its variables under `parameters`. */
export function buildEncoder(parameters: ParameterSet, name: string, modality: ModalityConfig, perSampleShape: readonly number[]): Encoder {
  switch (modality.encoder) {
    case 'mlp':
      return mlpEncoder(parameters, perSampleShape, { hidden: modality.hidden, featureDim: modality.featureDim });
    case 'cnn':
      return cnnEncoder(parameters, name, perSampleShape, { channels: modality.channels, featureDim: modality.featureDim });
    case 'resnet18':
      return resnet18Encoder(parameters, name, perSampleShape, { width: modality.width, featureDim: modality.featureDim });
  }
}
