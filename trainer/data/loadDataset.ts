// Entry point of the data layer: loads the dataset a run config names.
import type { RunConfig } from '../contract/configSchema';
import { loadCgMnist } from './cgMnist';
import { DataError, type LoadedDataset } from './dataset';
import { loadNpyDataset } from './npyDataset';
import { loadSynthetic } from './synthetic';

/**
 * Loads the dataset of `config`, which has passed validateConfig and withDatasetModalities.
 * Relative .npy paths resolve against `configDirectory`. data.trainSize and data.testSize pick a
 * seeded subset (seed from config.seed); batchSize must not exceed the training samples.
 */
export async function loadDataset(config: RunConfig, configDirectory: string, log: (message: string) => void): Promise<LoadedDataset> {
  let dataset: LoadedDataset;
  switch (config.data.kind) {
    case 'cg-mnist':
      dataset = loadCgMnist(config, log);
      break;
    case 'npy':
      dataset = loadNpyDataset(config, configDirectory, log);
      break;
    case 'synthetic':
      dataset = loadSynthetic(config, log);
      break;
  }
  if (config.batchSize > dataset.train.size) {
    throw new DataError(`batchSize: ${config.batchSize} is larger than the ${dataset.train.size} training samples of this ${dataset.kind} dataset; set batchSize to at most ${dataset.train.size} or use more training data (data.trainSize, 0 for all).`);
  }
  return dataset;
}
