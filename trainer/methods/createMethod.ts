// Registry of gradient methods: a new method is one file and one line here.
import type { MethodName } from '../contract/configSchema';
import type { GradientMethod, MethodOptions } from './gradientMethod';
import { JointMethod } from './joint';
import { MMParetoMethod } from './mmpareto';
import { ParetoMethod } from './pareto';
import { UniformMethod } from './uniform';

export function createMethod(name: MethodName, options: MethodOptions): GradientMethod {
  switch (name) {
    case 'joint':
      return new JointMethod();
    case 'uniform':
      return new UniformMethod();
    case 'pareto':
      return new ParetoMethod();
    case 'mmpareto':
      return new MMParetoMethod(options);
  }
}
