// Command-line arguments of `cli.js train`.
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, type BackendChoice } from '../contract/configSchema';
import { UsageError } from './applyOverrides';

export interface TrainArguments {
  readonly configPath?: string;
  readonly overrides: readonly string[];
  readonly workspace: string;
  readonly backend?: BackendChoice;
  readonly runId?: string;
  readonly quiet: boolean;
}

export const TRAIN_USAGE = `Usage: cli.js train [options]

Trains a multimodal classifier and records the run in <workspace>/.mmpareto/runs/<run-id>/.

Options:
  --config FILE        Run config (*.mmpareto.yaml or .json). Without it, the defaults are used:
                       MMPareto on CG-MNIST.
  --set PATH=VALUE     Override one config value, e.g. --set epochs=5 --set data.kind=synthetic
                       or --set modalities[0].encoder=mlp. Repeatable; applied after the file.
                       A list item needs its entry: with a built-in dataset, set the name too
                       (--set modalities[0].name=gray).
  --workspace DIR      Folder that holds .mmpareto/runs (default: the current folder).
  --backend NAME       TensorFlow.js backend: ${BACKEND_CHOICES.join(', ')} (overrides the config).
  --run-id ID          Name of the run folder (default: <date>-<time>-<method>-<random>).
  --quiet              Print only the per-epoch results, not the log lines.
  -h, --help           Show this help.

Exit codes: 0 completed or stopped, 1 failed (see summary.json), 2 invalid config or usage.`;

const RUN_ID_SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function parseTrainArguments(argv: readonly string[]): TrainArguments | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        set: { type: 'string', multiple: true },
        workspace: { type: 'string' },
        backend: { type: 'string' },
        'run-id': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${TRAIN_USAGE}`);
  }
  const { values } = parsed;
  if (values.help) return 'help';

  const backend = values.backend;
  if (backend !== undefined && !(BACKEND_CHOICES as readonly string[]).includes(backend)) {
    throw new UsageError(`Invalid --backend ${JSON.stringify(backend)}: use one of ${BACKEND_CHOICES.join(', ')}.`);
  }
  const runId = values['run-id'];
  if (runId !== undefined && !RUN_ID_SAFE.test(runId)) {
    throw new UsageError(`Invalid --run-id ${JSON.stringify(runId)}: use up to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.`);
  }
  return {
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    overrides: values.set ?? [],
    workspace: values.workspace ?? process.cwd(),
    ...(backend !== undefined ? { backend: backend as BackendChoice } : {}),
    ...(runId !== undefined ? { runId } : {}),
    quiet: values.quiet ?? false,
  };
}
