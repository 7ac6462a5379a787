// Restores dashboard and compare panels after a window reload from the state their webview
// saved with setState ({ panel, runIds }).
import type * as vscode from 'vscode';
import type { PanelKind } from '../../webview/contract/panelMessages';
import { isPanelState } from '../../webview/contract/panelMessages';
import type { PanelRegistry } from './panelRegistry';

export class RunPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(
    private readonly kind: PanelKind,
    private readonly registry: PanelRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const runCountValid = isPanelState(state) && (this.kind === 'dashboard' ? state.runIds.length === 1 : state.runIds.length >= 2);
    if (!isPanelState(state) || state.panel !== this.kind || !runCountValid) {
      this.log.warn(`Closed a restored ${this.kind} panel: its saved state ${describeState(state)} is not a valid ${this.kind} panel state. Open the run again from the Runs view.`);
      panel.dispose();
      return;
    }
    this.log.info(`Restoring the ${this.kind} panel of ${state.runIds.join(', ')}.`);
    if (this.kind === 'dashboard') this.registry.restoreDashboard(panel, state.runIds[0]!);
    else this.registry.restoreCompare(panel, state.runIds);
  }
}

function describeState(state: unknown): string {
  try {
    const text = JSON.stringify(state) ?? String(state);
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return 'that cannot be shown';
  }
}
