// The npy dataset: the user's own features, one .npy file per modality and split, with one
// integer label file per split. Shapes and dtypes are checked from the headers alone first
// (checkNpyCompatibility, shared with the language server), then values once they are read.
import { basename, resolve } from 'node:path';
import type { RunConfig } from '../contract/configSchema';
import type { ConfigPath } from '../contract/validateConfig';
import { DataError, configuredModalityNames, formatShape, type DatasetSplit, type LoadedDataset, type ModalityArray } from './dataset';
import { isIntegerDtype, readNpyArray, readNpyHeader, type NpyHeader } from './npy';
import { chooseSamples, selectSamples } from './subset';

export type SplitName = 'train' | 'test';

/** A .npy file named in the config. */
export interface NpyFileReference {
  /** Absolute path. */
  readonly path: string;
  /** Config path of the entry that names the file, such as ["modalities", 0, "train"] or ["data", "trainLabels"]. */
  readonly configPath: ConfigPath;
}

export interface NpyFileHeader extends NpyFileReference {
  readonly header: NpyHeader;
}

export interface NpyModalityFiles<F> {
  readonly name: string;
  readonly train: F;
  readonly test: F;
}

/** Every file of an npy dataset; F is a reference or a reference with its header. */
export interface NpyDatasetFiles<F> {
  readonly trainLabels: F;
  readonly testLabels: F;
  /** In config order. */
  readonly modalities: ReadonlyArray<NpyModalityFiles<F>>;
}

export type NpyDatasetHeaders = NpyDatasetFiles<NpyFileHeader>;

/** A problem with one or more .npy files of the config. */
export interface NpyDataIssue {
  /** A sentence that names the file(s), the mismatch and the fix. */
  readonly message: string;
  /** The config entry to report it on. */
  readonly configPath: ConfigPath;
  /** Absolute paths of the files involved. */
  readonly paths: readonly string[];
}

/** Returns the config's .npy files with paths resolved against `configDirectory`. */
export function npyFileReferences(config: RunConfig, configDirectory: string): NpyDatasetFiles<NpyFileReference> {
  const reference = (path: string | undefined, configPath: ConfigPath): NpyFileReference => {
    if (path === undefined) {
      throw new DataError(`${configPath.join('.')}: missing; data.kind npy needs the path of a .npy file here.`);
    }
    return { path: resolve(configDirectory, path), configPath };
  };
  const names = configuredModalityNames(config);
  return {
    trainLabels: reference(config.data.trainLabels, ['data', 'trainLabels']),
    testLabels: reference(config.data.testLabels, ['data', 'testLabels']),
    modalities: config.modalities.map((modality, index) => ({
      name: names[index]!,
      train: reference(modality.train, ['modalities', index, 'train']),
      test: reference(modality.test, ['modalities', index, 'test']),
    })),
  };
}

/** Reads the header of every file; a file that cannot be read becomes an issue instead. */
export function readNpyDatasetHeaders(files: NpyDatasetFiles<NpyFileReference>): { headers?: NpyDatasetHeaders; issues: NpyDataIssue[] } {
  const issues: NpyDataIssue[] = [];
  const withHeader = (file: NpyFileReference): NpyFileHeader | undefined => {
    try {
      return { ...file, header: readNpyHeader(file.path) };
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      issues.push({ message: error.message, configPath: file.configPath, paths: [file.path] });
      return undefined;
    }
  };
  const trainLabels = withHeader(files.trainLabels);
  const testLabels = withHeader(files.testLabels);
  const modalities = files.modalities.map((modality) => ({ name: modality.name, train: withHeader(modality.train), test: withHeader(modality.test) }));
  if (issues.length > 0 || trainLabels === undefined || testLabels === undefined) {
    return { issues };
  }
  return { headers: { trainLabels, testLabels, modalities: modalities as Array<NpyModalityFiles<NpyFileHeader>> }, issues };
}

