// Actions of the run commands once their runs are known: stop, delete, reveal, show the log,
// export CSV, diff configs. The panels reach stop, show-log and export-csv through the same
// methods.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RUN_FILES } from '../../trainer/contract/runDirectory';
import { describeError, type Logger } from '../common/logger';
import { configDocumentUri } from '../configDiff/configDocumentProvider';
import { metricsToCsv } from '../export/metricsCsv';
import type { RunsModel } from '../runs/runsModel';

export class RunActions {
  constructor(
    private readonly model: RunsModel,
    private readonly log: Logger,
  ) {}

  private runOrWarn(runId: string): ReturnType<RunsModel['getRun']> {
    const run = this.model.getRun(runId);
    if (run === undefined) {
      this.log.warn(`no run ${runId} in the Runs view; the request was ignored`);
      void vscode.window.showWarningMessage(`Run ${runId} is not in the Runs view; it may have been deleted.`);
    }
    return run;
  }

  async stop(runId: string): Promise<void> {
    const run = this.runOrWarn(runId);
    if (run === undefined) return;
    if (run.stopping) {
      const kill = 'Kill Trainer';
      const choice = await vscode.window.showWarningMessage(
        `Run "${run.name}" is finishing its current step before it stops. Kill the trainer now?`,
        { modal: true, detail: 'Killing ends the trainer at once and marks the run failed. Records written so far are kept.' },
        kill,
      );
      if (choice === kill && !this.model.killRun(runId)) {
        void vscode.window.showWarningMessage(`Could not kill the trainer of run ${runId}; it may have ended already.`);
      }
      return;
    }
    const outcome = this.model.stopRun(runId);
    switch (outcome.kind) {
      case 'requested':
        vscode.window.setStatusBarMessage(`$(debug-stop) Stopping ${run.name} after the current step…`, 4000);
        return;
      case 'not-found':
      case 'not-running':
        void vscode.window.showInformationMessage(`Run "${run.name}" is not running.`);
        return;
      case 'starting':
        void vscode.window.showInformationMessage(`Run "${run.name}" is still starting; stop it again in a few seconds.`);
        return;
      case 'other-host':
        void vscode.window.showWarningMessage(`Run "${run.name}" trains on host ${outcome.hostname}; stop it there (Ctrl+C in its terminal, or kill -INT ${run.pid ?? '<pid>'}).`);
        return;
      case 'signals-disabled':
        void vscode.window.showWarningMessage(`Run "${run.name}" was not started by this window, and stopping it means signalling the pid in its process.json. MMPareto Lab does that only in trusted workspaces.`, 'Manage Workspace Trust').then((choice) => {
          if (choice !== undefined) void vscode.commands.executeCommand('workbench.trust.manage');
        });
        return;
    }
  }

