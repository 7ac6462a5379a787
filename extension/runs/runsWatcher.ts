// Feeds file-system events of each workspace folder's .mmpareto/runs/ to the runs model, so runs
// started from a terminal appear and update without waiting for the model's periodic rescan.
import { relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { RUN_FILES, RUNS_FOLDER } from '../../trainer/contract/runDirectory';
import { runsFolderOf, type RunsModel } from './runsModel';

/** Delay that merges a burst of events (a run folder being created) into one rescan, in ms. */
const RESCAN_DELAY_MS = 300;

export class RunsWatcher implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly model: RunsModel) {}

  /** Replaces the watchers with one per folder. */
  watch(folders: readonly string[]): void {
    this.disposeWatchers();
    for (const folder of folders) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), `${RUNS_FOLDER}/**`));
      const onEvent = (uri: vscode.Uri): void => this.handle(folder, uri);
      this.watchers.push(watcher, watcher.onDidCreate(onEvent), watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
    }
  }

  private handle(folder: string, uri: vscode.Uri): void {
    const parts = relative(runsFolderOf(folder), uri.fsPath).split(sep);
    const [runId, file] = parts;
    if (runId === undefined || runId === '' || runId.startsWith('..')) return;
    if (file === RUN_FILES.metrics && parts.length === 2 && this.model.getRun(runId)?.status === 'running') {
      this.model.poke(runId);
      return;
    }
    // process.json changes every heartbeat; the model follows running runs on its own timer.
    if (file === RUN_FILES.process && this.model.getRun(runId) !== undefined) return;
    this.scheduleRescan(folder);
  }

  private scheduleRescan(folder: string): void {
    if (this.timers.has(folder)) return;
    this.timers.set(
      folder,
      setTimeout(() => {
        this.timers.delete(folder);
        void this.model.refreshFolder(folder);
      }, RESCAN_DELAY_MS),
    );
  }

  private disposeWatchers(): void {
    this.watchers.forEach((watcher) => watcher.dispose());
    this.watchers = [];
  }

  dispose(): void {
    this.disposeWatchers();
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }
}
