// Entry point of the trainer: `node dist/trainer/cli.js <command> [options]`.
import { validateCommand } from './config';
import { UsageError } from './cli/applyOverrides';
import { parseTrainArguments, TRAIN_USAGE } from './cli/parseTrainArguments';
import { EXIT_INVALID, trainCommand } from './cli/trainCommand';

const USAGE = `Usage: cli.js <command> [options]

Commands:
  train            Train a model and record the run (cli.js train --help for options).
  validate FILE    Check a run config (*.mmpareto.yaml) and print its problems; exit code 2 if any is an error.
  help             Show this help.`;

// The extension reads stdout and stderr through pipes that close when its window reloads, while
// the trainer keeps running. Writes after that fail with EPIPE; the run directory still has
// everything, so those errors are dropped instead of crashing the run.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'train': {
      const args = parseTrainArguments(rest);
      if (args === 'help') {
        process.stdout.write(`${TRAIN_USAGE}\n`);
        return 0;
      }
      return trainCommand(args);
    }
    case 'validate': {
      if (rest.length !== 1 || rest[0]!.startsWith('-')) {
        throw new UsageError(`Usage: cli.js validate FILE (one config file, such as experiment.mmpareto.yaml).`);
      }
      return validateCommand(rest[0]!);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_INVALID;
    } else {
      process.stderr.write(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
