// SGD with momentum and Adam, following torch.optim's update rules (the reference implementation
// is PyTorch), applied to explicit per-variable gradients. tfjs-core's own optimizers take
// gradients only through minimize()/applyGradients with their own weight-decay semantics, so the
// rules are written out here.
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerConfig } from '../contract/configSchema';

export interface Optimizer {
  /** Applies one update; `gradients[i]` belongs to `variables[i]`. Does not dispose the gradients. */
  apply(variables: readonly tf.Variable[], gradients: readonly tf.Tensor[], learningRate: number): void;
  dispose(): void;
}

/**
 * torch.optim.SGD: d = g + weightDecay * p; buf = momentum * buf + d (buf = d on the first step);
 * p = p - learningRate * buf.
 */
class SgdOptimizer implements Optimizer {
  private readonly buffers = new Map<number, tf.Variable>();

  constructor(private readonly momentum: number, private readonly weightDecay: number) {}

  apply(variables: readonly tf.Variable[], gradients: readonly tf.Tensor[], learningRate: number): void {
    tf.tidy(() => {
      variables.forEach((variable, index) => {
        let direction = gradients[index]!;
        if (this.weightDecay > 0) direction = tf.add(direction, tf.mul(variable, this.weightDecay));
        if (this.momentum > 0) {
          const buffer = this.buffers.get(variable.id);
          if (buffer === undefined) {
            this.buffers.set(variable.id, tf.variable(direction, false));
          } else {
            buffer.assign(tf.add(tf.mul(buffer, this.momentum), direction));
            direction = buffer;
          }
        }
        variable.assign(tf.sub(variable, tf.mul(direction, learningRate)));
      });
    });
  }

  dispose(): void {
    for (const buffer of this.buffers.values()) buffer.dispose();
    this.buffers.clear();
  }
}

/** torch.optim.Adam with bias correction: p = p - lr * m_hat / (sqrt(v_hat) + epsilon). */
class AdamOptimizer implements Optimizer {
  private readonly moments = new Map<number, { first: tf.Variable; second: tf.Variable }>();
  private step = 0;

  constructor(private readonly beta1: number, private readonly beta2: number, private readonly epsilon: number) {}

  apply(variables: readonly tf.Variable[], gradients: readonly tf.Tensor[], learningRate: number): void {
    this.step += 1;
    const firstCorrection = 1 - this.beta1 ** this.step;
    const secondCorrection = 1 - this.beta2 ** this.step;
    tf.tidy(() => {
      variables.forEach((variable, index) => {
        const gradient = gradients[index]!;
        let moment = this.moments.get(variable.id);
        if (moment === undefined) {
          moment = { first: tf.variable(tf.zerosLike(variable), false), second: tf.variable(tf.zerosLike(variable), false) };
          this.moments.set(variable.id, moment);
        }
        moment.first.assign(tf.add(tf.mul(moment.first, this.beta1), tf.mul(gradient, 1 - this.beta1)));
        moment.second.assign(tf.add(tf.mul(moment.second, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2)));
        const denominator = tf.add(tf.sqrt(tf.div(moment.second, secondCorrection)), this.epsilon);
        const step = tf.div(tf.div(moment.first, firstCorrection), denominator);
        variable.assign(tf.sub(variable, tf.mul(step, learningRate)));
      });
    });
  }

  dispose(): void {
    for (const moment of this.moments.values()) {
      moment.first.dispose();
      moment.second.dispose();
    }
    this.moments.clear();
  }
}

export function createOptimizer(config: OptimizerConfig): Optimizer {
  return config.type === 'adam'
    ? new AdamOptimizer(config.beta1, config.beta2, config.epsilon)
    : new SgdOptimizer(config.momentum, config.weightDecay);
}

/** Step decay: learningRate * lrDecayRatio^floor((epoch - 1) / lrDecayStep) for 1-based epochs; constant when lrDecayStep is 0. */
export function learningRateForEpoch(config: OptimizerConfig, epoch: number): number {
  if (config.lrDecayStep === 0) return config.learningRate;
  return config.learningRate * config.lrDecayRatio ** Math.floor((epoch - 1) / config.lrDecayStep);
}
