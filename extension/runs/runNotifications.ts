// Messages when a followed run ends: an error with its log for failures, a short note otherwise.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/commandIds';
import { formatPercent } from '../views/runPresentation';
import type { RunsModel } from './runsModel';

export function registerRunNotifications(model: RunsModel): vscode.Disposable {
  return model.onDidChangeStatus((event) => {
    if (event.previous !== 'running') return;
    const run = model.getRun(event.runId);
    const name = run?.name ?? event.runId;
    switch (event.status) {
      case 'failed': {
        const reason = (run?.errorMessage ?? run?.statusDetail ?? 'no error message').split('\n')[0];
        void vscode.window.showErrorMessage(`Run "${name}" failed: ${reason}`, 'Show Log', 'Show Output').then((choice) => {
          if (choice === 'Show Log') void vscode.commands.executeCommand(COMMANDS.showLog, event.runId);
          if (choice === 'Show Output') void vscode.commands.executeCommand(COMMANDS.showOutput);
        });
        return;
      }
      case 'completed': {
        const best = run?.bestAccuracy;
        const accuracy = best !== undefined ? `: best fused accuracy ${formatPercent(best.fused)} (epoch ${best.epoch})` : '';
        void vscode.window.showInformationMessage(`Run "${name}" completed${accuracy}.`, 'Open Dashboard').then((choice) => {
          if (choice !== undefined) void vscode.commands.executeCommand(COMMANDS.openDashboard, event.runId);
        });
        return;
      }
      case 'stopped':
        vscode.window.setStatusBarMessage(`$(debug-stop) Run "${name}" stopped after ${run?.step ?? 0} steps`, 5000);
        return;
      case 'running':
        return;
    }
  });
}
