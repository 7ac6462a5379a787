// A visually hidden live region for screen readers. Progress text changes with every redraw, so
// it is passed on at most every few seconds; status changes are announced at once.
const MIN_ANNOUNCE_INTERVAL_MS = 5000;

export class LiveRegion {
  readonly element: HTMLDivElement;
  private lastAnnouncedAt = Number.NEGATIVE_INFINITY;
  private lastText = '';

  constructor() {
    this.element = document.createElement('div');
    this.element.id = 'live-summary';
    this.element.className = 'visually-hidden';
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
  }

  /** Updates the text unless it was updated less than a few seconds ago. */
  announce(text: string): void {
    if (text === this.lastText) return;
    const now = performance.now();
    if (now - this.lastAnnouncedAt < MIN_ANNOUNCE_INTERVAL_MS) return;
    this.announceNow(text);
  }

  announceNow(text: string): void {
    this.lastAnnouncedAt = performance.now();
    this.lastText = text;
    this.element.textContent = text;
  }
}
