// The MMPareto model: one encoder per modality, a linear unimodal head per encoder, and a linear
// fusion head on the concatenated features.
import * as tf from '@tensorflow/tfjs-core';
import './registerGradients';
import type { ModalityConfig } from '../contract/configSchema';
import { buildEncoder } from './buildEncoder';
import type { Encoder } from './encoder';
import { fusionHead, unimodalHead, type UnimodalHead } from './heads';
import { ParameterSet, type NamedVariable } from './parameterSet';

export type { NamedVariable } from './parameterSet';

export interface ModelOutputs {
  readonly features: Readonly<Record<string, tf.Tensor2D>>;
  readonly fusedLogits: tf.Tensor2D;
  readonly unimodalLogits: Readonly<Record<string, tf.Tensor2D>>;
}

export interface MultimodalModel {
  readonly modalities: readonly string[];
  /** Trainable parameters of each modality's encoder, in a fixed order. */
  readonly encoderParameters: Readonly<Record<string, readonly NamedVariable[]>>;
  /** Trainable parameters of the fusion head and of every unimodal head. */
  readonly headParameters: readonly NamedVariable[];
  /** Number of trainable values (running statistics excluded). */
  readonly parameterCount: number;
  /**
   * Forward pass. In training mode batch norm uses batch statistics and records running-statistic
   * updates, applied by commitBatchNormStatistics(). Differentiable with respect to all
   * parameters when called inside a gradient tape.
   */
  forward(inputs: Readonly<Record<string, tf.Tensor>>, training: boolean): ModelOutputs;
  /** Applies the running-statistic updates recorded by the last training forward pass (no-op without batch norm). */
  commitBatchNormStatistics(): void;
  /** All state to checkpoint (trainable parameters and running statistics). */
  readonly stateVariables: readonly NamedVariable[];
  dispose(): void;
}

/** Scope of the head variables: heads/fusion/... and heads/unimodal/<modality>/.... No encoder layer is named fusion or unimodal. */
const HEADS_SCOPE = 'heads';

/**
 * Builds the model for `modalities` (at least two), with per-sample input shapes
 * `inputShapes` (e.g. [28, 28, 1]) and `classes` output classes. The same seed gives the same
 * initial weights.
 */
export function buildModel(
  modalities: readonly ModalityConfig[],
  inputShapes: Readonly<Record<string, readonly number[]>>,
  classes: number,
  seed: number,
): MultimodalModel {
  const names = checkArguments(modalities, inputShapes, classes);
  const root = ParameterSet.create(seed);

  const encoders: Record<string, Encoder> = {};
  modalities.forEach((modality, index) => {
    const name = names[index]!;
    encoders[name] = buildEncoder(root.scope(name), name, modality, inputShapes[name]!);
  });

  const heads = root.scope(HEADS_SCOPE);
  const featureDims = Object.fromEntries(names.map((name) => [name, encoders[name]!.featureDim]));
  const fusion = fusionHead(heads, 'fusion', names, featureDims, classes);
  const unimodalHeads: Record<string, UnimodalHead> = {};
  for (const name of names) {
    unimodalHeads[name] = unimodalHead(heads.scope('unimodal'), name, featureDims[name]!, classes);
  }

  const encoderParameters = Object.fromEntries(names.map((name) => [name, encoders[name]!.parameters]));
  const trainable = [...names.flatMap((name) => encoders[name]!.parameters), ...heads.trainable];
  const parameterCount = trainable.reduce((sum, entry) => sum + entry.variable.size, 0);

  return {
    modalities: names,
    encoderParameters,
    headParameters: heads.trainable,
    parameterCount,
    stateVariables: root.state,
    forward(inputs, training) {
      checkInputs(names, inputShapes, inputs);
      const features: Record<string, tf.Tensor2D> = {};
      const unimodalLogits: Record<string, tf.Tensor2D> = {};
      for (const name of names) {
        features[name] = encoders[name]!.apply(inputs[name]!, training);
        unimodalLogits[name] = unimodalHeads[name]!.apply(features[name]!);
      }
      return { features, fusedLogits: fusion.apply(features), unimodalLogits };
    },
    commitBatchNormStatistics() {
      for (const name of names) {
        encoders[name]!.commitBatchNormStatistics();
      }
    },
    dispose() {
      for (const name of names) {
        encoders[name]!.dispose();
      }
      for (const entry of root.state) {
        entry.variable.dispose();
      }
    },
  };
}

/** Checks the arguments of buildModel and returns the modality names in config order. */
function checkArguments(modalities: readonly ModalityConfig[], inputShapes: Readonly<Record<string, readonly number[]>>, classes: number): string[] {
  if (modalities.length < 2) {
    throw new RangeError(`buildModel: MMPareto needs at least two modalities, got ${modalities.length}. Add modalities to the config.`);
  }
  const names: string[] = [];
  modalities.forEach((modality, index) => {
    const name = modality.name;
    if (name === undefined || name === '') {
      throw new RangeError(`buildModel: modality ${index + 1} has no name. Set modalities[${index}].name in the config.`);
    }
    if (names.includes(name)) {
      throw new RangeError(`buildModel: modality ${name} appears twice. Give every modality a unique name.`);
    }
    names.push(name);
    const shape = inputShapes[name];
    if (shape === undefined) {
      throw new RangeError(`buildModel: no input shape for modality ${name}. The dataset provides ${Object.keys(inputShapes).join(', ') || 'no modalities'}.`);
    }
    if (shape.length === 0 || shape.some((size) => !Number.isInteger(size) || size < 1)) {
      throw new RangeError(`buildModel: modality ${name} has invalid per-sample shape [${shape.join(', ')}]. Every size must be a positive integer.`);
    }
  });
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(`buildModel: classes must be an integer of at least 2, got ${classes}.`);
  }
  return names;
}

function checkInputs(names: readonly string[], inputShapes: Readonly<Record<string, readonly number[]>>, inputs: Readonly<Record<string, tf.Tensor>>): void {
  let batchSize: number | undefined;
  for (const name of names) {
    const input = inputs[name];
    if (input === undefined) {
      throw new RangeError(`forward: input for modality ${name} is missing; got ${Object.keys(inputs).join(', ') || 'no inputs'}.`);
    }
    const expected = inputShapes[name]!;
    const perSample = input.shape.slice(1);
    if (perSample.length !== expected.length || perSample.some((size: number, index: number) => size !== expected[index])) {
      throw new RangeError(`forward: input for modality ${name} has shape [${input.shape.join(', ')}], expected [batch, ${expected.join(', ')}].`);
    }
    if (batchSize !== undefined && input.shape[0] !== batchSize) {
      throw new RangeError(`forward: modality ${name} has a batch of ${input.shape[0]} samples but the first modality has ${batchSize}; all modalities must have the same batch size.`);
    }
    batchSize = input.shape[0];
  }
}
