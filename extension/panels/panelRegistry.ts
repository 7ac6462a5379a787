// Keeps the open panels: one dashboard per run and one compare panel per set of runs, so
// opening one that is already open reveals it.
import * as vscode from 'vscode';
import { ComparePanel } from './comparePanel';
import { DashboardPanel } from './dashboardPanel';
import type { PanelDependencies } from './panelSession';

/** isPanelState accepts at most this many run ids, so a larger compare panel could not be restored. */
export const MAX_COMPARED_RUNS = 32;

export class PanelRegistry implements vscode.Disposable {
  private readonly dashboards = new Map<string, DashboardPanel>();
  private readonly compares = new Map<string, ComparePanel>();

  constructor(private readonly dependencies: PanelDependencies) {}

  openDashboard(runId: string): void {
    const open = this.dashboards.get(runId);
    if (open !== undefined) {
      open.reveal();
      return;
    }
    this.dependencies.log.info(`Opening the dashboard of run ${runId}.`);
    this.trackDashboard(DashboardPanel.create(runId, this.dependencies));
  }

  openCompare(runIds: readonly string[]): void {
    const unique = [...new Set(runIds)];
    if (unique.length < 2 || unique.length > MAX_COMPARED_RUNS) {
      const problem = `Compare needs 2 to ${MAX_COMPARED_RUNS} different runs, got ${unique.length}.`;
      this.dependencies.log.warn(`${problem} Runs: ${unique.join(', ') || 'none'}.`);
      void vscode.window.showWarningMessage(`${problem} Select between 2 and ${MAX_COMPARED_RUNS} runs in the Runs view and try again.`);
      return;
    }
    const open = this.compares.get(ComparePanel.keyOf(unique));
    if (open !== undefined) {
      open.reveal();
      return;
    }
    this.dependencies.log.info(`Opening a compare panel of runs ${unique.join(', ')}.`);
    this.trackCompare(ComparePanel.create(unique, this.dependencies));
  }

  restoreDashboard(panel: vscode.WebviewPanel, runId: string): void {
    if (this.dashboards.has(runId)) {
      this.dependencies.log.warn(`Closed a second restored dashboard of run ${runId}; one is already open.`);
      panel.dispose();
      return;
    }
    this.trackDashboard(DashboardPanel.restore(panel, runId, this.dependencies));
  }

  restoreCompare(panel: vscode.WebviewPanel, runIds: readonly string[]): void {
    const key = ComparePanel.keyOf(runIds);
    if (this.compares.has(key)) {
      this.dependencies.log.warn(`Closed a second restored compare panel of runs ${runIds.join(', ')}; one is already open.`);
      panel.dispose();
      return;
    }
    this.trackCompare(ComparePanel.restore(panel, runIds, this.dependencies));
  }

  dispose(): void {
    for (const panel of [...this.dashboards.values(), ...this.compares.values()]) panel.dispose();
    this.dashboards.clear();
    this.compares.clear();
  }

  private trackDashboard(panel: DashboardPanel): void {
    this.dashboards.set(panel.runId, panel);
    panel.onDidDispose(() => {
      if (this.dashboards.get(panel.runId) === panel) this.dashboards.delete(panel.runId);
    });
  }

  private trackCompare(panel: ComparePanel): void {
    this.compares.set(panel.key, panel);
    panel.onDidDispose(() => {
      if (this.compares.get(panel.key) === panel) this.compares.delete(panel.key);
    });
  }
}