/** Per-sample shape of a feature array: every axis after the first, or [1] for a one-dimensional array. */
export function perSampleShape(header: NpyHeader): number[] {
  return header.shape.length === 1 ? [1] : header.shape.slice(1);
}

/**
 * Checks shapes and dtypes across the files of an npy dataset from their headers alone. Labels
 * must be one-dimensional integers with at least one training sample. Features need a first axis
 * as long as their split's labels, and a modality's train and test files the same per-sample
 * shape. Returns one issue per problem, none when the files fit together.
 */
export function checkNpyCompatibility(files: NpyDatasetHeaders): NpyDataIssue[] {
  const issues: NpyDataIssue[] = [];
  const labelFiles: Record<SplitName, NpyFileHeader> = { train: files.trainLabels, test: files.testLabels };
  const usableLabels: Partial<Record<SplitName, number>> = {};

  for (const split of ['train', 'test'] as const) {
    const { path, configPath, header } = labelFiles[split];
    let usable = true;
    if (header.shape.length !== 1) {
      issues.push({ message: `${path}: labels have shape ${formatShape(header.shape)}; they must be one-dimensional, one class index per sample. Save them with np.save(path, labels.reshape(-1)).`, configPath, paths: [path] });
      usable = false;
    }
    if (!isIntegerDtype(header.dtype)) {
      issues.push({ message: `${path}: labels have dtype ${header.dtype}; they must be integers (class indices from 0). Save them with np.save(path, labels.astype('<i8')).`, configPath, paths: [path] });
    }
    if (split === 'train' && header.shape.length === 1 && header.shape[0] === 0) {
      issues.push({ message: `${path}: the training labels are empty; the training split needs at least one sample.`, configPath, paths: [path] });
    }
    if (usable) {
      usableLabels[split] = header.shape[0]!;
    }
  }

  for (const modality of files.modalities) {
    for (const split of ['train', 'test'] as const) {
      const file = modality[split];
      const labelCount = usableLabels[split];
      if (file.header.shape.length === 0) {
        issues.push({ message: `${file.path}: the ${modality.name} ${split} features are a single value (shape ()); they need a first axis with one row per sample.`, configPath: file.configPath, paths: [file.path] });
        continue;
      }
      if (labelCount !== undefined && file.header.shape[0] !== labelCount) {
        const labels = labelFiles[split].path;
        issues.push({
          message: `${file.path}: the ${modality.name} ${split} features have ${file.header.shape[0]} samples (shape ${formatShape(file.header.shape)}) but ${labels} has ${labelCount} labels; every ${split} file needs one row per label, in the same order.`,
          configPath: file.configPath,
          paths: [file.path, labels],
        });
      }
    }
    const { train, test } = modality;
    if (train.header.shape.length > 0 && test.header.shape.length > 0) {
      const trainShape = perSampleShape(train.header);
      const testShape = perSampleShape(test.header);
      if (trainShape.join(',') !== testShape.join(',')) {
        issues.push({
          message: `${test.path}: the ${modality.name} test features have per-sample shape ${formatShape(testShape)} but ${train.path} has ${formatShape(trainShape)}; train and test files of a modality need the same shape after the first axis.`,
          configPath: test.configPath,
          paths: [test.path, train.path],
        });
      }
    }
  }
  return issues;
}

function throwIssues(issues: readonly NpyDataIssue[]): never {
  throw new DataError(issues.map((issue) => issue.message).join('\n'));
}

/** Reads a label file and checks that no label is negative; returns the labels and the largest one. */
function readLabels(file: NpyFileHeader): { labels: Int32Array; maximum: number } {
  const labels = readNpyArray(file.path).values as Int32Array;
  let maximum = -1;
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index]!;
    if (label < 0) {
      throw new DataError(`${file.path}: label ${label} at index ${index} is negative; labels must be class indices 0, 1, 2, ... Map them with np.unique(labels, return_inverse=True)[1].`);
    }
    if (label > maximum) maximum = label;
  }
  return { labels, maximum };
}

