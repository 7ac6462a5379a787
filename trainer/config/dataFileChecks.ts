// Checks of the data files a config names, beyond what the schema can see. Each .npy file must
// exist and have a readable header, the files must fit each other (checkNpyCompatibility of the
// data layer), and the batch size must fit the training split. The checks read the raw parsed
// value, so a typo elsewhere in the file does not hide a missing file.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_SCHEMA } from '../contract/configSchema';
import { formatConfigPath, type ConfigPath } from '../contract/validateConfig';
import { DataError, formatShape } from '../data/dataset';
import { readNpyHeader, type NpyHeader } from '../data/npy';
import {
  checkNpyCompatibility,
  perSampleShape,
  type NpyDatasetFiles,
  type NpyFileHeader,
  type NpyFileReference,
  type NpyModalityFiles,
} from '../data/npyDataset';
import { imageShape } from '../model/encoder';
import type { DataFileIssueCode } from './positionedIssue';

/** The header of a .npy file, or why it could not be read. */
export type NpyHeaderResult =
  | { readonly kind: 'header'; readonly header: NpyHeader }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'invalid'; readonly message: string };

/** Reads the header of the .npy file at an absolute path; the language server caches it. */
export type NpyHeaderSource = (absolutePath: string) => NpyHeaderResult;

export interface DataFileIssue {
  readonly path: ConfigPath;
  readonly code: DataFileIssueCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** For batch-too-large: the largest batch size that fits. */
  readonly clampedValue?: number;
}

