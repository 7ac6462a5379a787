// Reads the dashboard and compare webviews the way a person (or a screen reader) does: the
// header's status badge and facts, and the text alternative of each chart canvas, which names
// how many points each line has.
import { findWebviewFrame, poll } from '../../../scripts/e2e/workbench.mjs';

export const COSINE_CANVAS = 'canvas[id^="chart-cosine-"]';

/**
 * Finds the dashboard webview of the run named runName (its header's h1) once it draws the
 * cosine charts, which it creates when the first step records arrive.
 */
export async function findDashboard(page, runName, { timeoutMs = 60_000 } = {}) {
  return poll(
    async () => {
      const frame = await findWebviewFrame(page, COSINE_CANVAS, { timeoutMs: 1000 }).catch(() => undefined);
      if (!frame) return undefined;
      // A short timeout, because the frame found may be one VS Code is about to replace.
      const heading = await frame
        .locator('.run-header h1')
        .textContent({ timeout: 1000 })
        .catch(() => undefined);
      return heading?.trim() === runName ? frame : undefined;
    },
    { timeoutMs, message: `No dashboard of run "${runName}" with cosine charts opened within ${timeoutMs} ms.` },
  );
}

/** Text of the dashboard's status badge: Running, Completed, Stopped or Failed. */
export async function dashboardStatus(frame) {
  return ((await frame.locator('#run-status').textContent()) ?? '').trim();
}

export async function waitForDashboardStatus(frame, status, { timeoutMs = 120_000 } = {}) {
  let last = '';
  await poll(
    async () => {
      last = await dashboardStatus(frame);
      return last === status;
    },
    { timeoutMs, intervalMs: 500, message: () => `Dashboard status stayed "${last}" instead of "${status}" for ${timeoutMs} ms.` },
  );
}

/**
 * Points of the "cosine" line of each cosine chart, by encoder, parsed from the canvas's
 * aria-label ("...: easy, steps 1 to 16. cosine: 16 points, latest ..."); 0 before any data.
 */
export async function cosinePointCounts(frame) {
  const labels = await frame.locator(COSINE_CANVAS).evaluateAll((canvases) => canvases.map((canvas) => [canvas.id, canvas.getAttribute('aria-label') ?? '']));
  const counts = {};
  for (const [id, label] of labels) {
    const encoder = id.replace('chart-cosine-', '');
    const match = /cosine: (\d+) points?/.exec(label);
    counts[encoder] = match ? Number(match[1]) : 0;
  }
  return counts;
}

/** Smallest cosine point count over the encoders; 0 when no cosine chart is drawn yet. */
export async function minCosinePoints(frame) {
  const counts = Object.values(await cosinePointCounts(frame));
  return counts.length === 0 ? 0 : Math.min(...counts);
}

/** Scrolls the dashboard to its first cosine chart; charts out of view are drawn only once they scroll in. */
export async function scrollToCosineCharts(frame) {
  await frame.locator(COSINE_CANVAS).first().evaluate((canvas) => canvas.scrollIntoView({ block: 'center' }), undefined, { timeout: 5000 });
}

/** PNG data URL of the first cosine chart's canvas, to tell whether what it shows has changed. */
export async function firstCosineChartImage(frame) {
  return frame.locator(COSINE_CANVAS).first().evaluate((canvas) => canvas.toDataURL('image/png'));
}

/** Waits until every cosine chart has at least count points; returns the counts. */
export async function waitForCosinePoints(frame, count, { timeoutMs = 60_000 } = {}) {
  let last = {};
  await poll(
    async () => {
      last = await cosinePointCounts(frame);
      const values = Object.values(last);
      return values.length > 0 && values.every((value) => value >= count);
    },
    { timeoutMs, intervalMs: 250, message: () => `Cosine charts did not reach ${count} points within ${timeoutMs} ms: ${JSON.stringify(last)}.` },
  );
  return last;
}

/** Reads the dashboard's header facts (Method, Backend, Dataset, Epoch, Step, Elapsed) by term. */
export async function dashboardFacts(frame) {
  return frame.locator('.run-facts > div').evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.querySelector('dt')?.textContent?.trim() ?? '', row.querySelector('dd')?.textContent?.trim() ?? ''])),
  );
}
