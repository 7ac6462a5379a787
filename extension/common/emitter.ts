// A typed event emitter whose `event` has the shape of vscode.Event, so modules that run without
// the vscode API can still hand their events to code that expects vscode.Event.
import type { Disposable } from './disposable';

export type Event<T> = (listener: (value: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => unknown>();

  /**
   * @param reportListenerError receives an error thrown by a listener; the other listeners
   * still run. Defaults to console.error.
   */
  constructor(private readonly reportListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    this.listeners.add(bound);
    const subscription: Disposable = { dispose: () => this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.reportListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
