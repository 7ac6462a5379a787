// Checkpoints of a model's state (trainable parameters and batch-norm running statistics) in a
// folder of two files: model.json (format, metadata and, per variable, name, shape, dtype and byte
// range) and weights.bin (the values as float32 little-endian, concatenated in model.json order).
//
// Each file is written to a temporary name, flushed to disk and renamed over the old one, so
// neither file is ever seen half-written. weights.bin is renamed first and model.json records its
// SHA-256: a crash between the two renames leaves a new weights.bin beside the old model.json,
// and loadCheckpoint rejects that pair instead of loading mixed weights.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { MultimodalModel, NamedVariable } from './multimodalModel';

export const CHECKPOINT_MANIFEST_FILE = 'model.json';
export const CHECKPOINT_WEIGHTS_FILE = 'weights.bin';
export const CHECKPOINT_FORMAT = 'mmpareto-lab-checkpoint';
export const CHECKPOINT_FORMAT_VERSION = 1;

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Free-form facts stored with the weights, such as the run id, epoch and accuracy. */
export type CheckpointMetadata = Readonly<Record<string, JsonValue>>;

export interface CheckpointWeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
  /** Offset of the first byte in weights.bin. */
  readonly byteOffset: number;
  readonly byteLength: number;
}

export interface CheckpointManifest {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly formatVersion: number;
  readonly savedAt: string;
  readonly metadata: CheckpointMetadata;
  readonly weightsFile: string;
  readonly weightsByteLength: number;
  /** Hex SHA-256 of weights.bin, which ties the two files together. */
  readonly weightsSha256: string;
  readonly weights: readonly CheckpointWeightEntry[];
}

const BYTES_PER_FLOAT32 = 4;

/** Writes the model's state to `directory` (created if missing), replacing any checkpoint there. */
export function saveCheckpoint(model: MultimodalModel, directory: string, metadata: CheckpointMetadata): CheckpointManifest {
  const entries: CheckpointWeightEntry[] = [];
  let byteLength = 0;
  for (const { name, variable } of model.stateVariables) {
    if (variable.dtype !== 'float32') {
      throw new TypeError(`saveCheckpoint: variable ${name} has dtype ${variable.dtype}, but checkpoints store float32 only.`);
    }
    const entryBytes = variable.size * BYTES_PER_FLOAT32;
    entries.push({ name, shape: [...variable.shape], dtype: 'float32', byteOffset: byteLength, byteLength: entryBytes });
    byteLength += entryBytes;
  }

  const weights = Buffer.alloc(byteLength);
  model.stateVariables.forEach(({ variable }, index) => {
    const values = variable.dataSync() as Float32Array;
    const offset = entries[index]!.byteOffset;
    for (let position = 0; position < values.length; position++) {
      weights.writeFloatLE(values[position]!, offset + position * BYTES_PER_FLOAT32);
    }
  });

  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    savedAt: new Date().toISOString(),
    metadata,
    weightsFile: CHECKPOINT_WEIGHTS_FILE,
    weightsByteLength: byteLength,
    weightsSha256: sha256(weights),
    weights: entries,
  };

  mkdirSync(directory, { recursive: true });
  const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const weightsPath = join(directory, CHECKPOINT_WEIGHTS_FILE);
  const manifestPath = join(directory, CHECKPOINT_MANIFEST_FILE);
  const temporaryWeights = weightsPath + suffix;
  const temporaryManifest = manifestPath + suffix;
  try {
    writeDurably(temporaryWeights, weights);
    writeDurably(temporaryManifest, Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
    renameSync(temporaryWeights, weightsPath);
    renameSync(temporaryManifest, manifestPath);
    syncDirectory(directory);
  } finally {
    rmSync(temporaryWeights, { force: true });
    rmSync(temporaryManifest, { force: true });
  }
  return manifest;
}

/**
 * Restores the model's state from `directory` and returns the checkpoint's metadata. Every check
 * runs before the first assignment, so a checkpoint that does not fit leaves the model unchanged.
 */