/** Reads a feature file as float32 and rejects NaN and infinite values. */
function readFeatures(file: NpyFileHeader, name: string, split: SplitName): Float32Array {
  const values = readNpyArray(file.path, { output: 'float32' }).values as Float32Array;
  let badCount = 0;
  let firstBad = -1;
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index]!)) {
      if (badCount === 0) firstBad = index;
      badCount++;
    }
  }
  if (badCount > 0) {
    const perSample = values.length / Math.max(file.header.shape[0]!, 1);
    const sample = Math.floor(firstBad / perSample);
    throw new DataError(`${file.path}: the ${name} ${split} features contain ${badCount} NaN or infinite values, the first in sample ${sample} (value ${values[firstBad]}). Replace them (for example np.nan_to_num) or drop those samples.`);
  }
  return values;
}

/** Loads the npy dataset named in `config`, with relative paths resolved against `configDirectory`. */
export function loadNpyDataset(config: RunConfig, configDirectory: string, log: (message: string) => void): LoadedDataset {
  const { headers, issues } = readNpyDatasetHeaders(npyFileReferences(config, configDirectory));
  if (headers === undefined || issues.length > 0) {
    throwIssues(issues);
  }
  const compatibilityIssues = checkNpyCompatibility(headers);
  if (compatibilityIssues.length > 0) {
    throwIssues(compatibilityIssues);
  }

  const trainLabels = readLabels(headers.trainLabels);
  const testLabels = readLabels(headers.testLabels);
  const classes = Math.max(trainLabels.maximum, testLabels.maximum) + 1;
  if (classes < 2) {
    throw new DataError(`${headers.trainLabels.path} and ${headers.testLabels.path}: every label is 0, so there is only one class; classification needs labels from at least two classes.`);
  }
  const trainCounts = new Int32Array(classes);
  for (const label of trainLabels.labels) trainCounts[label]!++;
  const missing = [...trainCounts.keys()].filter((label) => trainCounts[label] === 0);
  if (missing.length > 0) {
    log(`npy: warning: ${headers.trainLabels.path} has no samples of class ${missing.join(', ')} (classes 0..${classes - 1} from the largest label of both splits).`);
  }

  const indices: Record<SplitName, Int32Array> = {
    train: chooseSamples('train', trainLabels.labels.length, config.data.trainSize, config.seed, log),
    test: chooseSamples('test', testLabels.labels.length, config.data.testSize, config.seed, log),
  };
  const splits: Record<SplitName, { labels: Int32Array; modalities: Record<string, ModalityArray> }> = {
    train: { labels: trainLabels.labels, modalities: {} },
    test: { labels: testLabels.labels, modalities: {} },
  };
  for (const modality of headers.modalities) {
    for (const split of ['train', 'test'] as const) {
      const file = modality[split];
      const start = performance.now();
      const values = readFeatures(file, modality.name, split);
      log(`npy: read ${modality.name} ${split} ${file.path} (${file.header.dtype}, shape ${formatShape(file.header.shape)}) in ${Math.round(performance.now() - start)} ms.`);
      splits[split].modalities[modality.name] = { shape: perSampleShape(file.header), values };
    }
  }

  const select = (split: SplitName): DatasetSplit => selectSamples({ size: splits[split].labels.length, ...splits[split] }, indices[split]);
  const train = select('train');
  const test = select('test');
  const modalityText = headers.modalities.map((modality) => `${modality.name} [${perSampleShape(modality.train.header).join(',')}] from ${basename(modality.train.path)}`).join(', ');
  return {
    kind: 'npy',
    classes,
    modalityNames: headers.modalities.map((modality) => modality.name),
    train,
    test,
    description: `npy: ${train.size} train / ${test.size} test samples, ${classes} classes; ${modalityText}.`,
  };
}
