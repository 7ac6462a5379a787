// Modalities each built-in dataset provides, and the encoders they get when a config lists none.
import type { DatasetKind, ModalityConfig, RunConfig } from './configSchema';
import { CONFIG_SCHEMA } from './configSchema';

const modalityDefaults = CONFIG_SCHEMA.fields.modalities.item.fields;

function defaultModality(name: string, encoder: ModalityConfig['encoder']): ModalityConfig {
  return {
    name,
    encoder,
    hidden: [...modalityDefaults.hidden.default],
    channels: [...modalityDefaults.channels.default],
    width: modalityDefaults.width.default,
    featureDim: modalityDefaults.featureDim.default,
    train: undefined,
    test: undefined,
  };
}

/** Modality names of the built-in datasets; npy takes its names from the config. */
export const BUILT_IN_MODALITIES: Readonly<Record<Exclude<DatasetKind, 'npy'>, readonly string[]>> = {
  'cg-mnist': ['gray', 'colored'],
  synthetic: ['easy', 'hard'],
};

/**
 * Returns the config with its modality list completed: a built-in dataset's modalities that the
 * config does not list are added with default encoders (cnn for images, mlp for vectors), in the
 * dataset's order.
 */
export function withDatasetModalities(config: RunConfig): RunConfig {
  if (config.data.kind === 'npy') {
    return config;
  }
  const names = BUILT_IN_MODALITIES[config.data.kind];
  const encoder: ModalityConfig['encoder'] = config.data.kind === 'cg-mnist' ? 'cnn' : 'mlp';
  const modalities = names.map((name) => config.modalities.find((modality) => modality.name === name) ?? defaultModality(name, encoder));
  return { ...config, modalities };
}
