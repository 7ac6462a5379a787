// ResNet-18 (He et al. 2016) adapted to small images such as 28x28 MNIST digits. The stem is one
// 3x3 convolution with stride 1, with no max pooling after it. The original 7x7 stride-2 stem and
// 3x3 max pooling would shrink 28x28 to 7x7 before the first stage. Then come four stages of two
// basic blocks with widths w, 2w, 4w, 8w and first-block strides 1, 2, 2, 2 (28x28 becomes 28,
// 14, 7, 4), global average pooling, and a linear layer to featureDim. The projection has no
// ReLU, so the heads see a linear map of the pooled features, as in the MMPareto reference code
// where the heads read the pooled ResNet output directly.
//
// Convolutions have no bias because batch norm follows each one. A basic block is
// conv3x3(stride) - BN - ReLU - conv3x3 - BN, plus a shortcut that is the identity, or a 1x1
// convolution with the block's stride and BN when the shape changes, then ReLU.
import * as tf from '@tensorflow/tfjs-core';
import { batchNormLayer, type BatchNormLayer } from './batchNorm';
import { conv2dLayer, type Conv2dLayer } from './conv2dLayer';
import { denseLayer } from './denseLayer';
import { imageShape, type Encoder } from './encoder';
import type { ParameterSet } from './parameterSet';

export interface Resnet18EncoderOptions {
  /** Channels of the first stage; the later stages have 2, 4 and 8 times as many. */
  readonly width: number;
  readonly featureDim: number;
}

const STAGE_STRIDES = [1, 2, 2, 2] as const;
const BLOCKS_PER_STAGE = 2;

interface ConvBatchNorm {
  readonly convolution: Conv2dLayer;
  readonly batchNorm: BatchNormLayer;
}

interface BasicBlock {
  readonly first: ConvBatchNorm;
  readonly second: ConvBatchNorm;
  /** Absent when the block keeps its input's shape. */
  readonly shortcut: ConvBatchNorm | undefined;
}

function convBatchNorm(parameters: ParameterSet, name: string, kernelSize: number, inChannels: number, outChannels: number, stride: number): ConvBatchNorm {
  const scope = parameters.scope(name);
  return {
    convolution: conv2dLayer(scope, 'conv', { kernelSize, inChannels, outChannels, stride, useBias: false }),
    batchNorm: batchNormLayer(scope, 'bn', outChannels),
  };
}

function applyConvBatchNorm(layer: ConvBatchNorm, x: tf.Tensor4D, training: boolean): tf.Tensor4D {
  return layer.batchNorm.apply(layer.convolution.apply(x), training);
}

function basicBlock(parameters: ParameterSet, inChannels: number, outChannels: number, stride: number): BasicBlock {
  const changesShape = stride !== 1 || inChannels !== outChannels;
  return {
    first: convBatchNorm(parameters, 'unit1', 3, inChannels, outChannels, stride),
    second: convBatchNorm(parameters, 'unit2', 3, outChannels, outChannels, 1),
    shortcut: changesShape ? convBatchNorm(parameters, 'shortcut', 1, inChannels, outChannels, stride) : undefined,
  };
}

function applyBasicBlock(block: BasicBlock, x: tf.Tensor4D, training: boolean): tf.Tensor4D {
  const hidden = tf.relu(applyConvBatchNorm(block.first, x, training));
  const residual = applyConvBatchNorm(block.second, hidden, training);
  const shortcut = block.shortcut === undefined ? x : applyConvBatchNorm(block.shortcut, x, training);
  return tf.relu(tf.add(residual, shortcut)) as tf.Tensor4D;
}

/**
 * Builds a ResNet-18 encoder with variables stem/..., stage1/block1/unit1/conv/kernel,
 * .../bn/gamma, ..., and projection under `parameters`.
 */
export function resnet18Encoder(parameters: ParameterSet, modality: string, perSampleShape: readonly number[], options: Resnet18EncoderOptions): Encoder {
  const [, , inputChannels] = imageShape(modality, 'resnet18', perSampleShape);
  const stem = convBatchNorm(parameters, 'stem', 3, inputChannels, options.width, 1);

  const blocks: BasicBlock[] = [];
  const batchNorms: BatchNormLayer[] = [stem.batchNorm];
  let channels = options.width;
  STAGE_STRIDES.forEach((stageStride, stageIndex) => {
    const stageChannels = options.width * 2 ** stageIndex;
    const stage = parameters.scope(`stage${stageIndex + 1}`);
    for (let blockIndex = 0; blockIndex < BLOCKS_PER_STAGE; blockIndex++) {
      const stride = blockIndex === 0 ? stageStride : 1;
      const block = basicBlock(stage.scope(`block${blockIndex + 1}`), channels, stageChannels, stride);
      blocks.push(block);
      batchNorms.push(block.first.batchNorm, block.second.batchNorm);
      if (block.shortcut !== undefined) {
        batchNorms.push(block.shortcut.batchNorm);
      }
      channels = stageChannels;
    }
  });
  const projection = denseLayer(parameters, 'projection', channels, options.featureDim, 'glorot-uniform');

  return {
    featureDim: options.featureDim,
    parameters: parameters.trainable,
    state: parameters.state,
    apply(input: tf.Tensor, training: boolean): tf.Tensor2D {
      let activation = tf.relu(applyConvBatchNorm(stem, input as tf.Tensor4D, training));
      for (const block of blocks) {
        activation = applyBasicBlock(block, activation, training);
      }
      const pooled = tf.mean(activation, [1, 2]) as tf.Tensor2D;
      return projection.apply(pooled);
    },
    commitBatchNormStatistics(): void {
      for (const batchNorm of batchNorms) {
        batchNorm.commit();
      }
    },
    dispose(): void {
      for (const batchNorm of batchNorms) {
        batchNorm.dispose();
      }
    },
  };
}
