// One trainer child process seen from the extension: its IPC messages (validated), its output
// lines, stop and kill, and how it ended.
import type { ChildProcess } from 'node:child_process';
import { isTrainerToParentMessage, type LogMessage, type ReadyMessage } from '../../trainer/contract/ipcMessages';
import type { MetricsRecord } from '../../trainer/contract/records';
import type { Disposable } from '../common/disposable';
import { Emitter } from '../common/emitter';
import { checkMetricsRecord } from '../runs/recordGuards';
import { LastLines, LineSplitter } from './lastLines';

/** Lines of stderr kept for the message of a failed run. */
export const STDERR_LINES_KEPT = 40;

export interface TrainerExit {
  /** Exit code; null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderrTail: readonly string[];
}

export interface RejectedMessage {
  readonly reason: string;
  /** Start of the message's JSON, for the log. */
  readonly preview: string;
}

export type StopDelivery = 'ipc' | 'signal' | 'already-exited';

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export class TrainerProcess implements Disposable {
  readonly pid: number;

  private readonly readyEmitter = new Emitter<ReadyMessage>();
  private readonly recordEmitter = new Emitter<MetricsRecord>();
  private readonly logEmitter = new Emitter<LogMessage>();
  private readonly rejectedEmitter = new Emitter<RejectedMessage>();
  private readonly outputEmitter = new Emitter<{ readonly stream: 'stdout' | 'stderr'; readonly line: string }>();
  private readonly ipcClosedEmitter = new Emitter<void>();
  private readonly exitEmitter = new Emitter<TrainerExit>();
  private readonly errorEmitter = new Emitter<Error>();

  readonly onDidReceiveReady = this.readyEmitter.event;
  /** Records that passed the contract guard and the record body check. */
  readonly onDidReceiveRecord = this.recordEmitter.event;
  readonly onDidReceiveLog = this.logEmitter.event;
  /** Messages that failed validation; they are dropped. */
  readonly onDidRejectMessage = this.rejectedEmitter.event;
  readonly onDidWriteOutput = this.outputEmitter.event;
  /** The IPC channel closed; the process may still be running. */
  readonly onDidCloseIpc = this.ipcClosedEmitter.event;
  /** Fires once, after the process ended and its output streams closed. */
  readonly onDidExit = this.exitEmitter.event;
  /** A failed signal or IPC send; Node reports these as 'error' events on the child. */
  readonly onDidFail = this.errorEmitter.event;

  private readonly stderrTail = new LastLines(STDERR_LINES_KEPT);
  private exitInfo: TrainerExit | undefined;
  private detached = false;
  private readyMessage: ReadyMessage | undefined;

  constructor(private readonly child: ChildProcess) {
    if (child.pid === undefined) {
      throw new Error('The trainer process has no pid; it did not start.');
    }
    this.pid = child.pid;

    const stdout = new LineSplitter((line) => this.outputEmitter.fire({ stream: 'stdout', line }));
    const stderr = new LineSplitter((line) => {
      this.stderrTail.push(line);
      this.outputEmitter.fire({ stream: 'stderr', line });
    });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => stdout.write(chunk));
    child.stderr?.on('data', (chunk: string) => stderr.write(chunk));
    child.stdout?.on('end', () => stdout.end());
    child.stderr?.on('end', () => stderr.end());
    // A pipe torn down by detach() reports errors that mean nothing for the run.
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);

    child.on('error', (error: Error) => this.errorEmitter.fire(error));
    child.on('message', (message: unknown) => this.handleMessage(message));
    child.on('disconnect', () => this.ipcClosedEmitter.fire());
    // 'close' comes after 'exit' once stdout and stderr are drained, so the stderr tail is complete.
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      this.exitInfo = { code, signal, stderrTail: this.stderrTail.toArray() };
      this.exitEmitter.fire(this.exitInfo);
    });
  }

  get ready(): ReadyMessage | undefined {
    return this.readyMessage;
  }

  get exit(): TrainerExit | undefined {
    return this.exitInfo;
  }

  get isIpcConnected(): boolean {
    return !this.detached && this.child.connected;
  }

  get lastStderrLines(): readonly string[] {
    return this.stderrTail.toArray();
  }

  private handleMessage(message: unknown): void {
    if (!isTrainerToParentMessage(message)) {
      this.rejectedEmitter.fire({ reason: 'not a trainer message (kind ready, record or log)', preview: preview(message) });
      return;
    }
    switch (message.kind) {
      case 'ready':
        this.readyMessage = message;
        this.readyEmitter.fire(message);
        return;
      case 'record': {
        const problem = checkMetricsRecord(message.record);
        if (problem !== undefined) {
          this.rejectedEmitter.fire({ reason: problem, preview: preview(message) });
          return;
        }
        this.recordEmitter.fire(message.record);
        return;
      }
      case 'log':
        this.logEmitter.fire(message);
        return;
    }
  }

  /**
   * Asks the trainer to finish its step, write summary.json with status stopped and exit: over
   * IPC while connected, else with SIGINT, which the trainer handles the same way.
   */
  stop(): StopDelivery {
    if (this.exitInfo !== undefined) return 'already-exited';
    if (this.isIpcConnected) {
      try {
        this.child.send({ kind: 'stop' });
        return 'ipc';
      } catch {
        // The channel closed between the check and the send; fall through to the signal.
      }
    }
    try {
      process.kill(this.pid, 'SIGINT');
      return 'signal';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'already-exited';
      throw error;
    }
  }

  /** Ends the process at once; the run ends as failed unless the trainer already wrote a summary. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): boolean {
    if (this.exitInfo !== undefined) return false;
    return this.child.kill(signal);
  }

  /**
   * Lets go of the process without stopping it, as a window reload does: closes the IPC channel
   * and the output pipes and stops holding the parent's event loop open. The trainer keeps
   * training and writing its run directory.
   */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    if (this.child.connected) {
      this.child.disconnect();
    }
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.child.unref();
  }

  /** Stops listening; the process keeps running (see detach). */
  dispose(): void {
    this.detach();
    this.readyEmitter.dispose();
    this.recordEmitter.dispose();
    this.logEmitter.dispose();
    this.rejectedEmitter.dispose();
    this.outputEmitter.dispose();
    this.ipcClosedEmitter.dispose();
    this.exitEmitter.dispose();
    this.errorEmitter.dispose();
  }
}
