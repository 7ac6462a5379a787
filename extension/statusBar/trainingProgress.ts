// A cancellable progress notification for a run started in this window; cancelling stops the run.
import * as vscode from 'vscode';
import type { RunsModel } from '../runs/runsModel';

/**
 * Shows progress until the run leaves the running status. Cancelling closes the notification
 * and calls `stop`; the status bar and the Runs view show the run as stopping until it ends.
 */
export function showTrainingProgress(model: RunsModel, runId: string, stop: (runId: string) => void): void {
  const name = model.getRun(runId)?.name ?? runId;
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `MMPareto: training ${name}`, cancellable: true },
    (progress, token) =>
      new Promise<void>((resolve) => {
        let reportedPercent = 0;
        let cancelled = false;
        const report = (): void => {
          const run = model.getRun(runId);
          if (run === undefined || run.status !== 'running') {
            finish();
            return;
          }
          const percent = run.step !== undefined && run.totalSteps !== undefined && run.totalSteps > 0 ? Math.min(100, (100 * run.step) / run.totalSteps) : reportedPercent;
          const epochText = run.epoch !== undefined ? `epoch ${run.epoch}${run.epochs !== undefined ? `/${run.epochs}` : ''}, step ${run.step}${run.totalSteps !== undefined ? `/${run.totalSteps}` : ''}` : 'starting';
          const message = cancelled || run.stopping ? `stopping after the current step (${epochText})` : epochText;
          progress.report({ message, increment: percent - reportedPercent });
          reportedPercent = percent;
        };
        const subscriptions = [model.onDidAppendRecords((event) => event.runId === runId && report()), model.onDidChangeRuns(() => report())];
        const finish = (): void => {
          subscriptions.forEach((subscription) => subscription.dispose());
          cancellation.dispose();
          resolve();
        };
        const cancellation = token.onCancellationRequested(() => {
          cancelled = true;
          stop(runId);
          report();
        });
        report();
      }),
  );
}