  async showLog(runId: string): Promise<void> {
    const run = this.runOrWarn(runId);
    if (run === undefined) return;
    const uri = vscode.Uri.file(join(run.directory, RUN_FILES.log));
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showWarningMessage(`Run "${run.name}" has no ${RUN_FILES.log} in ${run.directory}.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: true });
    const end = document.lineAt(Math.max(0, document.lineCount - 1)).range.end;
    editor.revealRange(new vscode.Range(end, end));
  }

  async exportCsv(runId: string): Promise<void> {
    const run = this.runOrWarn(runId);
    if (run === undefined) return;
    const snapshot = await this.model.getSnapshot(runId);
    if (snapshot === undefined) return;
    const rows = snapshot.records.filter((record) => record.type === 'step' || record.type === 'epoch').length;
    if (rows === 0) {
      void vscode.window.showInformationMessage(`Run "${run.name}" has no step or epoch records yet; nothing to export.`);
      return;
    }
    const target = await vscode.window.showSaveDialog({
      title: `Export Metrics of ${run.name} as CSV`,
      defaultUri: vscode.Uri.file(join(run.folder, `${runId}-metrics.csv`)),
      filters: { 'CSV files': ['csv'] },
      saveLabel: 'Export',
    });
    if (target === undefined) return;
    try {
      await vscode.workspace.fs.writeFile(target, Buffer.from(metricsToCsv(snapshot.records), 'utf8'));
    } catch (error) {
      this.log.error(`run ${runId}: CSV export to ${target.fsPath} failed: ${describeError(error)}`);
      void vscode.window.showErrorMessage(`Could not write ${target.fsPath}: ${describeError(error)}. Choose another location.`);
      return;
    }
    this.log.info(`run ${runId}: exported ${rows} rows to ${target.fsPath}`);
    const choice = await vscode.window.showInformationMessage(`Exported ${rows} rows of run "${run.name}" to ${vscode.workspace.asRelativePath(target)}.`, 'Open File');
    if (choice !== undefined) await vscode.window.showTextDocument(target);
  }

  async reveal(runId: string): Promise<void> {
    const run = this.runOrWarn(runId);
    if (run === undefined) return;
    const uri = vscode.Uri.file(run.directory);
    // revealFileInOS works only where the files are local; in a remote window use the Explorer.
    if (vscode.env.remoteName === undefined) {
      await vscode.commands.executeCommand('revealFileInOS', uri);
    } else {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    }
  }

  async delete(runIds: readonly string[]): Promise<void> {
    const runs = runIds.map((runId) => this.runOrWarn(runId)).filter((run) => run !== undefined);
    if (runs.length === 0) return;
    const running = runs.filter((run) => run.status === 'running');
    if (running.length > 0) {
      void vscode.window.showWarningMessage(`Cannot delete ${running.map((run) => `"${run.name}"`).join(', ')}: ${running.length === 1 ? 'it is' : 'they are'} still running. Stop ${running.length === 1 ? 'it' : 'them'} first.`);
      return;
    }
    const question = runs.length === 1 ? `Delete run "${runs[0]!.name}" (${runs[0]!.runId})?` : `Delete ${runs.length} runs?`;
    const detail = `${runs.map((run) => run.directory).join('\n')}\n\nThe folder${runs.length === 1 ? '' : 's'} with metrics, log and checkpoint will be moved to the trash.`;
    const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Delete');
    if (choice !== 'Delete') return;
    for (const run of runs) {
      // Checked again: the run may have been restarted while the dialog was open.
      if (this.model.getRun(run.runId)?.status === 'running') continue;
      const uri = vscode.Uri.file(run.directory);
      try {
        await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: true });
        this.log.info(`run ${run.runId}: deleted ${run.directory}`);
      } catch (error) {
        this.log.warn(`run ${run.runId}: moving ${run.directory} to the trash failed: ${describeError(error)}`);
        const permanently = 'Delete Permanently';
        const retry = await vscode.window.showErrorMessage(`Could not move ${run.directory} to the trash: ${describeError(error)}`, permanently);
        if (retry === permanently) {
          try {
            await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
            this.log.info(`run ${run.runId}: deleted ${run.directory} permanently`);
          } catch (secondError) {
            void vscode.window.showErrorMessage(`Could not delete ${run.directory}: ${describeError(secondError)}`);
          }
        }
      }
    }
    await Promise.all([...new Set(runs.map((run) => run.folder))].map((folder) => this.model.refreshFolder(folder)));
  }

  async diffConfigs(leftRunId: string, rightRunId: string): Promise<void> {
    const left = this.runOrWarn(leftRunId);
    const right = this.runOrWarn(rightRunId);
    if (left === undefined || right === undefined) return;
    await vscode.commands.executeCommand(
      'vscode.diff',
      configDocumentUri(left.runId),
      configDocumentUri(right.runId),
      `Config: ${left.name} (${left.runId}) ↔ ${right.name} (${right.runId})`,
      { preview: true },
    );
  }
}
