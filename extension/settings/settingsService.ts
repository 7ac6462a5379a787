// Reads the extension's settings from VS Code, re-reads them on change and reports invalid values
// once each, naming the setting, the value and the fix.
import * as vscode from 'vscode';
import type { Logger } from '../common/logger';
import { readSettings, type ExtensionSettings } from './settings';

export class SettingsService implements vscode.Disposable {
  private current: ExtensionSettings;
  private readonly reported = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<ExtensionSettings>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('mmpareto')) return;
      this.current = this.read();
      this.changeEmitter.fire(this.current);
    });
  }

  get settings(): ExtensionSettings {
    return this.current;
  }

  private read(): ExtensionSettings {
    const configuration = vscode.workspace.getConfiguration();
    const { settings, problems } = readSettings((name) => configuration.get(name));
    for (const problem of problems) {
      if (this.reported.has(problem.message)) continue;
      this.reported.add(problem.message);
      this.log.warn(problem.message);
      void vscode.window.showWarningMessage(problem.message, 'Open Settings').then((choice) => {
        if (choice !== undefined) void vscode.commands.executeCommand('workbench.action.openSettings', problem.setting);
      });
    }
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
