// Disposal helpers shared by the extension's modules. The shapes match vscode.Disposable, so
// modules that must run without the vscode API (and their tests) use these instead.

export interface Disposable {
  dispose(): void;
}

/** Collects disposables and disposes them in reverse order of addition, once. */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Adds an item; an item added after dispose() is disposed at once. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    while (this.items.length > 0) {
      const item = this.items.pop()!;
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
  }
}

export function toDisposable(dispose: () => void): Disposable {
  return { dispose };
}
