// The Runs view: every run of the workspace folders, newest first, up to mmpareto.maxRunsShown.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RunsModel } from '../runs/runsModel';
import { COMMANDS, CONTEXT_KEYS } from '../commands/commandIds';
import { SETTING_MAX_RUNS_SHOWN } from '../settings/settings';
import { presentRun } from './runPresentation';

export type RunsTreeNode = { readonly kind: 'run'; readonly runId: string } | { readonly kind: 'more'; readonly hidden: number };

/** Delay that merges bursts of model changes into one refresh, in ms. */
const REFRESH_DELAY_MS = 100;

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly nodes = new Map<string, RunsTreeNode>();

  constructor(
    private readonly model: RunsModel,
    private readonly maxRunsShown: () => number,
  ) {
    this.subscription = model.onDidChangeRuns(() => this.scheduleRefresh());
  }

  scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, REFRESH_DELAY_MS);
  }

  refresh(): void {
    const runs = this.model.getRuns();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRuns, runs.length > 0);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRunningRuns, runs.some((run) => run.status === 'running'));
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasFinishedRuns, runs.some((run) => run.status !== 'running'));
    this.changeEmitter.fire();
  }

  /** Returns the node of a run, the same object each time so the view keeps its selection. */
  nodeFor(runId: string): RunsTreeNode {
    let node = this.nodes.get(runId);
    if (node === undefined) {
      node = { kind: 'run', runId };
      this.nodes.set(runId, node);
    }
    return node;
  }

  getChildren(element?: RunsTreeNode): RunsTreeNode[] {
    if (element !== undefined) return [];
    const runs = this.model.getRuns();
    const limit = this.maxRunsShown();
    const shown = runs.slice(0, limit).map((run) => this.nodeFor(run.runId));
    const hidden = runs.length - shown.length;
    return hidden > 0 ? [...shown, { kind: 'more', hidden }] : shown;
  }

  getTreeItem(element: RunsTreeNode): vscode.TreeItem {
    if (element.kind === 'more') {
      const item = new vscode.TreeItem(`${element.hidden} older run${element.hidden === 1 ? '' : 's'} not shown`);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.tooltip = `The view lists the newest ${this.maxRunsShown()} runs. Raise ${SETTING_MAX_RUNS_SHOWN} to see more.`;
      item.command = { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: [SETTING_MAX_RUNS_SHOWN] };
      return item;
    }
    const run = this.model.getRun(element.runId);
    if (run === undefined) {
      return new vscode.TreeItem(element.runId);
    }
    const folders = this.model.workspaceFolders;
    const presentation = presentRun(run, { nowMs: Date.now(), ...(folders.length > 1 ? { folderName: basename(run.folder) } : {}) });
    const item = new vscode.TreeItem(presentation.label, vscode.TreeItemCollapsibleState.None);
    item.id = run.runId;
    item.description = presentation.description;
    const tooltip = new vscode.MarkdownString(presentation.tooltip);
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(presentation.icon.id, presentation.icon.color !== undefined ? new vscode.ThemeColor(presentation.icon.color) : undefined);
    item.contextValue = presentation.contextValue;
    item.command = { title: 'Open Dashboard', command: COMMANDS.openDashboard, arguments: [run.runId] };
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
