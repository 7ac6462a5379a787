// Entry point of the extension host side: creates the runs model, the Runs view, the status bar,
// the commands and the panels, and ties them to VS Code's workspace and trust events.
import * as vscode from 'vscode';
import { CONTEXT_KEYS, RUNS_VIEW_ID } from './commands/commandIds';
import { registerCommands } from './commands/registerCommands';
import { RunActions } from './commands/runActions';
import { CONFIG_SCHEME, ConfigDocumentProvider } from './configDiff/configDocumentProvider';
import { startLanguageClient } from './languageServer/client';
import { registerPanels } from './panels/registerPanels';
import { createRunDataSource } from './runDataSource';
import { registerRunNotifications } from './runs/runNotifications';
import { RunsModel } from './runs/runsModel';
import { RunsWatcher } from './runs/runsWatcher';
import { SettingsService } from './settings/settingsService';
import { TrainingStatusBar } from './statusBar/trainingStatusBar';
import { RunsTreeProvider } from './views/runsTreeProvider';

function localFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('MMPareto', { log: true });
  context.subscriptions.push(output);
  output.info(`MMPareto Lab ${String(context.extension.packageJSON['version'])} activated (extension host ${process.version}, ${vscode.env.remoteName ?? 'local'})`);
  void startLanguageClient(context, output).then((languageClient) => context.subscriptions.push(languageClient));

  const settings = new SettingsService(output);
  const model = new RunsModel({ log: output, allowSignals: () => vscode.workspace.isTrusted });
  const actions = new RunActions(model, output);
  const dataSource = createRunDataSource(model, actions);
  const panels = registerPanels(context, dataSource, output);

  const tree = new RunsTreeProvider(model, () => settings.settings.maxRunsShown);
  const treeView = vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: tree, canSelectMany: true });
  const updateViewMessage = (): void => {
    const runs = model.getRuns();
    const running = runs.filter((run) => run.status === 'running').length;
    treeView.description = running > 0 ? `${running} running` : undefined;
    treeView.message = !vscode.workspace.isTrusted && runs.length > 0 ? 'Restricted Mode: runs can be viewed but not started.' : undefined;
  };
  const watcher = new RunsWatcher(model);
  context.subscriptions.push(
    settings,
    model,
    tree,
    treeView,
    watcher,
    model.onDidChangeRuns(updateViewMessage),
    settings.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      updateViewMessage();
      tree.refresh();
    }),
    vscode.workspace.registerTextDocumentContentProvider(CONFIG_SCHEME, new ConfigDocumentProvider(model)),
    new TrainingStatusBar(model),
    registerRunNotifications(model),
    ...registerCommands({
      model,
      actions,
      panels,
      outputChannel: output,
      start: {
        model,
        log: output,
        settings: () => settings.settings,
        environment: {
          cliPath: context.asAbsolutePath('dist/trainer/cli.js'),
          editorRuntimePath: process.execPath,
          env: process.env,
          mnistDirectory: context.asAbsolutePath('dist/mnist'),
        },
        openDashboard: (runId) => panels.openDashboard(runId),
        stopRun: (runId) => void actions.stop(runId),
      },
    }),
  );

  const syncFolders = async (): Promise<void> => {
    const folders = localFolders();
    watcher.watch(folders);
    await model.setFolders(folders);
  };
  context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void syncFolders()));
  void syncFolders().then(() => {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.runsLoaded, true);
    tree.refresh();
    updateViewMessage();
    const running = model.getRuns().filter((run) => run.status === 'running');
    if (running.length > 0) output.info(`following ${running.length} running run(s) found on disk: ${running.map((run) => run.runId).join(', ')}`);
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; trainers keep running (see RunsModel.dispose).
}
