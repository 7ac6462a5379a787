// A 2-D convolution ('same' padding, NHWC) that is differentiable on every TensorFlow.js
// backend. The WebAssembly backend of @tensorflow/tfjs-backend-wasm 4.22.0 registers Conv2D and
// Conv2DBackpropInput but no Conv2DBackpropFilter kernel, so tf.conv2d's built-in gradient fails
// there, and the cpu backend's kernel is slow. This module computes the filter gradient as a
// forward convolution instead.
import * as tf from '@tensorflow/tfjs-core';
import './registerGradients';

/** Name of the kernel that computes tf.conv2d's built-in filter gradient. */
export const FILTER_GRADIENT_KERNEL = 'Conv2DBackpropFilter';

/**
 * Backends whose Conv2DBackpropFilter conv2dSame uses: tensorflow, the native backend of
 * tfjs-node and tfjs-node-gpu. The cpu backend has the kernel too, but as plain loops. On a
 * shared 2-core Xeon, scripts/bench/convSteps.ts measured 5 to 11 s for the filter gradient of
 * one layer of the default cnn at batch 64, and 0.4 to 1.1 s for the forward-convolution
 * gradient on the same backend.
 */
const BUILT_IN_FILTER_GRADIENT_BACKENDS: ReadonlySet<string> = new Set(['tensorflow']);

/** Returns true when `backendName` (default: the active backend) registers Conv2DBackpropFilter. */
export function hasFilterGradientKernel(backendName: string = tf.getBackend()): boolean {
  return tf.getKernel(FILTER_GRADIENT_KERNEL, backendName) !== undefined;
}

/** Returns true when conv2dSame computes the filter gradient as a forward convolution on `backendName`. */
export function usesForwardFilterGradient(backendName: string = tf.getBackend()): boolean {
  return !(BUILT_IN_FILTER_GRADIENT_BACKENDS.has(backendName) && hasFilterGradientKernel(backendName));
}

/**
 * Convolves x [N, H, W, Cin] with filter [kh, kw, Cin, Cout], stride `stride` in both spatial
 * axes and 'same' padding. Uses tf.conv2d and its built-in gradient on the native tensorflow
 * backend, and conv2dWithForwardFilterGradient on every other backend (wasm, cpu).
 */
export function conv2dSame(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  if (!usesForwardFilterGradient()) {
    return tf.conv2d(x, filter, stride, 'same');
  }
  return conv2dWithForwardFilterGradient(x, filter, stride);
}

/**
 * Computes tf.conv2d(x, filter, stride, 'same') with a custom gradient. The input gradient is
 * tf.conv2dTranspose (the Conv2DBackpropInput kernel). The filter gradient is a forward
 * convolution over the batch-transposed input, so the backward pass needs only the Conv2D,
 * Conv2DBackpropInput, Transpose and Slice kernels.
 */
export function conv2dWithForwardFilterGradient(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  checkShapes(x, filter, stride);
  const convolve = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor4D;
    const kernel = args[1] as tf.Tensor4D;
    const save = args[2] as tf.GradSaveFunc;
    save([input, kernel]);
    const value = tf.conv2d(input, kernel, stride, 'same');
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
      const outputGradient = dy as tf.Tensor4D;
      const savedInput = saved[0] as tf.Tensor4D;
      const savedKernel = saved[1] as tf.Tensor4D;
      const inputGradient = tf.conv2dTranspose(outputGradient, savedKernel, savedInput.shape, stride, 'same');
      const kernelGradient = filterGradient(savedInput, outputGradient, savedKernel.shape, stride);
      return [inputGradient, kernelGradient];
    };
    return { value, gradFunc };
  });
  return convolve(x, filter) as tf.Tensor4D;
}

/**
 * Computes dL/dfilter for a 'same' convolution of x [N, H, W, Cin] with output gradient
 * dy [N, Ho, Wo, Cout].
 *
 * With xp the zero-padded input, dW[a, b, ci, co] = sum over n, i, j of
 * xp[n, a + s*i, b + s*j, ci] * dy[n, i, j, co]. Read x as a batch of Cin images with N
 * channels ([Cin, H, W, N]) and dy as a filter of size Ho x Wo from N to Cout channels
 * ([Ho, Wo, N, Cout]). Then that sum is a stride-1 convolution with dilation s, and its output
 * [Cin, kh, kw, Cout] transposes to the filter layout.
 */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: readonly number[], stride: number): tf.Tensor4D {
  const [filterHeight, filterWidth, inChannels, outChannels] = filterShape as [number, number, number, number];
  const [, inHeight, inWidth] = x.shape;
  const [, outHeight, outWidth] = dy.shape;
  const padInfo = tf.backend_util.computeConv2DInfo(x.shape, [filterHeight, filterWidth, inChannels, outChannels], stride, 1, 'same').padInfo;

  // Pad only as far as the last filter row and column read, because the forward 'same' padding
  // may add a bottom or right row that no output position of the gradient needs.
  const padBottom = Math.max(filterHeight + stride * (outHeight - 1) - inHeight - padInfo.top, 0);
  const padRight = Math.max(filterWidth + stride * (outWidth - 1) - inWidth - padInfo.left, 0);

  const imagesPerChannel = tf.transpose(x, [3, 1, 2, 0]);
  const gradientAsFilter = tf.transpose(dy, [1, 2, 0, 3]);
  const padding: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [padInfo.top, padBottom],
    [padInfo.left, padRight],
    [0, 0],
  ];
  const correlation = tf.conv2d(imagesPerChannel, gradientAsFilter, 1, padding, 'NHWC', stride);
  imagesPerChannel.dispose();
  gradientAsFilter.dispose();

  // With stride > 1 the input can have rows or columns past the last one the forward
  // convolution reads. They make the correlation larger than the filter, so drop them.
  let cropped = correlation;
  if (correlation.shape[1] !== filterHeight || correlation.shape[2] !== filterWidth) {
    cropped = tf.slice(correlation, [0, 0, 0, 0], [inChannels, filterHeight, filterWidth, outChannels]);
    correlation.dispose();
  }
  const gradient = tf.transpose(cropped, [1, 2, 0, 3]);
  cropped.dispose();
  return gradient;
}

function checkShapes(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): void {
  if (!Number.isInteger(stride) || stride < 1) {
    throw new RangeError(`conv2d: stride must be a positive integer, got ${stride}.`);
  }
  if (x.rank !== 4 || filter.rank !== 4) {
    throw new RangeError(`conv2d: expected input [N, H, W, C] and filter [kh, kw, Cin, Cout], got input [${x.shape.join(', ')}] and filter [${filter.shape.join(', ')}].`);
  }
  if (x.shape[3] !== filter.shape[2]) {
    throw new RangeError(`conv2d: input has ${x.shape[3]} channels but the filter expects ${filter.shape[2]}.`);
  }
}
