// Quick picks that choose runs for the commands opened from the Command Palette.
import * as vscode from 'vscode';
import type { RunInfo } from '../runs/runInfo';
import type { RunsModel } from '../runs/runsModel';
import { runDescription, runIcon } from '../views/runPresentation';

interface RunPickItem extends vscode.QuickPickItem {
  readonly runId: string;
}

function toItem(run: RunInfo): RunPickItem {
  return {
    label: `$(${runIcon(run).id}) ${run.name}`,
    description: runDescription(run, { nowMs: Date.now() }),
    detail: run.runId,
    runId: run.runId,
  };
}

export interface PickOptions {
  readonly title: string;
  readonly filter?: (run: RunInfo) => boolean;
  /** Shown when no run passes the filter. */
  readonly emptyMessage: string;
}

/** Lets the user pick one run; undefined when none fits or the pick was dismissed. */
export async function pickRun(model: RunsModel, options: PickOptions): Promise<string | undefined> {
  const runs = model.getRuns().filter(options.filter ?? (() => true));
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(options.emptyMessage);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(runs.map(toItem), { title: options.title, placeHolder: 'Select a run', matchOnDescription: true, matchOnDetail: true });
  return picked?.runId;
}

export interface MultiPickOptions extends PickOptions {
  readonly minimum: number;
  /** Upper bound of runs, e.g. 2 for the config diff. */
  readonly maximum?: number;
  readonly preselected?: readonly string[];
}

/** Lets the user pick several runs; stays open until the count is within bounds or the pick is dismissed. */
export function pickRuns(model: RunsModel, options: MultiPickOptions): Promise<string[] | undefined> {
  const runs = model.getRuns().filter(options.filter ?? (() => true));
  if (runs.length < options.minimum) {
    void vscode.window.showInformationMessage(options.emptyMessage);
    return Promise.resolve(undefined);
  }
  let bounds = `at least ${options.minimum}`;
  if (options.maximum === options.minimum) {
    bounds = `exactly ${options.minimum}`;
  } else if (options.maximum !== undefined) {
    bounds = `${options.minimum} to ${options.maximum}`;
  }
  const hint = `Select ${bounds} runs, then press Enter`;
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<RunPickItem>();
    quickPick.title = options.title;
    quickPick.placeholder = hint;
    quickPick.canSelectMany = true;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.items = runs.map(toItem);
    quickPick.selectedItems = quickPick.items.filter((item) => options.preselected?.includes(item.runId));
    let result: string[] | undefined;
    quickPick.onDidAccept(() => {
      const count = quickPick.selectedItems.length;
      if (count < options.minimum || (options.maximum !== undefined && count > options.maximum)) {
        quickPick.placeholder = `${hint} (${count} selected)`;
        return;
      }
      result = quickPick.selectedItems.map((item) => item.runId);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}
