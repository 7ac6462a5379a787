// Benchmark of the dashboard webview in Debian's Chromium: how long a step chart redraw takes with
// 10k, 50k and 100k points with the decimation plugin on and off, and how long streaming 100k
// steps into the dashboard takes. Usage: npm run bench:panels (builds first).
import {
  chromiumMissingReason,
  launchChromium,
  openPanel,
  readChart,
  sendToWebview,
  startPanelServer,
} from '../../test/browser/helpers/panelPage.mjs';
import { MMPARETO_RUN, readSnapshot } from '../../test/unit/webview/helpers/fixtures.mjs';

const POINT_COUNTS = [10_000, 50_000, 100_000];
const REDRAWS = 10;

const missing = chromiumMissingReason();
if (missing !== undefined) {
  console.error(missing);
  process.exit(1);
}

/** Posts `count` synthetic steps into the page in batches of 5000, as the host would. */
function streamSteps(page, count) {
  return page.evaluate((total) => {
    const runId = JSON.parse(document.body.dataset.runIds)[0];
    const metrics = (step, phase) => {
      const cosine = Math.sin(step / 500 + phase);
      return { cosine, normMultimodal: 1 + step / 1e5, normUnimodal: 2, weightMultimodal: 0.5, weightUnimodal: 0.5, conflict: cosine <= 0, rescale: 1, updateNorm: 1, updateDotMultimodal: 1, updateDotUnimodal: 1 };
    };
    const started = performance.now();
    for (let start = 1; start <= total; start += 5000) {
      const records = [];
      for (let step = start; step < Math.min(start + 5000, total + 1); step += 1) {
        records.push({ type: 'step', epoch: 1, step, elapsedMs: step, learningRate: 0.002, losses: { multimodal: 1, unimodal: { easy: 1, hard: 1 }, total: 3 }, encoders: { easy: metrics(step, 0), hard: metrics(step, 1) } });
      }
      window.postMessage({ type: 'append-records', runId, records }, '*');
    }
    return started;
  }, count);
}

/** Mean milliseconds of chart.update('none') on the cosine chart over REDRAWS runs. */
function timeRedraw(page, decimation) {
  return page.evaluate(
    ([enabled, redraws]) => {
      const chart = window.mmparetoGetChart(document.getElementById('chart-cosine-easy'));
      chart.options.plugins.decimation.enabled = enabled;
      chart.update('none');
      const started = performance.now();
      for (let index = 0; index < redraws; index += 1) chart.update('none');
      const mean = (performance.now() - started) / redraws;
      chart.options.plugins.decimation.enabled = true;
      chart.update('none');
      return mean;
    },
    [decimation, REDRAWS],
  );
}

const snapshot = readSnapshot(MMPARETO_RUN);
const server = await startPanelServer();
const browser = await launchChromium();
try {
  console.log(`Chromium ${browser.context.browser()?.version() ?? ''}, chart redraw of the cosine chart (mean of ${REDRAWS}):`);
  console.log('points     decimation on   decimation off   off / on');
  for (const count of POINT_COUNTS) {
    const { page } = await openPanel(browser.context, server.origin, 'dashboard', [MMPARETO_RUN]);
    await sendToWebview(page, { type: 'init', panel: 'dashboard', runs: [{ ...snapshot, status: 'running', summary: undefined, records: snapshot.records.slice(0, 1) }] });
    await page.waitForSelector('#chart-cosine-easy');
    const started = await streamSteps(page, count);
    await page.waitForFunction((total) => document.querySelectorAll('.run-facts dd')[4].textContent.startsWith(`${total} `), count, { timeout: 120_000 });
    const streamMs = await page.evaluate((start) => performance.now() - start, started);
    await readChart(page, 'cosine-easy');
    const on = await timeRedraw(page, true);
    const off = await timeRedraw(page, false);
    console.log(`${String(count).padEnd(10)} ${on.toFixed(2).padStart(10)} ms ${off.toFixed(2).padStart(13)} ms ${(off / on).toFixed(1).padStart(9)}x   (streaming ${count} steps into the page: ${Math.round(streamMs)} ms)`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
