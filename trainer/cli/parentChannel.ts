// The IPC channel to a parent process (the extension), when the trainer was started with one.
// Records and log lines go up; a stop message comes down. Losing the parent is not an error: the
// run goes on and keeps writing its directory, where a reloaded window finds it again.
import { isParentToTrainerMessage, type TrainerToParentMessage } from '../contract/ipcMessages';
import type { RunLog } from '../run/runLog';
import type { StopSignal } from '../training/stopSignal';

export class ParentChannel {
  private connected: boolean;

  constructor(private readonly log: RunLog, stop: StopSignal) {
    this.connected = typeof process.send === 'function' && process.connected;
    if (!this.connected) return;

    process.on('message', (message: unknown) => {
      if (isParentToTrainerMessage(message)) {
        if (stop.request('stop requested by the parent process')) {
          this.log.info('received stop message from the parent process');
        }
      } else {
        this.log.warn(`ignored an invalid IPC message from the parent: ${JSON.stringify(message)?.slice(0, 200)}`);
      }
    });
    process.on('disconnect', () => {
      this.connected = false;
      this.log.info('parent process disconnected; training continues and the run directory keeps updating');
    });
  }

  get isConnected(): boolean {
    return this.connected;
  }

  send(message: TrainerToParentMessage): void {
    if (!this.connected || typeof process.send !== 'function') return;
    try {
      // A parent that went away (a window reload) makes the write fail with EPIPE. Without this
      // callback the failure is an unhandled 'error' event that kills the trainer.
      process.send(message, undefined, {}, (error: Error | null) => {
        if (error !== null) this.connected = false;
      });
    } catch {
      this.connected = false;
    }
  }

  /** Closes the channel so the process can exit once training is done. */
  close(): void {
    if (this.connected) {
      this.connected = false;
      process.disconnect?.();
    }
  }
}
