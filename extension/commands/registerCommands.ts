// Registers every command of the extension. Run commands take their runs from the Runs view
// selection, a run id argument, or a quick pick when opened from the Command Palette.
import * as vscode from 'vscode';
import type { RunInfo } from '../runs/runInfo';
import type { RunsModel } from '../runs/runsModel';
import type { PanelControls } from '../panelControls';
import { runIdsFromArgs } from './commandArgs';
import { COMMANDS } from './commandIds';
import { compareWithLastRun } from '../configDiff/compareWithLastRun';
import { pickRun, pickRuns } from './runPickers';
import type { RunActions } from './runActions';
import { startRunCommand, type StartRunDependencies } from './startRunCommand';

export interface CommandDependencies {
  readonly model: RunsModel;
  readonly actions: RunActions;
  readonly panels: PanelControls;
  readonly outputChannel: vscode.OutputChannel;
  readonly start: StartRunDependencies;
}

const isRunning = (run: RunInfo): boolean => run.status === 'running';
const isFinished = (run: RunInfo): boolean => run.status !== 'running';

export function registerCommands(dependencies: CommandDependencies): vscode.Disposable[] {
  const { model, actions, panels } = dependencies;

  /** Returns the first run of a tree or run-id invocation, else asks for one with a quick pick. */
  const oneRun = async (args: unknown[], title: string, filter?: (run: RunInfo) => boolean, emptyMessage = 'There are no runs yet.'): Promise<string | undefined> => {
    const fromArgs = runIdsFromArgs(args);
    if (fromArgs.length > 0) return fromArgs[0];
    return pickRun(model, { title, emptyMessage, ...(filter !== undefined ? { filter } : {}) });
  };

  const byStart = (runIds: readonly string[]): string[] =>
    [...runIds].sort((a, b) => (model.getRun(a)?.startedMs ?? 0) - (model.getRun(b)?.startedMs ?? 0));

  const register = (id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, handler);

  const compareRuns = async (...args: unknown[]): Promise<void> => {
    const fromArgs = runIdsFromArgs(args);
    const runIds = fromArgs.length >= 2 ? fromArgs : await pickRuns(model, { title: 'Compare Runs', minimum: 2, maximum: 32, preselected: fromArgs, emptyMessage: 'Comparing needs at least two runs.' });
    if (runIds !== undefined) await panels.openCompare(byStart(runIds));
  };

  const diffConfigs = async (...args: unknown[]): Promise<void> => {
    const fromArgs = runIdsFromArgs(args);
    const runIds = fromArgs.length === 2 ? fromArgs : await pickRuns(model, { title: 'Diff Run Configs', minimum: 2, maximum: 2, preselected: fromArgs.slice(0, 2), emptyMessage: 'Diffing configs needs at least two runs.' });
    if (runIds === undefined) return;
    // The older run goes on the left, as in a diff of a file's history.
    const [left, right] = byStart(runIds);
    if (left !== undefined && right !== undefined) await actions.diffConfigs(left, right);
  };

  return [
    register(COMMANDS.startRun, (target?: unknown) => startRunCommand(dependencies.start, target)),

    register(COMMANDS.stopRun, async (...args: unknown[]) => {
      const fromArgs = runIdsFromArgs(args);
      const runIds = fromArgs.length > 0 ? fromArgs : [await pickRun(model, { title: 'Stop Run', filter: isRunning, emptyMessage: 'No run is training.' })];
      for (const runId of runIds) {
        if (runId !== undefined) await actions.stop(runId);
      }
    }),

    register(COMMANDS.openDashboard, async (...args: unknown[]) => {
      const runId = await oneRun(args, 'Open Dashboard');
      if (runId !== undefined) await panels.openDashboard(runId);
    }),

    register(COMMANDS.compareRuns, compareRuns),
    register(COMMANDS.compareSelected, compareRuns),
    register(COMMANDS.diffConfigs, diffConfigs),
    register(COMMANDS.diffSelectedConfigs, diffConfigs),

    register(COMMANDS.exportCsv, async (...args: unknown[]) => {
      const runId = await oneRun(args, 'Export Metrics as CSV');
      if (runId !== undefined) await actions.exportCsv(runId);
    }),

    register(COMMANDS.showLog, async (...args: unknown[]) => {
      const runId = await oneRun(args, 'Show Trainer Log');
      if (runId !== undefined) await actions.showLog(runId);
    }),

    register(COMMANDS.revealRunFolder, async (...args: unknown[]) => {
      const runId = await oneRun(args, 'Reveal Run Folder');
      if (runId !== undefined) await actions.reveal(runId);
    }),

    register(COMMANDS.deleteRun, async (...args: unknown[]) => {
      const fromArgs = runIdsFromArgs(args);
      const runIds = fromArgs.length > 0 ? fromArgs : [await pickRun(model, { title: 'Delete Run', filter: isFinished, emptyMessage: 'There are no finished runs to delete.' })].filter((runId) => runId !== undefined);
      if (runIds.length > 0) await actions.delete(runIds);
    }),

    register(COMMANDS.refreshRuns, () => model.refresh()),

    register(COMMANDS.showOutput, () => dependencies.outputChannel.show(true)),

    register(COMMANDS.compareWithLastRun, (target?: unknown, runId?: unknown) => compareWithLastRun(model, target, runId)),
  ];
}
