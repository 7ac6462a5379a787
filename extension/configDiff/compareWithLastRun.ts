// "Compare with last run": opens VS Code's diff editor with a run's resolved config on the left
// and the config file, resolved as it reads now, on the right. The code lens above a config file
// passes the file and its newest run. From the Command Palette, the command takes the active
// config file and asks which of the runs started from it to compare.
import * as vscode from 'vscode';
import type { RunsModel } from '../runs/runsModel';
import { configDocumentUri } from './configDocumentProvider';
import { sourceConfigDocumentUri } from './sourceConfigDocument';
import { pickRun } from '../commands/runPickers';

const CONFIG_LANGUAGE_ID = 'mmpareto-yaml';

function fileFromArguments(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === CONFIG_LANGUAGE_ID ? editor.document.uri : undefined;
}

export async function compareWithLastRun(model: RunsModel, target?: unknown, runIdArgument?: unknown): Promise<void> {
  const file = fileFromArguments(target);
  if (file === undefined) {
    void vscode.window.showInformationMessage('Open a *.mmpareto.yaml config file to compare it with a run.');
    return;
  }
  let runId = typeof runIdArgument === 'string' ? runIdArgument : undefined;
  if (runId === undefined) {
    const fromFile = (sourcePath: string | undefined): boolean => sourcePath === file.fsPath;
    runId = await pickRun(model, {
      title: `Compare ${vscode.workspace.asRelativePath(file)} with a run`,
      filter: (run) => fromFile(run.sourceConfigPath),
      emptyMessage: `No run was started from ${vscode.workspace.asRelativePath(file)} yet. Start one with MMPareto: Start Training Run.`,
    });
  }
  if (runId === undefined) return;
  const run = model.getRun(runId);
  if (run === undefined) {
    void vscode.window.showWarningMessage(`Run ${runId} is no longer in the Runs view; it may have been deleted.`);
    return;
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    configDocumentUri(run.runId, true),
    sourceConfigDocumentUri(file),
    `Config: ${run.name} (${run.runId}) ↔ ${vscode.workspace.asRelativePath(file)}`,
    { preview: true },
  );
}
