// Starts a training run from a config file or a built-in template: checks the config the same
// way the trainer will, picks the run id and backend, launches the trainer and hands it to the
// runs model.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BackendChoice } from '../../trainer/contract/configSchema';
import { BACKEND_CHOICES } from '../../trainer/contract/configSchema';
import { makeRunId } from '../../trainer/contract/runDirectory';
import type { RunTemplate } from '../../trainer/contract/templates';
import { validateConfig } from '../../trainer/contract/validateConfig';
import { validateConfigText } from '../../trainer/config/validateConfigText';
import type { PositionedIssue } from '../../trainer/config/positionedIssue';
import type { Logger } from '../common/logger';
import type { ExtensionSettings } from '../settings/settings';
import { launchTrainer, type TrainerLaunch } from '../trainerProcess/launchTrainer';
import { configToOverrides } from '../trainerProcess/trainCommand';
import type { RunsModel } from './runsModel';

export type RunSource = { readonly kind: 'template'; readonly template: RunTemplate } | { readonly kind: 'file'; readonly path: string };

export interface LauncherEnvironment {
  /** Absolute path of dist/trainer/cli.js. */
  readonly cliPath: string;
  readonly editorRuntimePath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder with the MNIST files packaged with the extension, passed as MMPARETO_MNIST_DIR unless the environment sets it. */
  readonly mnistDirectory?: string;
}

export interface StartRunRequest {
  readonly source: RunSource;
  /** Folder whose .mmpareto/runs/ receives the run; also the trainer's working directory. */
  readonly workspaceFolder: string;
  readonly settings: ExtensionSettings;
}

export interface StartedRun {
  readonly runId: string;
  readonly launch: TrainerLaunch;
}

/** A config file that the trainer would reject; nothing was started. */
export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';

  constructor(
    readonly path: string,
    readonly issues: readonly PositionedIssue[],
  ) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const first = errors[0];
    const where = first !== undefined ? `${basename(path)}:${first.range.start.line + 1}` : basename(path);
    super(`${where}: ${first?.message ?? 'invalid config'}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''}`);
  }
}

interface CheckedSource {
  readonly method: string;
  readonly dataset: string;
  readonly name?: string;
  /** The backend the source sets itself, if it does. */
  readonly backend?: BackendChoice;
}

function isBackend(value: unknown): value is BackendChoice {
  return typeof value === 'string' && (BACKEND_CHOICES as readonly string[]).includes(value);
}

async function checkSource(source: RunSource): Promise<CheckedSource> {
  if (source.kind === 'template') {
    const { config } = validateConfig(source.template.config);
    if (config === undefined) throw new Error(`Built-in template ${source.template.id} is invalid.`);
    const backend = source.template.config['backend'];
    return { method: config.method, dataset: config.data.kind, ...(isBackend(backend) ? { backend } : {}) };
  }
  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the config file ${source.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check that it exists and is readable.`);
  }
  const validation = validateConfigText(text, source.path);
  if (validation.config === undefined) {
    throw new InvalidConfigError(source.path, validation.issues);
  }
  const raw = validation.parsed.raw;
  const rawBackend = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)['backend'] : undefined;
  return {
    method: validation.config.method,
    dataset: validation.config.data.kind,
    ...(validation.config.name !== undefined ? { name: validation.config.name } : {}),
    ...(isBackend(rawBackend) ? { backend: rawBackend } : {}),
  };
}

function describeSource(source: RunSource): string {
  return source.kind === 'template' ? `template ${source.template.id}` : `config ${source.path}`;
}

/**
 * Starts a run and registers it with the model. Throws InvalidConfigError for a config the
 * trainer would reject and TrainerLaunchError when no Node.js can start the trainer.
 */
export async function startRun(model: RunsModel, request: StartRunRequest, environment: LauncherEnvironment, log: Logger): Promise<StartedRun> {
  const checked = await checkSource(request.source);
  const backend = checked.backend ?? request.settings.defaultBackend;
  const runId = makeRunId(checked.method, new Date(), randomBytes(2).toString('hex'));

  const env: Record<string, string | undefined> = { ...environment.env };
  if (environment.mnistDirectory !== undefined && !env['MMPARETO_MNIST_DIR'] && existsSync(environment.mnistDirectory)) {
    env['MMPARETO_MNIST_DIR'] = environment.mnistDirectory;
  }
  const launch = await launchTrainer(
    {
      cliPath: environment.cliPath,
      command: {
        workspace: request.workspaceFolder,
        runId,
        ...(request.source.kind === 'file' ? { configFile: request.source.path } : {}),
        overrides: request.source.kind === 'template' ? configToOverrides(request.source.template.config) : [],
        // Log lines arrive over IPC, so stderr keeps only what the trainer could not log: config
        // problems and crashes.
        quiet: true,
      },
      backend,
      nodeExecutable: request.settings.nodeExecutable,
      editorRuntimePath: environment.editorRuntimePath,
      cwd: request.workspaceFolder,
      env,
    },
    log,
  );
  model.adoptChild(runId, request.workspaceFolder, launch.process, {
    ...(checked.name !== undefined ? { name: checked.name } : {}),
    method: checked.method,
    dataset: checked.dataset,
    backend: launch.backend,
    startedMs: Date.now(),
  });
  log.info(`run ${runId} started: pid ${launch.process.pid}, backend ${launch.backend}, ${describeSource(request.source)}, node ${launch.executable}${launch.usedEditorRuntime ? ' (editor runtime)' : ''}, workspace ${request.workspaceFolder}`);
  return { runId, launch };
}
