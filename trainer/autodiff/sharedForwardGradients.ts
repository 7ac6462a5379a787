// Gradients of several scalar objectives from ONE recorded forward pass: the forward ops are taped
// once, then the tape is walked backward once per objective. tf.variableGrads would re-run the
// forward pass for every objective.
//
// NOTE: this reads TensorFlow.js engine internals (Engine.state.activeTape, startTape/endTape and
// the TapeNode fields kernelName, inputs, outputs, gradient, saved) as they are in
// @tensorflow/tfjs-core 4.22.0, which package.json pins. A unit test compares the result with
// tf.variableGrads so an upgrade that changes them fails loudly.
import * as tf from '@tensorflow/tfjs-core';

interface TapeNode {
  readonly id: number;
  readonly kernelName: string;
  readonly inputs: Readonly<Record<string, tf.Tensor>>;
  readonly outputs: readonly tf.Tensor[];
  readonly gradient?: (dys: Array<tf.Tensor | null>) => Record<string, () => tf.Tensor>;
  readonly saved?: readonly tf.Tensor[];
}

interface EngineInternals {
  readonly state: { activeTape: TapeNode[] | null; gradientDepth: number };
  startTape(): void;
  endTape(): void;
  tidy<T extends tf.TensorContainer>(name: string, fn: () => T): T;
}

export interface SharedForwardResult<Extra> {
  /** Value of each objective, in the order of the losses returned by the forward function. */
  readonly lossValues: number[];
  /** gradients[k][i]: gradient of objective k with respect to variables[i]; zeros where it does not depend on it. */
  readonly gradients: tf.Tensor[][];
  /** Extra tensors the forward function returned (kept alive, caller disposes). */
  readonly extra: Extra;
}

/** Marks the tape nodes that lie on a path from a variable to one of the losses. */
function filterTape(tape: readonly TapeNode[], variables: readonly tf.Variable[], losses: readonly tf.Tensor[]): TapeNode[] {
  const fromVariables = new Set<number>(variables.map((variable) => variable.id));
  const nodeFromVariables = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((input) => fromVariables.has(input.id))) {
      nodeFromVariables.add(node.id);
      for (const output of node.outputs) fromVariables.add(output.id);
    }
  }

  const leadsToLoss = new Set<number>(losses.map((loss) => loss.id));
  const nodeLeadsToLoss = new Set<number>();
  for (let index = tape.length - 1; index >= 0; index--) {
    const node = tape[index]!;
    if (node.outputs.some((output) => leadsToLoss.has(output.id))) {
      nodeLeadsToLoss.add(node.id);
      for (const input of Object.values(node.inputs)) leadsToLoss.add(input.id);
    }
  }

  const filtered: TapeNode[] = [];
  for (const node of tape) {
    if (!nodeFromVariables.has(node.id) || !nodeLeadsToLoss.has(node.id)) continue;
    const inputs: Record<string, tf.Tensor> = {};
    for (const [name, input] of Object.entries(node.inputs)) {
      if (fromVariables.has(input.id)) inputs[name] = input;
    }
    filtered.push({ ...node, inputs });
  }
  return filtered;
}

/** Walks the filtered tape backward from one loss, as reverse-mode differentiation does. */
function backpropagate(engine: EngineInternals, tape: readonly TapeNode[], loss: tf.Tensor, variables: readonly tf.Variable[]): tf.Tensor[] {
  return engine.tidy('backward', () => {
    const accumulated = new Map<number, tf.Tensor>();
    accumulated.set(loss.id, tf.onesLike(loss));
    for (let index = tape.length - 1; index >= 0; index--) {
      const node = tape[index]!;
      const outputGradients = node.outputs.map((output) => accumulated.get(output.id) ?? null);
      if (outputGradients.every((gradient) => gradient === null)) continue;
      if (node.gradient === undefined) {
        throw new Error(`Cannot differentiate the ${node.kernelName} operation: TensorFlow.js has no gradient for it.`);
      }
      const inputGradients = node.gradient(outputGradients);
      for (const [name, input] of Object.entries(node.inputs)) {
        const gradientOf = inputGradients[name];
        if (gradientOf === undefined) {
          throw new Error(`The gradient of ${node.kernelName} has no entry for its input ${name}.`);
        }
        const gradient = engine.tidy(`${node.kernelName}-gradient`, gradientOf);
        const previous = accumulated.get(input.id);
        accumulated.set(input.id, previous === undefined ? gradient : tf.add(previous, gradient));
      }
    }
    return variables.map((variable) => accumulated.get(variable.id) ?? tf.zerosLike(variable));
  });
}

/**
 * Runs `forward` once under a gradient tape and returns the gradient of each scalar loss it
 * returns with respect to `variables`. Each extra backward pass costs one walk of the tape, and
 * the forward activations are shared.
 */
export function sharedForwardGradients<Extra extends tf.TensorContainer>(
  variables: readonly tf.Variable[],
  forward: () => { losses: tf.Scalar[]; extra: Extra },
): SharedForwardResult<Extra> {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.state.gradientDepth !== 0) {
    throw new Error('sharedForwardGradients cannot run inside another gradient computation.');
  }

  engine.startTape();
  let output: { losses: tf.Scalar[]; extra: Extra };
  try {
    output = engine.tidy('forward', () => {
      const result = forward();
      return { losses: result.losses, extra: result.extra } as unknown as tf.TensorContainer;
    }) as unknown as { losses: tf.Scalar[]; extra: Extra };
  } finally {
    engine.endTape();
  }

  const tape = engine.state.activeTape ?? [];
  try {
    const filtered = filterTape(tape, variables, output.losses);
    const gradients = output.losses.map((loss) => backpropagate(engine, filtered, loss, variables));
    const lossValues = output.losses.map((loss) => loss.dataSync()[0]!);
    return { lossValues, gradients, extra: output.extra };
  } finally {
    for (const node of tape) {
      for (const saved of node.saved ?? []) saved.dispose();
    }
    engine.state.activeTape = null;
    for (const loss of output.losses) loss.dispose();
  }
}
