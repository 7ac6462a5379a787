// Entry point of the panels for the rest of the extension.
//
//   const panels = registerPanels(context, dataSource, log);
//   panels.openDashboard(runId);        // one tab per run; revealed when already open
//   panels.openCompare([runA, runB]);   // 2 to 32 runs; one tab per set of runs
//
// registerPanels also registers the webview panel serializers of mmpareto.dashboard and
// mmpareto.compare, so panels come back after a window reload; call it during activation. All
// panels and listeners are disposed with context.subscriptions.
import * as vscode from 'vscode';
import { ComparePanel } from './comparePanel';
import { DashboardPanel } from './dashboardPanel';
import { PanelRegistry } from './panelRegistry';
import { RunPanelSerializer } from './panelSerializer';
import type { RunDataSource } from './runDataSource';

export interface PanelsApi {
  /** Opens the live dashboard of a run, or reveals it when it is open. */
  openDashboard(runId: string): void;
  /** Opens a compare panel of 2 to 32 runs, or reveals the one open for the same runs; warns the user otherwise. */
  openCompare(runIds: readonly string[]): void;
}

export function registerPanels(
  context: Pick<vscode.ExtensionContext, 'extensionUri' | 'subscriptions'>,
  dataSource: RunDataSource,
  log: vscode.LogOutputChannel,
): PanelsApi {
  const registry = new PanelRegistry({ extensionUri: context.extensionUri, dataSource, log });
  context.subscriptions.push(
    registry,
    vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, new RunPanelSerializer('dashboard', registry, log)),
    vscode.window.registerWebviewPanelSerializer(ComparePanel.viewType, new RunPanelSerializer('compare', registry, log)),
  );
  return {
    openDashboard: (runId) => registry.openDashboard(runId),
    openCompare: (runIds) => registry.openCompare(runIds),
  };
}