export function loadCheckpoint(model: MultimodalModel, directory: string): CheckpointMetadata {
  const manifestPath = join(directory, CHECKPOINT_MANIFEST_FILE);
  const manifest = readManifest(manifestPath);
  const weightsPath = join(directory, manifest.weightsFile);
  if (!existsSync(weightsPath)) {
    throw new Error(`Checkpoint file ${weightsPath} not found, but ${manifestPath} refers to it. Save the checkpoint again.`);
  }
  const weights = readFileSync(weightsPath);
  if (weights.length !== manifest.weightsByteLength || sha256(weights) !== manifest.weightsSha256) {
    throw new Error(
      `Checkpoint file ${weightsPath} does not match ${manifestPath} (${weights.length} bytes, expected ${manifest.weightsByteLength} with the recorded SHA-256). The save was interrupted or the files come from different saves; save the checkpoint again.`,
    );
  }

  const byName = new Map(manifest.weights.map((entry) => [entry.name, entry]));
  const modelNames = new Set(model.stateVariables.map((entry) => entry.name));
  for (const entry of manifest.weights) {
    if (!modelNames.has(entry.name)) {
      throw new Error(`Checkpoint ${manifestPath} has variable ${entry.name}, which this model does not have. The checkpoint was saved from a model with a different config.`);
    }
  }
  const assignments: Array<{ readonly target: NamedVariable; readonly values: Float32Array }> = [];
  for (const target of model.stateVariables) {
    const entry = byName.get(target.name);
    if (entry === undefined) {
      throw new Error(`Checkpoint ${manifestPath} has no variable ${target.name}. The checkpoint was saved from a model with a different config.`);
    }
    const expectedShape = target.variable.shape;
    if (entry.shape.length !== expectedShape.length || entry.shape.some((size, index) => size !== expectedShape[index])) {
      throw new Error(`Checkpoint ${manifestPath}: variable ${target.name} has shape [${entry.shape.join(', ')}] but the model expects [${expectedShape.join(', ')}].`);
    }
    assignments.push({ target, values: readFloats(weights, entry, weightsPath) });
  }

  for (const { target, values } of assignments) {
    const restored = tf.tensor(values, target.variable.shape, 'float32');
    target.variable.assign(restored);
    restored.dispose();
  }
  return manifest.metadata;
}

function readManifest(manifestPath: string): CheckpointManifest {
  if (!existsSync(manifestPath)) {
    throw new Error(`Checkpoint file ${manifestPath} not found. Check the checkpoint folder, or train with checkpoint: true to create one.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`Checkpoint file ${manifestPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const manifest = parsed as Partial<CheckpointManifest> | null;
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== CHECKPOINT_FORMAT) {
    throw new Error(`Checkpoint file ${manifestPath} is not an MMPareto Lab checkpoint (format field is not "${CHECKPOINT_FORMAT}").`);
  }
  if (manifest.formatVersion !== CHECKPOINT_FORMAT_VERSION) {
    throw new Error(`Checkpoint file ${manifestPath} has format version ${String(manifest.formatVersion)}, but this trainer reads version ${CHECKPOINT_FORMAT_VERSION}. Save the checkpoint again with this trainer.`);
  }
  if (!Array.isArray(manifest.weights) || typeof manifest.weightsFile !== 'string' || typeof manifest.weightsByteLength !== 'number' || typeof manifest.weightsSha256 !== 'string') {
    throw new Error(`Checkpoint file ${manifestPath} is missing weights, weightsFile, weightsByteLength or weightsSha256.`);
  }
  for (const entry of manifest.weights) {
    const valid =
      typeof entry?.name === 'string' &&
      Array.isArray(entry.shape) &&
      entry.shape.every((size: unknown) => Number.isInteger(size) && (size as number) >= 0) &&
      entry.dtype === 'float32' &&
      Number.isInteger(entry.byteOffset) &&
      Number.isInteger(entry.byteLength);
    if (!valid) {
      throw new Error(`Checkpoint file ${manifestPath} has an invalid weights entry: ${JSON.stringify(entry)}. Expected name, shape, dtype float32, byteOffset and byteLength.`);
    }
  }
  return manifest as CheckpointManifest;
}

function readFloats(weights: Buffer, entry: CheckpointWeightEntry, weightsPath: string): Float32Array {
  const count = entry.shape.reduce((product, size) => product * size, 1);
  if (entry.byteLength !== count * BYTES_PER_FLOAT32 || entry.byteOffset < 0 || entry.byteOffset + entry.byteLength > weights.length) {
    throw new Error(`Checkpoint file ${weightsPath}: variable ${entry.name} has byte range ${entry.byteOffset}+${entry.byteLength}, which does not fit shape [${entry.shape.join(', ')}] in a file of ${weights.length} bytes.`);
  }
  const values = new Float32Array(count);
  for (let position = 0; position < count; position++) {
    values[position] = weights.readFloatLE(entry.byteOffset + position * BYTES_PER_FLOAT32);
  }
  return values;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes `data` to a new file and flushes it to disk before returning. */
function writeDurably(path: string, data: Buffer): void {
  const descriptor = openSync(path, 'wx');
  try {
    let written = 0;
    while (written < data.length) {
      written += writeSync(descriptor, data, written, data.length - written);
    }
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Flushes the directory entry so the renames survive a power loss, where the platform allows it. */
function syncDirectory(directory: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, 'r');
    fsyncSync(descriptor);
  } catch {
    // Windows cannot fsync a directory. The renames are done already, only less durable.
  } finally {
    if (descriptor !== undefined) {
      closeSync(descriptor);
    }
  }
}
