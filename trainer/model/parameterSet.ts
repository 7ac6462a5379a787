// Creates the variables of a model under slash-separated names ("gray/conv1/kernel") and keeps
// them in creation order, which is the order gradients, optimizers and checkpoints see.
import * as tf from '@tensorflow/tfjs-core';
import { initialValues, type InitializerName } from './initializers';
import { deriveSeed } from './random';

export interface NamedVariable {
  /** Slash-separated path, e.g. "gray/conv1/kernel"; unique within a model. */
  readonly name: string;
  readonly variable: tf.Variable;
}

interface Registry {
  readonly seed: number;
  readonly names: Set<string>;
}

/**
 * A scope of a model's variables. Child scopes share the registry, so names stay unique across
 * the model, and keep their own lists of what they created.
 */
export class ParameterSet {
  /** Trainable variables created in this scope or its children, in creation order. */
  readonly trainable: NamedVariable[] = [];
  /** Every variable created in this scope or its children (trainable and running statistics). */
  readonly state: NamedVariable[] = [];
  private readonly parent: ParameterSet | undefined;

  private constructor(
    private readonly registry: Registry,
    private readonly prefix: string,
    parent?: ParameterSet,
  ) {
    this.parent = parent;
  }

  /** Creates the root scope; `seed` determines every initial value through the variable names. */
  static create(seed: number): ParameterSet {
    return new ParameterSet({ seed, names: new Set() }, '');
  }

  /** Returns a child scope whose variable names start with `name`/. */
  scope(name: string): ParameterSet {
    return new ParameterSet(this.registry, this.qualify(name), this);
  }

  /**
   * Creates a float32 variable. Its initial values come from a stream seeded by the model seed
   * and the full name, so they do not depend on the order of creation.
   */
  add(name: string, shape: readonly number[], initializer: InitializerName, trainable = true): tf.Variable {
    const fullName = this.qualify(name);
    if (this.registry.names.has(fullName)) {
      throw new Error(`Parameter ${fullName} is defined twice; modality and layer names must be unique.`);
    }
    this.registry.names.add(fullName);

    const values = initialValues(initializer, shape, deriveSeed(this.registry.seed, fullName));
    // No tf.variable name: TensorFlow.js names must be unique per process, and two models may coexist.
    const initial = tf.tensor(values, [...shape], 'float32');
    const variable = tf.variable(initial, trainable);
    initial.dispose();
    const entry: NamedVariable = { name: fullName, variable };
    for (let scope: ParameterSet | undefined = this; scope !== undefined; scope = scope.parent) {
      scope.state.push(entry);
      if (trainable) {
        scope.trainable.push(entry);
      }
    }
    return variable;
  }

  private qualify(name: string): string {
    return this.prefix === '' ? name : `${this.prefix}/${name}`;
  }
}
