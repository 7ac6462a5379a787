// A stop request shared by the IPC handler, the signal handlers and the training loop, which
// checks it between steps.
export class StopSignal {
  private reasonText: string | undefined;

  get requested(): boolean {
    return this.reasonText !== undefined;
  }

  get reason(): string | undefined {
    return this.reasonText;
  }

  /** Returns false when a stop was already requested. */
  request(reason: string): boolean {
    if (this.reasonText !== undefined) return false;
    this.reasonText = reason;
    return true;
  }
}
