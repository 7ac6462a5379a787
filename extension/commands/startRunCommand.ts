// Start Training Run…: picks a config file of the workspace or a built-in template, then starts
// the trainer. Code lenses of *.mmpareto.yaml files call it with the file's URI.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { RUN_TEMPLATES, type RunTemplate } from '../../trainer/contract/templates';
import { describeError, type Logger } from '../common/logger';
import { InvalidConfigError, startRun, type LauncherEnvironment, type RunSource } from '../runs/runLauncher';
import type { RunsModel } from '../runs/runsModel';
import { SETTING_NODE_PATH, type ExtensionSettings } from '../settings/settings';
import { TrainerLaunchError } from '../trainerProcess/launchTrainer';
import { showTrainingProgress } from '../statusBar/trainingProgress';
import { COMMANDS } from './commandIds';

export const DEFAULT_TEMPLATE_ID = 'cg-mnist-mmpareto';
const CONFIG_GLOB = '**/*.mmpareto.yaml';
const CONFIG_EXCLUDE = '{**/node_modules/**,**/.mmpareto/**}';
const MAX_CONFIG_FILES = 500;

export const UNTRUSTED_START_MESSAGE =
  'MMPareto Lab cannot start runs in Restricted Mode, because a run executes Node.js with the configs and settings of this workspace. Trust the workspace to start runs; existing runs stay viewable.';

export interface StartRunDependencies {
  readonly model: RunsModel;
  readonly log: Logger;
  readonly settings: () => ExtensionSettings;
  readonly environment: LauncherEnvironment;
  readonly openDashboard: (runId: string) => void;
  readonly stopRun: (runId: string) => void;
}

interface SourceItem extends vscode.QuickPickItem {
  readonly source?: RunSource;
}

async function pickSource(): Promise<RunSource | undefined> {
  const files = await vscode.workspace.findFiles(CONFIG_GLOB, CONFIG_EXCLUDE, MAX_CONFIG_FILES);
  files.sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  const fileItems: SourceItem[] = files.map((uri) => ({
    label: `$(file) ${vscode.workspace.asRelativePath(uri, false)}`,
    description: vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1 ? vscode.workspace.getWorkspaceFolder(uri)?.name : undefined,
    source: { kind: 'file', path: uri.fsPath },
  }));
  const templateItems: SourceItem[] = RUN_TEMPLATES.map((template: RunTemplate) => ({
    label: `$(beaker) ${template.label}`,
    description: template.description,
    detail: `Built-in template ${template.id}; writes nothing but the run folder`,
    source: { kind: 'template', template },
  }));
  const items: SourceItem[] = [
    { label: 'Config files', kind: vscode.QuickPickItemKind.Separator },
    ...(fileItems.length > 0 ? fileItems : [{ label: 'No *.mmpareto.yaml files in the workspace', description: 'create one to train your own setup' }]),
    { label: 'Built-in templates', kind: vscode.QuickPickItemKind.Separator },
    ...templateItems,
  ];
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<SourceItem>();
    quickPick.title = 'Start Training Run';
    quickPick.placeholder = 'Select a config file or a built-in template';
    quickPick.matchOnDescription = true;
    quickPick.items = items;
    const preselected = items.find((item) => item.source?.kind === 'template' && item.source.template.id === DEFAULT_TEMPLATE_ID);
    if (preselected !== undefined) quickPick.activeItems = [preselected];
    let result: RunSource | undefined;
    quickPick.onDidAccept(() => {
      const source = quickPick.selectedItems[0]?.source;
      if (source === undefined) return;
      result = source;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}

async function pickWorkspaceFolder(source: RunSource): Promise<vscode.WorkspaceFolder | undefined> {
  if (source.kind === 'file') {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(source.path));
    if (folder !== undefined) return folder;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder whose .mmpareto/runs/ receives the run' });
}

async function showInvalidConfig(error: InvalidConfigError): Promise<void> {
  const choice = await vscode.window.showErrorMessage(`Run not started: ${error.message}`, 'Open Config');
  if (choice !== 'Open Config') return;
  const first = error.issues.find((issue) => issue.severity === 'error');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(error.path));
  const range = first !== undefined ? new vscode.Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character) : undefined;
  await vscode.window.showTextDocument(document, range !== undefined ? { selection: range } : {});
}

/** Handles Start Training Run; `target` is a config file URI when a code lens or the explorer calls it. */
export async function startRunCommand(dependencies: StartRunDependencies, target?: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(UNTRUSTED_START_MESSAGE, 'Manage Workspace Trust');
    if (choice !== undefined) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    void vscode.window.showErrorMessage('Open a folder before starting a run: runs are stored in its .mmpareto/runs/ folder.');
    return;
  }
  if (!existsSync(dependencies.environment.cliPath)) {
    void vscode.window.showErrorMessage(`The trainer is missing at ${dependencies.environment.cliPath}. Run npm run build in the extension's folder, or reinstall the extension.`);
    return;
  }

  let source: RunSource | undefined;
  if (target instanceof vscode.Uri) {
    if (target.scheme !== 'file') {
      void vscode.window.showErrorMessage(`Cannot start a run from ${target.toString()}: the trainer reads configs from the local file system only. Save the config in the workspace folder.`);
      return;
    }
    source = { kind: 'file', path: target.fsPath };
  } else {
    source = await pickSource();
  }
  if (source === undefined) return;
  const folder = await pickWorkspaceFolder(source);
  if (folder === undefined) return;

  if (source.kind === 'file') {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.fsPath === source.path);
    if (document?.isDirty === true) await document.save();
  }

  let runId: string;
  try {
    const started = await startRun(dependencies.model, { source, workspaceFolder: folder.uri.fsPath, settings: dependencies.settings() }, dependencies.environment, dependencies.log);
    runId = started.runId;
    // The run either fails to start (no run folder) or reaches a final status; both end the watch.
    const subscriptions = [
      dependencies.model.onDidFailToStart(({ runId: failedRunId, exit }) => {
        if (failedRunId !== runId) return;
        subscriptions.forEach((subscription) => subscription.dispose());
        const reason = exit.stderrTail.find((line) => line.trim() !== '') ?? `exit code ${exit.code ?? exit.signal}`;
        void vscode.window.showErrorMessage(`Run ${runId} did not start: ${reason}`, 'Show Output').then((choice) => {
          if (choice !== undefined) void vscode.commands.executeCommand(COMMANDS.showOutput);
        });
      }),
      dependencies.model.onDidChangeStatus((event) => {
        if (event.runId === runId) subscriptions.forEach((subscription) => subscription.dispose());
      }),
    ];
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      dependencies.log.warn(`run not started: ${error.path}: ${error.issues.filter((issue) => issue.severity === 'error').map((issue) => `line ${issue.range.start.line + 1}: ${issue.message}`).join('; ')}`);
      await showInvalidConfig(error);
      return;
    }
    dependencies.log.error(`run not started: ${describeError(error)}`);
    const actions = error instanceof TrainerLaunchError ? ['Open Settings'] : [];
    const choice = await vscode.window.showErrorMessage(`Run not started: ${describeError(error)}`, ...actions);
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', SETTING_NODE_PATH);
    return;
  }
  showTrainingProgress(dependencies.model, runId, dependencies.stopRun);
  dependencies.openDashboard(runId);
}
