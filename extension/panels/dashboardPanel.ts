// The dashboard of one run in an editor tab. PanelRegistry keeps one per run id.
import * as vscode from 'vscode';
import type { PanelDependencies } from './panelSession';
import { PanelSession, panelWebviewOptions } from './panelSession';
import { panelIconPath } from './panelIcons';

export class DashboardPanel implements vscode.Disposable {
  static readonly viewType = 'mmpareto.dashboard';

  /** Opens a new dashboard tab for the run. */
  static create(runId: string, dependencies: PanelDependencies, column = vscode.ViewColumn.Active): DashboardPanel {
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, `Run: ${runId}`, column, panelWebviewOptions(dependencies.extensionUri));
    return new DashboardPanel(panel, runId, dependencies);
  }

  /** Takes over a panel VS Code restored after a reload. */
  static restore(panel: vscode.WebviewPanel, runId: string, dependencies: PanelDependencies): DashboardPanel {
    return new DashboardPanel(panel, runId, dependencies);
  }

  private readonly session: PanelSession;
  readonly onDidDispose: vscode.Event<void>;

  private constructor(panel: vscode.WebviewPanel, readonly runId: string, dependencies: PanelDependencies) {
    panel.iconPath = panelIconPath(dependencies.extensionUri, 'dashboard');
    this.session = new PanelSession(panel, 'dashboard', [runId], dependencies);
    this.onDidDispose = this.session.onDidDispose;
  }

  reveal(): void {
    this.session.reveal();
  }

  dispose(): void {
    this.session.dispose();
  }
}
