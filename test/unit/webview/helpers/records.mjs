// Builders of hand-made metrics records for the webview and panel tests. Defaults are plain
// numbers so each test states only the fields it checks.

export function encoderMetrics(overrides = {}) {
  const cosine = overrides.cosine ?? 0.5;
  return {
    cosine,
    normMultimodal: 1,
    normUnimodal: 2,
    weightMultimodal: 0.5,
    weightUnimodal: 0.5,
    conflict: cosine <= 0,
    rescale: 1,
    updateNorm: 1.5,
    updateDotMultimodal: 1,
    updateDotUnimodal: 1,
    ...overrides,
  };
}

export function runStart(overrides = {}) {
  return {
    type: 'run-start',
    formatVersion: 1,
    runId: '20261204-120000-mmpareto-0001',
    time: '2026-12-04T12:00:00.000Z',
    pid: 4242,
    backend: 'cpu',
    backendDetail: '@tensorflow/tfjs-backend-cpu 4.22.0',
    modalities: ['gray', 'colored'],
    classes: 10,
    trainSamples: 64,
    testSamples: 32,
    stepsPerEpoch: 4,
    totalSteps: 8,
    parameterCount: 1000,
    config: { name: 'hand run', method: 'mmpareto', epochs: 2, data: { kind: 'cg-mnist' } },
    ...overrides,
  };
}

/** Builds a step record; encoders maps modality name to metric overrides. */
export function step(stepNumber, epoch, encoders = { gray: {}, colored: {} }, losses = {}) {
  return {
    type: 'step',
    epoch,
    step: stepNumber,
    elapsedMs: stepNumber * 100,
    learningRate: 0.002,
    losses: { multimodal: 1, unimodal: { gray: 2, colored: 3 }, total: 6, ...losses },
    encoders: Object.fromEntries(Object.entries(encoders).map(([name, metrics]) => [name, encoderMetrics(metrics)])),
  };
}

export function epoch(epochNumber, stepNumber, overrides = {}) {
  return {
    type: 'epoch',
    epoch: epochNumber,
    step: stepNumber,
    elapsedMs: stepNumber * 100,
    learningRate: 0.002,
    trainLoss: 5,
    testAccuracy: { fused: 0.5, unimodal: { gray: 0.4, colored: 0.3 } },
    conflictShare: { gray: 0, colored: 0 },
    samplesPerSecond: 100,
    ...overrides,
  };
}

export function runEnd(status = 'completed', overrides = {}) {
  return { type: 'run-end', time: '2026-12-04T12:01:00.000Z', status, elapsedMs: 60000, ...overrides };
}
