// Benchmark: milliseconds per training step of uniform, pareto and mmpareto on the same model,
// batch and backend. Rounds interleave the methods so load from other processes hits all three
// alike. Run with `npm run bench:trainer [-- --backend wasm --rounds 5 --steps 10]`.
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, type BackendChoice, type MethodName } from '../../trainer/contract/configSchema';
import { withDatasetModalities } from '../../trainer/contract/datasetModalities';
import { validateConfig } from '../../trainer/contract/validateConfig';
import { selectBackend } from '../../trainer/backend/selectBackend';
import { gatherBatch } from '../../trainer/data/batches';
import { loadDataset } from '../../trainer/data/loadDataset';
import { createMethod } from '../../trainer/methods/createMethod';
import { buildModel } from '../../trainer/model/multimodalModel';
import { createOptimizer } from '../../trainer/training/optimizer';
import { trainStep } from '../../trainer/training/trainStep';

const METHODS: readonly MethodName[] = ['uniform', 'pareto', 'mmpareto'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: 'auto' },
      rounds: { type: 'string', default: '5' },
      steps: { type: 'string', default: '8' },
      batch: { type: 'string', default: '64' },
    },
  });
  const backendChoice = values.backend as BackendChoice;
  if (!(BACKEND_CHOICES as readonly string[]).includes(backendChoice)) {
    throw new Error(`Invalid --backend ${values.backend}: use one of ${BACKEND_CHOICES.join(', ')}.`);
  }
  const rounds = Number(values.rounds);
  const stepsPerRound = Number(values.steps);
  const batchSize = Number(values.batch);

  const backend = await selectBackend(backendChoice, () => undefined);
  const validation = validateConfig({ batchSize, data: { kind: 'cg-mnist', trainSize: batchSize * stepsPerRound, testSize: 100 } });
  if (validation.config === undefined) throw new Error(validation.issues.map((issue) => issue.message).join('\n'));
  const config = withDatasetModalities(validation.config);
  const dataset = await loadDataset(config, process.cwd(), () => undefined);
  const inputShapes = Object.fromEntries(dataset.modalityNames.map((name) => [name, dataset.train.modalities[name]!.shape]));

  const batches = Array.from({ length: stepsPerRound }, (_, step) => {
    const indices = Int32Array.from({ length: batchSize }, (_, offset) => step * batchSize + offset);
    const gathered = gatherBatch(dataset.train, indices);
    const inputs: Record<string, tf.Tensor> = {};
    for (const name of dataset.modalityNames) inputs[name] = tf.tensor(gathered.modalities[name]!.values, gathered.modalities[name]!.shape);
    const labels = tf.cast(tf.oneHot(tf.tensor1d(gathered.labels, 'int32'), dataset.classes), 'float32') as tf.Tensor2D;
    return { inputs, labels };
  });

  const runs = METHODS.map((name) => {
    const model = buildModel(config.modalities, inputShapes, dataset.classes, config.seed);
    return { name, model, method: createMethod(name, config), optimizer: createOptimizer(config.optimizer), times: [] as number[] };
  });

  // Reference point: the sum of losses with one backward pass and no per-encoder metrics, the
  // cheapest step a uniform baseline can take.
  const plainModel = buildModel(config.modalities, inputShapes, dataset.classes, config.seed);
  const plainOptimizer = createOptimizer(config.optimizer);
  const plainVariables = [...Object.values(plainModel.encoderParameters).flat(), ...plainModel.headParameters].map((parameter) => parameter.variable);
  const plainStep = (batch: (typeof batches)[number]): void => {
    const { value, grads } = tf.variableGrads(() => {
      const outputs = plainModel.forward(batch.inputs, true);
      const losses = [outputs.fusedLogits, ...Object.values(outputs.unimodalLogits)].map((logits) => tf.losses.softmaxCrossEntropy(batch.labels, logits));
      return tf.addN(losses) as tf.Scalar;
    }, plainVariables);
    plainOptimizer.apply(plainVariables, plainVariables.map((variable) => grads[variable.name]!), 0.002);
    plainModel.commitBatchNormStatistics();
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const plainTimes: number[] = [];

  // One warm-up step each compiles kernels and allocates buffers.
  for (const run of runs) trainStep(run.model, run.method, run.optimizer, batches[0]!.inputs, batches[0]!.labels, 0.002);
  plainStep(batches[0]!);

  for (let round = 0; round < rounds; round++) {
    for (const run of runs) {
      const start = performance.now();
      for (const batch of batches) trainStep(run.model, run.method, run.optimizer, batch.inputs, batch.labels, 0.002);
      run.times.push((performance.now() - start) / batches.length);
    }
    const start = performance.now();
    for (const batch of batches) plainStep(batch);
    plainTimes.push((performance.now() - start) / batches.length);
  }

  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const uniformMs = median(runs[0]!.times);
  console.log(`backend ${backend.name} (${backend.detail}); model: two CNN encoders ${JSON.stringify(config.modalities[0]!.channels)}, featureDim ${config.modalities[0]!.featureDim}; batch ${batchSize}; ${rounds} rounds x ${stepsPerRound} steps, median per round`);
  const plainMs = median(plainTimes);
  console.log('method                                  ms/step   ratio to uniform   ratio to one-pass sum');
  for (const run of runs) {
    const ms = median(run.times);
    console.log(`${run.name.padEnd(38)} ${ms.toFixed(1).padStart(8)}   ${(ms / uniformMs).toFixed(2).padStart(15)}x   ${(ms / plainMs).toFixed(2).padStart(20)}x`);
  }
  console.log(`${'sum of losses, one backward, no metrics'.padEnd(38)} ${plainMs.toFixed(1).padStart(8)}   ${(plainMs / uniformMs).toFixed(2).padStart(15)}x   ${'1.00'.padStart(20)}x`);
  console.log('uniform, pareto and mmpareto all run one forward and two backward passes, because every method reports both gradients per encoder.');
  const mmparetoRatio = median(runs[2]!.times) / uniformMs;
  console.log(`target: mmpareto at most 1.5x uniform: ${mmparetoRatio <= 1.5 ? 'met' : 'NOT met'} (${mmparetoRatio.toFixed(2)}x)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
