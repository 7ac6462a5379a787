// The dashboard webview in Chromium, fed a run recorded from the real trainer through the same
// messages the extension host posts. Screenshots go to test-artifacts/browser/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chromiumMissingReason,
  launchChromium,
  openPanel,
  readChart,
  screenshot,
  sendToWebview,
  startPanelServer,
  waitForPoints,
} from './helpers/panelPage.mjs';
import { MMPARETO_RUN, readSnapshot } from '../unit/webview/helpers/fixtures.mjs';

const skip = chromiumMissingReason();
const snapshot = readSnapshot(MMPARETO_RUN);
const steps = snapshot.records.filter((record) => record.type === 'step');
const epochs = snapshot.records.filter((record) => record.type === 'epoch');

/** Returns the snapshot of the run as it looked while running, after its first `count` records. */
function runningSnapshot(count) {
  return { runId: MMPARETO_RUN, name: snapshot.name, status: 'running', records: snapshot.records.slice(0, count), config: snapshot.config };
}

async function text(page, selector) {
  return (await page.locator(selector).textContent()).trim();
}

describe('dashboard webview', { skip }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startPanelServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openDashboard(runSnapshot = snapshot) {
    const opened = await openPanel(browser.context, server.origin, 'dashboard', [MMPARETO_RUN]);
    if (runSnapshot !== null) {
      await sendToWebview(opened.page, { type: 'init', panel: 'dashboard', runs: [runSnapshot] });
      await opened.page.waitForSelector('.run-header:not([hidden])');
    }
    return opened;
  }

  test('ready and state on load', async () => {
    const { page, errors } = await openDashboard(null);
    assert.deepEqual(await page.evaluate(() => window.__posted), [{ type: 'ready' }]);
    assert.deepEqual(await page.evaluate(() => window.__state), { panel: 'dashboard', runIds: [MMPARETO_RUN] });
    assert.match(await text(page, '#app'), /Loading run/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('cosine chart values', async () => {
    const { page, errors } = await openDashboard();
    for (const encoder of ['easy', 'hard']) {
      const chart = await readChart(page, `cosine-${encoder}`);
      const cosine = chart.datasets.find((dataset) => dataset.key === 'cosine');
      assert.equal(cosine.points.length, steps.length, encoder);
      assert.deepEqual(cosine.points, steps.map((record) => [record.step, record.encoders[encoder].cosine]), encoder);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('conflicting steps marked red', async () => {
    const { page } = await openDashboard();
    for (const encoder of ['easy', 'hard']) {
      const chart = await readChart(page, `cosine-${encoder}`);
      const markers = chart.datasets.find((dataset) => dataset.key === 'conflicts');
      const conflicting = steps.filter((record) => record.encoders[encoder].cosine <= 0);
      assert.deepEqual(markers.points, conflicting.map((record) => [record.step, record.encoders[encoder].cosine]), encoder);
      // summary.json is the trainer's count of conflicting steps.
      assert.equal(markers.points.length, Math.round(snapshot.summary.conflictShare[encoder] * steps.length), encoder);
      assert.equal(markers.showLine, false, encoder);
      assert.equal(markers.markerColor, '#f14c4c', encoder);
    }
    await page.close();
  });

  test('norms on log axis', async () => {
    const { page } = await openDashboard();
    const chart = await readChart(page, 'norms-hard');
    assert.equal(chart.yScaleType, 'logarithmic');
    const multimodal = chart.datasets.find((dataset) => dataset.key === 'normMultimodal');
    assert.deepEqual(multimodal.points, steps.map((record) => [record.step, record.encoders.hard.normMultimodal]));
    await page.close();
  });

  test('epoch charts', async () => {
    const { page } = await openDashboard();
    const accuracy = await readChart(page, 'accuracy');
    assert.deepEqual(accuracy.datasets.find((dataset) => dataset.key === 'fused').points, epochs.map((record) => [record.epoch, record.testAccuracy.fused]));
    assert.deepEqual(accuracy.datasets.find((dataset) => dataset.key === 'unimodal:hard').points, epochs.map((record) => [record.epoch, record.testAccuracy.unimodal.hard]));
    const shares = await readChart(page, 'conflict-share');
    assert.deepEqual(shares.datasets.find((dataset) => dataset.key === 'easy').points, epochs.map((record) => [record.epoch, record.conflictShare.easy]));
    const descent = await readChart(page, 'descent-share');
    const expected = epochs.map((record) => {
      const ofEpoch = steps.filter((candidate) => candidate.epoch === record.epoch);
      const descending = ofEpoch.filter((candidate) => candidate.encoders.hard.updateDotMultimodal >= 0 && candidate.encoders.hard.updateDotUnimodal >= 0);
      return [record.epoch, descending.length / ofEpoch.length];
    });
    assert.deepEqual(descent.datasets.find((dataset) => dataset.key === 'hard').points, expected);
    await page.close();
  });

  test('header facts', async () => {
    const { page } = await openDashboard();
    assert.equal(await text(page, '.run-header h1'), 'MMPareto synthetic');
    assert.equal(await text(page, '.run-id'), MMPARETO_RUN);
    assert.equal(await text(page, '#run-status'), 'Completed');
    const facts = await page.locator('.run-facts dd').allTextContents();
    assert.deepEqual(facts.slice(0, 5), ['mmpareto', 'wasm', 'synthetic', '4 / 4', '192 / 192']);
    assert.equal(await page.locator('#stop-run').evaluate((button) => button.disabled), true);
    await page.close();
  });

  test('canvases described for screen readers', async () => {
    const { page } = await openDashboard();
    const canvases = await page.locator('canvas').evaluateAll((elements) => elements.map((element) => ({ role: element.getAttribute('role'), label: element.getAttribute('aria-label'), id: element.id })));
    // 4 run-level charts and 5 per encoder.
    assert.equal(canvases.length, 4 + 2 * 5);
    for (const canvas of canvases) {
      assert.equal(canvas.role, 'img', canvas.id);
      assert.ok(canvas.label.length > 20, canvas.id);
    }
    const cosine = canvases.find((canvas) => canvas.id === 'chart-cosine-hard');
    assert.match(cosine.label, /cosine: 192 points/);
    const live = await page.locator('#live-summary');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    assert.match(await live.textContent(), /^Step 192 of 192\. easy: cosine -?[\d.e+-]+, [\d.]+% of steps conflicting\./);
    await page.close();
  });

  test('streaming appends add points', async () => {
    const { page } = await openDashboard(runningSnapshot(41));
    await waitForPoints(page, 'cosine-easy', 'cosine', 40);
    assert.equal(await text(page, '#run-status'), 'Running');
    for (let start = 41; start < snapshot.records.length - 1; start += 25) {
      await sendToWebview(page, { type: 'append-records', runId: MMPARETO_RUN, records: snapshot.records.slice(start, start + 25) });
    }
    await waitForPoints(page, 'cosine-easy', 'cosine', steps.length);
    const chart = await readChart(page, 'cosine-easy');
    assert.deepEqual(chart.datasets[0].points, steps.map((record) => [record.step, record.encoders.easy.cosine]));
    const accuracy = await readChart(page, 'accuracy');
    assert.equal(accuracy.datasets[0].points.length, epochs.length);
    await page.waitForFunction(() => document.querySelectorAll('.run-facts dd')[4].textContent === '192 / 192');
    await page.close();
  });

  test('repeated records not drawn twice', async () => {
    const { page } = await openDashboard(runningSnapshot(60));
    await sendToWebview(page, { type: 'append-records', runId: MMPARETO_RUN, records: snapshot.records.slice(50, 80) });
    const expectedSteps = snapshot.records.slice(0, 80).filter((record) => record.type === 'step');
    await waitForPoints(page, 'losses', 'total', expectedSteps.length);
    const chart = await readChart(page, 'losses');
    assert.deepEqual(chart.datasets.find((dataset) => dataset.key === 'total').points, expectedSteps.map((record) => [record.step, record.losses.total]));
    await page.close();
  });

  test('stop posts stop-run', async () => {
    const { page } = await openDashboard(runningSnapshot(30));
    const stop = page.locator('#stop-run');
    assert.equal(await stop.evaluate((button) => button.disabled), false);
    await stop.click();
    assert.deepEqual(await page.evaluate(() => window.__posted.slice(1)), [{ type: 'stop-run', runId: MMPARETO_RUN }]);
    await sendToWebview(page, { type: 'run-status', runId: MMPARETO_RUN, status: 'stopped' });
    await page.waitForFunction(() => document.getElementById('stop-run').disabled === true);
    assert.equal(await text(page, '#run-status'), 'Stopped');
    assert.equal(await stop.getAttribute('disabled'), '');
    await stop.click({ force: true });
    assert.equal(await page.evaluate(() => window.__posted.length), 2);
    await page.close();
  });

  test('status for another run ignored', async () => {
    const { page } = await openDashboard(runningSnapshot(30));
    await sendToWebview(page, { type: 'run-status', runId: '20261204-000000-other-0000', status: 'stopped' });
    await page.waitForTimeout(250);
    assert.equal(await text(page, '#run-status'), 'Running');
    await page.close();
  });

  test('buttons reachable by keyboard', async () => {
    const { page } = await openDashboard(runningSnapshot(30));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'stop-run');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'show-log');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'export-csv');
    await page.keyboard.press(' ');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reset-zoom');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'chart-losses');
    assert.deepEqual(await page.evaluate(() => window.__posted.slice(1)), [
      { type: 'show-log', runId: MMPARETO_RUN },
      { type: 'export-csv', runId: MMPARETO_RUN },
    ]);
    await page.close();
  });

  test('zoom syncs and resets', async () => {
    const { page } = await openDashboard();
    await readChart(page, 'losses');
    await readChart(page, 'cosine-easy');
    await page.locator('#chart-losses').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const losses = await readChart(page, 'losses');
    const cosine = await readChart(page, 'cosine-easy');
    assert.ok(losses.xRange.max - losses.xRange.min < 150, JSON.stringify(losses.xRange));
    assert.deepEqual(cosine.xRange, losses.xRange);
    const accuracy = await readChart(page, 'accuracy');
    assert.deepEqual(accuracy.xRange, { min: 1, max: 4 });
    await page.locator('#reset-zoom').click();
    const reset = await readChart(page, 'cosine-easy');
    assert.deepEqual(reset.xRange, { min: 0, max: 200 });
    await page.close();
  });

  test('mouse zoom and pan', async () => {
    const { page } = await openDashboard();
    await readChart(page, 'cosine-easy');
    const canvas = page.locator('#chart-losses');
    await canvas.scrollIntoViewIfNeeded();
    const chartArea = await page.evaluate(() => {
      const chart = window.mmparetoGetChart(document.getElementById('chart-losses'));
      const box = chart.canvas.getBoundingClientRect();
      return { left: box.left + chart.chartArea.left, right: box.left + chart.chartArea.right, middle: box.top + (chart.chartArea.top + chart.chartArea.bottom) / 2 };
    });
    const at = (fraction) => chartArea.left + fraction * (chartArea.right - chartArea.left);

    // Drag-to-zoom uses the plugin's own mouse listeners.
    await page.mouse.move(at(0.25), chartArea.middle);
    await page.mouse.down();
    await page.mouse.move(at(0.5), chartArea.middle, { steps: 5 });
    await page.mouse.up();
    const zoomed = await readChart(page, 'losses');
    assert.ok(zoomed.xRange.min > 40, JSON.stringify(zoomed.xRange));
    assert.ok(zoomed.xRange.max < 110, JSON.stringify(zoomed.xRange));
    assert.deepEqual((await readChart(page, 'cosine-easy')).xRange, zoomed.xRange);

    // Shift+drag pans through Hammer.js, which the zoom plugin imports for pan and pinch.
    await canvas.scrollIntoViewIfNeeded();
    await page.keyboard.down('Shift');
    await page.mouse.move(at(0.6), chartArea.middle);
    await page.mouse.down();
    await page.mouse.move(at(0.3), chartArea.middle, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const panned = await readChart(page, 'losses');
    assert.ok(panned.xRange.min > zoomed.xRange.min, `${JSON.stringify(zoomed.xRange)} -> ${JSON.stringify(panned.xRange)}`);
    assert.ok(Math.abs(panned.xRange.max - panned.xRange.min - (zoomed.xRange.max - zoomed.xRange.min)) < 1e-6);

    // Ctrl+wheel zooms out again.
    await page.mouse.move(at(0.5), chartArea.middle);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 400);
    await page.keyboard.up('Control');
    await page.waitForFunction((width) => {
      const scale = window.mmparetoGetChart(document.getElementById('chart-losses')).scales.x;
      return scale.max - scale.min > width;
    }, panned.xRange.max - panned.xRange.min);
    await page.close();
  });

  test('long run decimated', async () => {
    const { page } = await openDashboard(runningSnapshot(1));
    // 100k steps built in the page: posting them from Node would push about 90 MB through the
    // DevTools protocol.
    await page.evaluate(() => {
      const runId = JSON.parse(document.body.dataset.runIds)[0];
      const metrics = (step, phase) => {
        const cosine = Math.sin(step / 500 + phase);
        return { cosine, normMultimodal: 1 + step / 1e5, normUnimodal: 2, weightMultimodal: 0.5, weightUnimodal: 0.5, conflict: cosine <= 0, rescale: 1, updateNorm: 1, updateDotMultimodal: 1, updateDotUnimodal: 1 };
      };
      for (let start = 1; start <= 100_000; start += 5000) {
        const records = [];
        for (let step = start; step < start + 5000; step += 1) {
          records.push({ type: 'step', epoch: 1, step, elapsedMs: step, learningRate: 0.002, losses: { multimodal: 1, unimodal: { easy: 1, hard: 1 }, total: 3 }, encoders: { easy: metrics(step, 0), hard: metrics(step, 1) } });
        }
        window.postMessage({ type: 'append-records', runId, records }, '*');
      }
    });
    await waitForPoints(page, 'cosine-easy', 'cosine', 100_000);
    const chart = await readChart(page, 'cosine-easy');
    const cosine = chart.datasets.find((dataset) => dataset.key === 'cosine');
    assert.equal(cosine.points.length, 100_000);
    assert.deepEqual(cosine.points[99_999], [100_000, Math.sin(200)]);
    // min-max decimation keeps at most 4 points per pixel column of a chart about 550 px wide.
    assert.ok(cosine.drawnPoints < 4 * 600, `${cosine.drawnPoints} points drawn`);
    assert.ok(cosine.drawnPoints > 100, `${cosine.drawnPoints} points drawn`);
    await screenshot(page, 'dashboard-long-run');
    await page.close();
  });

  test('failed run shows its error', async () => {
    const records = [...snapshot.records.slice(0, 20), { type: 'run-end', time: '2026-12-04T12:00:05.000Z', status: 'failed', elapsedMs: 5000, error: { message: 'Loss became NaN; lower optimizer.learningRate.', step: 19, epoch: 1 } }];
    const { page } = await openDashboard({ runId: MMPARETO_RUN, name: snapshot.name, status: 'failed', records });
    const alert = page.locator('.run-error');
    assert.equal(await alert.isVisible(), true);
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.equal(await text(page, '.run-error'), 'The run failed: Loss became NaN; lower optimizer.learningRate. (at epoch 1, step 19)');
    assert.equal(await text(page, '#run-status'), 'Failed');
    await screenshot(page, 'dashboard-failed');
    await page.close();
  });

  test('run without steps shows words', async () => {
    const { page } = await openDashboard(runningSnapshot(1));
    assert.equal(await text(page, '.panel-notice p'), 'Waiting for the first training step...');
    await sendToWebview(page, { type: 'run-status', runId: MMPARETO_RUN, status: 'failed' });
    await page.waitForFunction(() => document.querySelector('.panel-notice p').textContent.startsWith('The run failed before'));
    assert.equal(await text(page, '.run-error'), 'The run failed: the trainer recorded no error message; see Show Log.');
    await page.close();
  });

  test('missing run shows words', async () => {
    const { page } = await openPanel(browser.context, server.origin, 'dashboard', [MMPARETO_RUN]);
    await sendToWebview(page, { type: 'init', panel: 'dashboard', runs: [] });
    await page.waitForFunction(() => document.querySelector('.panel-notice p')?.textContent.includes('was not found'));
    assert.equal(await page.locator('.run-header').isHidden(), true);
    await page.close();
  });

  test('csp blocks inline script', async () => {
    const { page, errors } = await openDashboard();
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    const result = await page.evaluate(async () => {
      const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true }));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.append(script);
      const directive = await violation;
      return { ran: window.__inlineRan === true, directive };
    });
    assert.equal(result.ran, false);
    assert.equal(result.directive, 'script-src-elem');
    const handler = await page.evaluate(async () => {
      const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true }));
      const image = document.createElement('div');
      image.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handlerRan = true">';
      document.body.append(image);
      const directive = await violation;
      return { ran: window.__handlerRan === true, directive };
    });
    assert.equal(handler.ran, false);
    assert.equal(handler.directive, 'script-src-attr');
    assert.ok(errors.every((error) => error.includes('Content Security Policy')), errors.join('\n'));
    await page.close();
  });

  test('theme change recolors charts', async () => {
    const { page } = await openDashboard();
    const dark = await readChart(page, 'cosine-easy');
    assert.equal(dark.datasets[0].color, '#3794ff');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-dark');

    await page.evaluate(() => window.__setTheme('light'));
    await page.waitForFunction(() => window.mmparetoGetChart(document.getElementById('chart-cosine-easy')).data.datasets[0].borderColor === '#1a85ff');
    const light = await readChart(page, 'cosine-easy');
    assert.equal(light.datasets[1].markerColor, '#e51400');
    assert.equal(light.datasets[0].borderWidth, 1.5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-light');

    await page.evaluate(() => window.__setTheme('high-contrast'));
    await page.waitForFunction(() => window.mmparetoGetChart(document.getElementById('chart-cosine-easy')).data.datasets[0].borderWidth === 2.5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-high-contrast');
    await page.close();
  });
});
