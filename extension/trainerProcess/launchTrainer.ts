// Starts `cli.js train` in its own process. The trainer never runs inside the extension host:
// native TensorFlow.js addons are built for Node's ABI, not Electron's, and a crash there
// would take the extension down with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import type { BackendChoice } from '../../trainer/contract/configSchema';
import { describeError, type Logger } from '../common/logger';
import { SETTING_NODE_PATH, describeNodeExecutable, type NodeExecutable } from '../settings/settings';
import { buildTrainArguments, type TrainCommandOptions } from './trainCommand';
import { TrainerProcess } from './trainerProcess';

export interface TrainerLaunchRequest {
  /** Absolute path of dist/trainer/cli.js. */
  readonly cliPath: string;
  readonly command: Omit<TrainCommandOptions, 'backend'>;
  /** Requested backend: the config file's, else the mmpareto.defaultBackend setting. */
  readonly backend: BackendChoice;
  readonly nodeExecutable: NodeExecutable;
  /** The editor's own runtime (process.execPath), run as Node with ELECTRON_RUN_AS_NODE=1. */
  readonly editorRuntimePath: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface TrainerLaunch {
  readonly process: TrainerProcess;
  /** Executable that runs the trainer. */
  readonly executable: string;
  readonly usedEditorRuntime: boolean;
  /** Backend passed with --backend; auto becomes wasm on the editor's runtime. */
  readonly backend: BackendChoice;
  readonly args: readonly string[];
}

/** A launch failure whose message names the bad value and the fix. */
export class TrainerLaunchError extends Error {
  override readonly name = 'TrainerLaunchError';
}

const START_ERRORS_WITH_FALLBACK = new Set(['ENOENT', 'EACCES']);

/** Resolves once the child has started, or rejects with the spawn error (ENOENT, EACCES, ...). */
function spawnAndWait(executable: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      shell: false,
      // Its own process group, so the run outlives a window reload; no console window on Windows.
      detached: true,
      windowsHide: true,
    });
    const onError = (error: Error): void => {
      child.off('spawn', onSpawn);
      reject(error);
    };
    const onSpawn = (): void => {
      child.off('error', onError);
      resolve(child);
    };
    child.once('error', onError);
    child.once('spawn', onSpawn);
  });
}

function backendOnEditorRuntime(backend: BackendChoice): BackendChoice | undefined {
  switch (backend) {
    case 'auto':
      return 'wasm';
    case 'wasm':
    case 'cpu':
      return backend;
    case 'node':
    case 'node-gpu':
      return undefined;
  }
}

async function checkConfiguredPath(executable: NodeExecutable): Promise<void> {
  if (executable.kind !== 'path') return;
  try {
    await access(executable.path, constants.F_OK);
  } catch {
    throw new TrainerLaunchError(
      `${SETTING_NODE_PATH} is "${executable.path}", which does not exist. Set it to the full path of a Node.js 20 or later executable, or clear it to use node from PATH.`,
    );
  }
}

/**
 * Starts the trainer with the Node.js of mmpareto.nodePath. When that fails to start with
 * ENOENT or EACCES, the editor's runtime runs it instead for the wasm and cpu backends, and auto
 * becomes wasm. The node backends need a real Node.js, so they fail with a message naming the
 * setting. A configured path that does not exist fails before anything is spawned.
 */
export async function launchTrainer(request: TrainerLaunchRequest, log: Logger): Promise<TrainerLaunch> {
  // spawn reports a missing working directory as ENOENT too, which would read as a missing node.
  try {
    await access(request.cwd, constants.F_OK);
  } catch {
    throw new TrainerLaunchError(`The folder ${request.cwd} does not exist, so the trainer cannot start there. Open an existing workspace folder.`);
  }
  await checkConfiguredPath(request.nodeExecutable);
  let executable = 'node';
  if (request.nodeExecutable.kind === 'path') executable = request.nodeExecutable.path;
  if (request.nodeExecutable.kind === 'command') executable = request.nodeExecutable.command;
  const env = { ...request.env } as NodeJS.ProcessEnv;
  delete env['ELECTRON_RUN_AS_NODE'];

  const args = [request.cliPath, ...buildTrainArguments({ ...request.command, backend: request.backend })];
  let startError: NodeJS.ErrnoException;
  try {
    const child = await spawnAndWait(executable, args, request.cwd, env);
    return { process: new TrainerProcess(child), executable, usedEditorRuntime: false, backend: request.backend, args };
  } catch (error) {
    startError = error as NodeJS.ErrnoException;
  }

  const setting = describeNodeExecutable(request.nodeExecutable);
  const code = startError.code ?? 'unknown error';
  if (!START_ERRORS_WITH_FALLBACK.has(code)) {
    throw new TrainerLaunchError(`Node.js ${setting} failed to start the trainer: ${describeError(startError)}. Check ${SETTING_NODE_PATH}.`);
  }
  if (request.nodeExecutable.kind === 'command' && code === 'ENOENT') {
    throw new TrainerLaunchError(
      `${SETTING_NODE_PATH} is "${request.nodeExecutable.command}", which was not found on PATH. Set it to the full path of a Node.js 20 or later executable, or clear it to use node from PATH.`,
    );
  }
  const fallbackBackend = backendOnEditorRuntime(request.backend);
  if (fallbackBackend === undefined) {
    throw new TrainerLaunchError(
      `The ${request.backend} backend needs Node.js, but ${setting} failed to start (${code}). Install Node.js 20 or later and set ${SETTING_NODE_PATH} to its full path, or choose the wasm or cpu backend.`,
    );
  }

  const fallbackArgs = [request.cliPath, ...buildTrainArguments({ ...request.command, backend: fallbackBackend })];
  const backendNote = fallbackBackend === request.backend ? '' : `; backend ${request.backend} becomes ${fallbackBackend} because the editor's runtime cannot load native TensorFlow addons`;
  const level = request.nodeExecutable.kind === 'default' ? 'info' : 'warn';
  log[level](`run ${request.command.runId}: Node.js ${setting} failed to start (${code}); running the trainer on the editor's runtime ${request.editorRuntimePath}${backendNote}. Set ${SETTING_NODE_PATH} to use another Node.js.`);
  try {
    const child = await spawnAndWait(request.editorRuntimePath, fallbackArgs, request.cwd, { ...env, ELECTRON_RUN_AS_NODE: '1' });
    return { process: new TrainerProcess(child), executable: request.editorRuntimePath, usedEditorRuntime: true, backend: fallbackBackend, args: fallbackArgs };
  } catch (error) {
    throw new TrainerLaunchError(
      `Neither ${setting} (${code}) nor the editor's runtime ${request.editorRuntimePath} (${describeError(error)}) could start the trainer. Install Node.js 20 or later and set ${SETTING_NODE_PATH} to its full path.`,
    );
  }
}
