// Status-bar item shown while runs train; clicking it opens the newest run's dashboard.
import * as vscode from 'vscode';
import type { RunsModel } from '../runs/runsModel';
import { COMMANDS } from '../commands/commandIds';
import { statusBarContent } from './statusText';

/** Minimum time between two updates of the item while records stream in, in ms. */
const UPDATE_INTERVAL_MS = 250;

export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mmpareto.training', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly model: RunsModel) {
    this.item.name = 'MMPareto Training';
    this.subscriptions.push(
      model.onDidChangeRuns(() => this.scheduleUpdate()),
      model.onDidAppendRecords(() => this.scheduleUpdate()),
    );
    this.update();
  }

  private scheduleUpdate(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_INTERVAL_MS);
  }

  private update(): void {
    const content = statusBarContent(this.model.getRuns());
    if (content === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = content.text;
    this.item.tooltip = new vscode.MarkdownString(content.tooltip);
    this.item.command = { title: 'Open Dashboard', command: COMMANDS.openDashboard, arguments: [content.runId] };
    this.item.show();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}
