// Two or more runs overlaid in one editor tab. PanelRegistry keeps one per set of run ids.
import * as vscode from 'vscode';
import type { PanelDependencies } from './panelSession';
import { PanelSession, panelWebviewOptions } from './panelSession';
import { panelIconPath } from './panelIcons';

export class ComparePanel implements vscode.Disposable {
  static readonly viewType = 'mmpareto.compare';

  /** Identifies a set of runs whatever order they were picked in. */
  static keyOf(runIds: readonly string[]): string {
    return [...new Set(runIds)].sort().join('\n');
  }

  static create(runIds: readonly string[], dependencies: PanelDependencies, column = vscode.ViewColumn.Active): ComparePanel {
    const panel = vscode.window.createWebviewPanel(
      ComparePanel.viewType,
      `Compare ${runIds.length} runs`,
      column,
      panelWebviewOptions(dependencies.extensionUri),
    );
    return new ComparePanel(panel, runIds, dependencies);
  }

  static restore(panel: vscode.WebviewPanel, runIds: readonly string[], dependencies: PanelDependencies): ComparePanel {
    return new ComparePanel(panel, runIds, dependencies);
  }

  private readonly session: PanelSession;
  readonly onDidDispose: vscode.Event<void>;
  readonly key: string;

  private constructor(panel: vscode.WebviewPanel, readonly runIds: readonly string[], dependencies: PanelDependencies) {
    this.key = ComparePanel.keyOf(runIds);
    panel.iconPath = panelIconPath(dependencies.extensionUri, 'compare');
    this.session = new PanelSession(panel, 'compare', runIds, dependencies);
    this.onDidDispose = this.session.onDidDispose;
  }

  reveal(): void {
    this.session.reveal();
  }

  dispose(): void {
    this.session.dispose();
  }
}