/** Reads a header straight from disk, turning every failure into a result. */
export function readNpyHeaderResult(absolutePath: string): NpyHeaderResult {
  const stats = statSync(absolutePath, { throwIfNoEntry: false });
  if (stats === undefined) {
    return { kind: 'not-found', message: `${absolutePath}: file not found. Check the path; relative paths are resolved against the folder of the config file.` };
  }
  try {
    return { kind: 'header', header: readNpyHeader(absolutePath) };
  } catch (error) {
    if (error instanceof DataError) {
      return { kind: 'invalid', message: error.message };
    }
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function wholeNumberAt(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

interface CollectedFiles {
  /** Every path written in the config, with where it is written. */
  readonly references: NpyFileReference[];
  /** The full set, when the config names every file an npy dataset needs. */
  readonly dataset?: NpyDatasetFiles<NpyFileReference>;
}

function collectNpyFiles(raw: Record<string, unknown>, configDirectory: string): CollectedFiles {
  const data = isRecord(raw['data']) ? raw['data'] : undefined;
  const references: NpyFileReference[] = [];
  const reference = (value: string | undefined, configPath: ConfigPath): NpyFileReference | undefined => {
    if (value === undefined) {
      return undefined;
    }
    const file = { path: resolve(configDirectory, value), configPath };
    references.push(file);
    return file;
  };

  const trainLabels = reference(stringAt(data, 'trainLabels'), ['data', 'trainLabels']);
  const testLabels = reference(stringAt(data, 'testLabels'), ['data', 'testLabels']);
  const rawModalities = Array.isArray(raw['modalities']) ? (raw['modalities'] as unknown[]) : [];
  const modalities: Array<NpyModalityFiles<NpyFileReference | undefined>> = rawModalities.map((entry, index) => {
    const modality = isRecord(entry) ? entry : undefined;
    return {
      name: stringAt(modality, 'name') ?? `modalities[${index}]`,
      train: reference(stringAt(modality, 'train'), ['modalities', index, 'train']),
      test: reference(stringAt(modality, 'test'), ['modalities', index, 'test']),
    };
  });

  const complete =
    trainLabels !== undefined &&
    testLabels !== undefined &&
    modalities.length > 0 &&
    modalities.every((modality) => modality.train !== undefined && modality.test !== undefined);
  if (!complete) {
    return { references };
  }
  return { references, dataset: { trainLabels, testLabels, modalities: modalities as Array<NpyModalityFiles<NpyFileReference>> } };
}

const modalityFields = CONFIG_SCHEMA.fields.modalities.item.fields;

/**
 * Checks that each modality's training features fit its encoder. cnn and resnet18 take images
 * [height, width, channels] (imageShape of the model). Each cnn block halves height and width,
 * rounding down, so both must stay at least 1 after the last block, as cnnEncoder checks.
 */
function checkEncoderFit(raw: Record<string, unknown>, references: readonly NpyFileReference[], headers: ReadonlyMap<string, NpyHeader>): DataFileIssue[] {
  const issues: DataFileIssue[] = [];
  const rawModalities = Array.isArray(raw['modalities']) ? (raw['modalities'] as unknown[]) : [];
  rawModalities.forEach((entry, index) => {
    const modality = isRecord(entry) ? entry : undefined;
    const train = references.find((file) => file.configPath[0] === 'modalities' && file.configPath[1] === index && file.configPath[2] === 'train');
    const header = train && headers.get(train.path);
    if (train === undefined || header === undefined || header.shape.length === 0) {
      return;
    }
    const rawEncoder = modality?.['encoder'];
    const encoder = modalityFields.encoder.values.find((value) => value === rawEncoder) ?? modalityFields.encoder.default;
    if (encoder === 'mlp') {
      return;
    }
    const name = stringAt(modality, 'name') ?? `modalities[${index}]`;
    const where: ConfigPath = modality !== undefined && 'encoder' in modality ? ['modalities', index, 'encoder'] : train.configPath;
    const shape = perSampleShape(header);
    let height: number;
    let width: number;
    try {
      [height, width] = imageShape(name, encoder, shape);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      const written = where === train.configPath ? ` (the default encoder is ${encoder})` : '';
      issues.push({ path: where, code: 'data-mismatch', severity: 'error', message: `${formatConfigPath(where)}: ${error.message}${written}` });
      return;
    }
    const rawChannels = modality?.['channels'];
    const blocks = Array.isArray(rawChannels) && rawChannels.length > 0 ? rawChannels.length : modalityFields.channels.default.length;
    if (encoder === 'cnn' && (height >> blocks < 1 || width >> blocks < 1)) {
      issues.push({
        path: where,
        code: 'data-mismatch',
        severity: 'error',
        message: `${formatConfigPath(where)}: the cnn encoder of ${name} halves the image in each of its ${blocks} blocks, but ${train.path} has images of shape ${formatShape(shape)}, too small for ${blocks} halvings. Remove entries from channels or use larger images.`,
      });
    }
  });
  return issues;
}

/** Training samples of each built-in dataset when data.trainSize is 0 (the whole split). */
const BUILT_IN_TRAIN_SPLIT: Readonly<Record<string, number>> = { 'cg-mnist': 60000, synthetic: 10000 };

/** Size of the training split a run would use, when the config and files tell it. */
function trainingSplitSize(raw: Record<string, unknown>, trainLabels: NpyHeader | undefined): number | undefined {
  const data = isRecord(raw['data']) ? raw['data'] : undefined;
  const requested = wholeNumberAt(data, 'trainSize') ?? CONFIG_SCHEMA.fields.data.fields.trainSize.default;
  const kind = typeof data?.['kind'] === 'string' ? data['kind'] : CONFIG_SCHEMA.fields.data.fields.kind.default;
  const available = trainLabels?.shape.length === 1 ? trainLabels.shape[0] : BUILT_IN_TRAIN_SPLIT[kind];
  if (available === undefined) {
    // An npy config whose label file cannot be read: only an explicit trainSize gives the size.
    return requested > 0 ? requested : undefined;
  }
  return requested > 0 ? Math.min(requested, available) : available;
}

function checkBatchSize(raw: Record<string, unknown>, trainLabels: NpyHeader | undefined): DataFileIssue[] {
  const batchSize = wholeNumberAt(raw, 'batchSize') ?? CONFIG_SCHEMA.fields.batchSize.default;
  const splitSize = trainingSplitSize(raw, trainLabels);
  if (splitSize === undefined || splitSize <= 0 || batchSize <= splitSize) {
    return [];
  }
  const where = 'batchSize' in raw ? ['batchSize'] : ['data', 'trainSize'];
  return [
    {
      path: where,
      code: 'batch-too-large',
      severity: 'error',
      message: `batchSize: ${batchSize} is larger than the training split of ${splitSize} samples; use a batch size of at most ${splitSize}, or more training data (data.trainSize, 0 for all).`,
      clampedValue: splitSize,
    },
  ];
}

/**
 * Checks the data files named in a parsed config. `configDirectory` is the folder relative
 * paths start from; `readHeader` reads (or looks up) one header.
 */
export function checkDataFiles(raw: unknown, configDirectory: string, readHeader: NpyHeaderSource = readNpyHeaderResult): DataFileIssue[] {
  if (!isRecord(raw)) {
    return [];
  }
  const data = isRecord(raw['data']) ? raw['data'] : undefined;
  const kind = data?.['kind'] ?? CONFIG_SCHEMA.fields.data.fields.kind.default;
  if (kind !== 'npy') {
    return checkBatchSize(raw, undefined);
  }

  const issues: DataFileIssue[] = [];
  const { references, dataset } = collectNpyFiles(raw, configDirectory);
  const headers = new Map<string, NpyHeader>();
  for (const file of references) {
    const result = readHeader(file.path);
    if (result.kind === 'header') {
      headers.set(file.path, result.header);
    } else {
      issues.push({
        path: file.configPath,
        code: result.kind === 'not-found' ? 'file-not-found' : 'invalid-data-file',
        severity: 'error',
        message: `${formatConfigPath(file.configPath)}: ${result.message}`,
      });
    }
  }

  if (dataset !== undefined && issues.length === 0) {
    const withHeader = (file: NpyFileReference): NpyFileHeader => ({ ...file, header: headers.get(file.path)! });
    const compatibility = checkNpyCompatibility({
      trainLabels: withHeader(dataset.trainLabels),
      testLabels: withHeader(dataset.testLabels),
      modalities: dataset.modalities.map((modality) => ({ name: modality.name, train: withHeader(modality.train), test: withHeader(modality.test) })),
    });
    for (const issue of compatibility) {
      issues.push({ path: issue.configPath, code: 'data-mismatch', severity: 'error', message: `${formatConfigPath(issue.configPath)}: ${issue.message}` });
    }
  }

  issues.push(...checkEncoderFit(raw, references, headers));
  const trainLabelsFile = references.find((file) => file.configPath[1] === 'trainLabels');
  issues.push(...checkBatchSize(raw, trainLabelsFile && headers.get(trainLabelsFile.path)));
  return issues;
}
