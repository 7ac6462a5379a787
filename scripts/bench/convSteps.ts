// Benchmark: milliseconds per forward and backward pass of the default two-CNN model (channels
// [16, 32], featureDim 64, batch 64, 28x28x1 and 28x28x3 inputs, 10 classes) on the wasm and the
// cpu backend. Both compute the filter gradient as a forward convolution (conv2dSame). A second
// table times the filter gradient of single convolutions, including the cpu backend's built-in
// Conv2DBackpropFilter kernel. Rounds alternate the backends so load from other processes hits
// both alike. Run with `npm run bench:conv [-- --rounds 3 --steps 3]`.
import * as tf from '@tensorflow/tfjs-core';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { ModalityConfig } from '../../trainer/contract/configSchema';
import { selectBackend } from '../../trainer/backend/selectBackend';
import { conv2dWithForwardFilterGradient } from '../../trainer/model/conv2d';
import { buildModel } from '../../trainer/model/multimodalModel';

const BATCH = 64;
const CLASSES = 10;
const MODALITIES: ModalityConfig[] = [
  { name: 'gray', encoder: 'cnn', hidden: [128], channels: [16, 32], width: 16, featureDim: 64, train: undefined, test: undefined },
  { name: 'colored', encoder: 'cnn', hidden: [128], channels: [16, 32], width: 16, featureDim: 64, train: undefined, test: undefined },
];
const SHAPES = { gray: [28, 28, 1], colored: [28, 28, 3] };

type Backend = 'wasm' | 'cpu';

/** Returns the milliseconds of each of `steps` model passes after one warm-up pass. */
function timeModelSteps(steps: number): number[] {
  const model = buildModel(MODALITIES, SHAPES, CLASSES, 0);
  const inputs = {
    gray: tf.randomNormal([BATCH, 28, 28, 1], 0, 1, 'float32', 1),
    colored: tf.randomNormal([BATCH, 28, 28, 3], 0, 1, 'float32', 2),
  };
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, index) => index % CLASSES), 'int32'), CLASSES);
  const variables = [...model.modalities.flatMap((name) => model.encoderParameters[name]!), ...model.headParameters].map((entry) => entry.variable);

  const step = (): void => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const outputs = model.forward(inputs, true);
        const unimodal = model.modalities.map((name) => tf.losses.softmaxCrossEntropy(labels, outputs.unimodalLogits[name]!) as tf.Scalar);
        return tf.addN([tf.losses.softmaxCrossEntropy(labels, outputs.fusedLogits) as tf.Scalar, ...unimodal]) as tf.Scalar;
      }, variables);
      // Reading every gradient makes sure all work is done before the clock stops.
      value.dataSync();
      Object.values(grads).forEach((gradient) => gradient.dataSync());
    });
  };

  step();
  const times: number[] = [];
  for (let index = 0; index < steps; index++) {
    const start = performance.now();
    step();
    times.push(performance.now() - start);
  }
  tf.dispose([inputs.gray, inputs.colored, labels]);
  model.dispose();
  return times;
}

interface ConvCase {
  readonly label: string;
  readonly input: [number, number, number, number];
  readonly outChannels: number;
}

const CONV_CASES: readonly ConvCase[] = [
  { label: 'conv1 colored 64x28x28x3 -> 16', input: [BATCH, 28, 28, 3], outChannels: 16 },
  { label: 'conv2 64x14x14x16 -> 32', input: [BATCH, 14, 14, 16], outChannels: 32 },
];

/** Returns the median milliseconds of the filter gradient of one 3x3 convolution. */
function timeFilterGradient(convCase: ConvCase, useForwardConvolution: boolean, steps: number): number {
  const x = tf.randomNormal(convCase.input, 0, 1, 'float32', 3) as tf.Tensor4D;
  const filter = tf.randomNormal([3, 3, convCase.input[3], convCase.outChannels], 0, 1, 'float32', 4) as tf.Tensor4D;
  const convolve = useForwardConvolution ? conv2dWithForwardFilterGradient : (input: tf.Tensor4D, kernel: tf.Tensor4D) => tf.conv2d(input, kernel, 1, 'same');
  const gradient = tf.grad((kernel: tf.Tensor) => tf.sum(convolve(x, kernel as tf.Tensor4D, 1)));
  const run = (): void => {
    tf.tidy(() => {
      gradient(filter).dataSync();
    });
  };
  run();
  const times: number[] = [];
  for (let index = 0; index < steps; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  tf.dispose([x, filter]);
  return median(times);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(milliseconds: number): string {
  return milliseconds.toFixed(1).padStart(9);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, steps: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  const steps = Number(values.steps);
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(steps) || steps < 1) {
    throw new Error(`Invalid --rounds ${values.rounds} or --steps ${values.steps}: both must be positive integers.`);
  }

  const details: Record<Backend, string> = { wasm: '', cpu: '' };
  const modelTimes: Record<Backend, number[]> = { wasm: [], cpu: [] };
  const loadBefore = loadavg()[0]!;
  for (let round = 0; round < rounds; round++) {
    for (const backend of ['wasm', 'cpu'] as const) {
      details[backend] = (await selectBackend(backend, () => undefined)).detail;
      modelTimes[backend].push(...timeModelSteps(steps));
    }
  }

  console.log(`Two-CNN model, batch ${BATCH}: ms per forward + backward pass (median of ${rounds * steps} after warm-up)`);
  console.log(`  wasm: ${details.wasm}`);
  console.log(`  cpu:  ${details.cpu}`);
  const wasmModel = median(modelTimes.wasm);
  const cpuModel = median(modelTimes.cpu);
  console.log(`${'wasm'.padStart(9)}${'cpu'.padStart(9)}  cpu/wasm`);
  console.log(`${format(wasmModel)}${format(cpuModel)}  ${(cpuModel / wasmModel).toFixed(2)}x`);

  console.log('');
  console.log(`Filter gradient of one 3x3 convolution: median ms of ${steps}`);
  console.log(`${'case'.padEnd(34)}${'wasm fwd'.padStart(9)}${'cpu fwd'.padStart(9)}${'cpu b-in'.padStart(9)}`);
  for (const convCase of CONV_CASES) {
    await selectBackend('wasm', () => undefined);
    const wasmForward = timeFilterGradient(convCase, true, steps);
    await selectBackend('cpu', () => undefined);
    const cpuForward = timeFilterGradient(convCase, true, steps);
    const cpuBuiltIn = timeFilterGradient(convCase, false, steps);
    console.log(`${convCase.label.padEnd(34)}${format(wasmForward)}${format(cpuForward)}${format(cpuBuiltIn)}`);
  }
  console.log('  fwd = conv2dWithForwardFilterGradient, b-in = the built-in Conv2DBackpropFilter kernel (cpu only).');

  console.log('');
  console.log(`Machine: ${cpus().length} logical CPUs (${cpus()[0]?.model ?? 'unknown model'}), 1-minute load average ${loadBefore.toFixed(2)} before and ${loadavg()[0]!.toFixed(2)} after.`);
  console.log('Other processes on a shared machine slow both backends; compare ratios rather than absolute times.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
