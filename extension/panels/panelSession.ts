// The host side shared by the dashboard and compare panels. It sets the webview HTML and
// options, validates every message from the webview and replies to 'ready' with the runs. Then
// it posts live records and status changes of the panel's runs, with records batched per run.
import * as vscode from 'vscode';
import type { RunStatusChangedEvent, RunDataSource } from './runDataSource';
import type { MetricsRecord } from '../../trainer/contract/records';
import type { HostToWebviewMessage, PanelKind, RunSnapshot, WebviewToHostMessage } from '../../webview/contract/panelMessages';
import { isWebviewToHostMessage } from '../../webview/contract/panelMessages';
import { buildPanelHtml, createNonce } from './panelHtml';
import { RecordBatcher } from './recordBatcher';
import { snapshotMessages } from './snapshotMessages';

export interface PanelDependencies {
  readonly extensionUri: vscode.Uri;
  readonly dataSource: RunDataSource;
  readonly log: vscode.LogOutputChannel;
}

/** Invalid messages logged one by one before the log switches to a count every 100. */
const INVALID_MESSAGES_LOGGED = 20;

/** Webview options of both panels: scripts on, and only the bundles and media readable. */
export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    // The webview is rebuilt from the host's snapshot when shown again, so keep nothing alive.
    retainContextWhenHidden: false,
  };
}

/** Names the type of an invalid message for the log without echoing arbitrary content. */
export function describeMessageType(message: unknown): string {
  if (typeof message !== 'object' || message === null) return `a ${message === null ? 'null' : typeof message} value`;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string') return 'a message without a string type';
  return `type ${JSON.stringify(type.slice(0, 40))}`;
}

export class PanelSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly batcher: RecordBatcher;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** The onDidDispose event of the panel, fired once. */
  readonly onDidDispose = this.disposeEmitter.event;
  /** True from a 'ready' message until the panel is hidden: live records and statuses are kept. */
  private collecting = false;
  /** True once the webview has the init message; until then live messages are held. */
  private initialized = false;
  private heldMessages: HostToWebviewMessage[] = [];
  /** Counts 'ready' messages so a slow snapshot read that a newer one replaced is not posted. */
  private initGeneration = 0;
  private invalidMessages = 0;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly kind: PanelKind,
    readonly runIds: readonly string[],
    private readonly dependencies: PanelDependencies,
  ) {
    this.batcher = new RecordBatcher((runId, records) => this.postRecords(runId, records));
    const webview = panel.webview;
    // A restored panel comes with the options VS Code saved; set ours either way.
    const { enableScripts, localResourceRoots } = panelWebviewOptions(dependencies.extensionUri);
    webview.options = { enableScripts, localResourceRoots };
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      dependencies.dataSource.onDidAppendRecords((event) => {
        if (this.collecting && this.runIds.includes(event.runId)) this.batcher.add(event.runId, event.records);
      }),
      dependencies.dataSource.onDidChangeStatus((event) => this.postStatus(event)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed (retainContextWhenHidden is off) and sends 'ready' again
        // when shown, so stop posting until then.
        if (!panel.visible) this.resetDelivery();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    webview.html = this.html();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.batcher.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const { extensionUri } = this.dependencies;
    return buildPanelHtml({
      panel: this.kind,
      title: this.panel.title,
      runIds: this.runIds,
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${this.kind}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    });
  }

  private receive(message: unknown): void {
    if (!isWebviewToHostMessage(message)) {
      this.invalidMessages += 1;
      if (this.invalidMessages <= INVALID_MESSAGES_LOGGED || this.invalidMessages % 100 === 0) {
        this.dependencies.log.warn(
          `Dropped an invalid message (${describeMessageType(message)}) from the ${this.kind} panel of ${this.runIds.join(', ')}; ${this.invalidMessages} dropped so far.`,
        );
      }
      return;
    }
    void this.handle(message);
  }

  private async handle(message: WebviewToHostMessage): Promise<void> {
    if (message.type === 'ready') {
      await this.sendInit();
      return;
    }
    if (!this.runIds.includes(message.runId)) {
      this.dependencies.log.warn(`Dropped a ${message.type} message for run ${message.runId}: the ${this.kind} panel shows ${this.runIds.join(', ')}.`);
      return;
    }
    const { dataSource, log } = this.dependencies;
    const actions = {
      'stop-run': { run: () => dataSource.stopRun(message.runId), failure: 'stop' },
      'show-log': { run: () => dataSource.showLog(message.runId), failure: 'show the log of' },
      'export-csv': { run: () => dataSource.exportCsv(message.runId), failure: 'export the metrics of' },
    } as const;
    const action = actions[message.type];
    log.info(`Panel request ${message.type} for run ${message.runId}.`);
    try {
      await action.run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.error(`Could not ${action.failure} run ${message.runId}: ${reason}`);
      void vscode.window.showErrorMessage(`Could not ${action.failure} run ${message.runId}: ${reason}`);
    }
  }

  /**
   * Replies to 'ready': reads the snapshots and posts them, then the live records and statuses
   * that arrived meanwhile. Those may be in the snapshots too. The webview skips steps and epochs
   * it already has, so nothing is lost and nothing is drawn twice.
   */
  private async sendInit(): Promise<void> {
    this.resetDelivery();
    this.collecting = true;
    const generation = ++this.initGeneration;
    const { dataSource, log } = this.dependencies;
    const found: RunSnapshot[] = [];
    for (const runId of this.runIds) {
      try {
        const snapshot = await dataSource.getSnapshot(runId);
        if (snapshot === undefined) log.warn(`The ${this.kind} panel asked for run ${runId}, which was not found.`);
        else found.push(snapshot);
      } catch (error) {
        log.error(`Could not read run ${runId} for the ${this.kind} panel: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (this.disposed || generation !== this.initGeneration) return;

    if (this.kind === 'dashboard' && found[0] !== undefined && found[0].name !== '') {
      this.panel.title = `Run: ${found[0].name}`;
    }
    for (const message of snapshotMessages(this.kind, found)) await this.post(message);
    if (generation !== this.initGeneration) return;
    this.initialized = true;
    for (const message of this.heldMessages.splice(0)) void this.post(message);
  }

  private resetDelivery(): void {
    this.collecting = false;
    this.initialized = false;
    this.heldMessages = [];
    this.batcher.clear();
  }

  private postRecords(runId: string, records: MetricsRecord[]): void {
    this.enqueue({ type: 'append-records', runId, records });
  }

  private postStatus(event: RunStatusChangedEvent): void {
    if (!this.collecting || !this.runIds.includes(event.runId)) return;
    // Records batched before the status change must reach the webview before it.
    this.batcher.flushRun(event.runId);
    this.enqueue({ type: 'run-status', runId: event.runId, status: event.status, summary: event.summary });
  }

  private enqueue(message: HostToWebviewMessage): void {
    if (!this.collecting) return;
    if (this.initialized) void this.post(message);
    else this.heldMessages.push(message);
  }

  private async post(message: HostToWebviewMessage): Promise<void> {
    try {
      await this.panel.webview.postMessage(message);
    } catch (error) {
      this.dependencies.log.warn(`Could not post ${message.type} to the ${this.kind} panel of ${this.runIds.join(', ')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
