// Coalesces redraw requests. However many batches of records arrive, the render callback runs in
// an animation frame at most once per minimum interval: 100 ms by default, so 10 redraws a second.

export interface SchedulerClock {
  now(): number;
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  setTimer(callback: () => void, delayMs: number): number;
  clearTimer(handle: number): void;
}

export const browserClock: SchedulerClock = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(() => callback()),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  setTimer: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimer: (handle) => window.clearTimeout(handle),
};

export class RenderScheduler {
  private lastRenderAt = Number.NEGATIVE_INFINITY;
  private frame: number | undefined;
  private timer: number | undefined;
  private disposed = false;

  constructor(
    private readonly render: () => void,
    private readonly minIntervalMs = 100,
    private readonly clock: SchedulerClock = browserClock,
  ) {}

  /** Asks for a redraw; a redraw already scheduled covers this request. */
  request(): void {
    if (this.disposed || this.frame !== undefined || this.timer !== undefined) return;
    const wait = this.lastRenderAt + this.minIntervalMs - this.clock.now();
    if (wait > 0) {
      this.timer = this.clock.setTimer(() => {
        this.timer = undefined;
        this.scheduleFrame();
      }, wait);
    } else {
      this.scheduleFrame();
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.frame !== undefined) this.clock.cancelFrame(this.frame);
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.frame = undefined;
    this.timer = undefined;
  }

  private scheduleFrame(): void {
    this.frame = this.clock.requestFrame(() => {
      this.frame = undefined;
      this.lastRenderAt = this.clock.now();
      this.render();
    });
  }
}
