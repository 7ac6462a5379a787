// The compare webview in Chromium with three runs recorded from the real trainer.
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
import { JOINT_RUN, MMPARETO_RUN, UNIFORM_RUN, readSnapshot } from '../unit/webview/helpers/fixtures.mjs';

const skip = chromiumMissingReason();
const RUN_IDS = [MMPARETO_RUN, UNIFORM_RUN, JOINT_RUN];
const snapshots = RUN_IDS.map(readSnapshot);
const stepsOf = (snapshot) => snapshot.records.filter((record) => record.type === 'step');

/** Rows of a vscode-table as arrays of cell texts. */
async function tableRows(page, id) {
  return page.locator(`#${id} vscode-table-row`).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('vscode-table-cell')].map((cell) => cell.textContent)));
}

describe('compare webview', { skip }, () => {
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

  async function openCompare(runs = snapshots) {
    const opened = await openPanel(browser.context, server.origin, 'compare', RUN_IDS);
    await sendToWebview(opened.page, { type: 'init', panel: 'compare', runs });
    await opened.page.waitForSelector('#accuracy-table');
    return opened;
  }

  test('state and legend', async () => {
    const { page, errors } = await openCompare();
    assert.deepEqual(await page.evaluate(() => window.__state), { panel: 'compare', runIds: RUN_IDS });
    const legend = await page.locator('.run-legend li').allTextContents();
    assert.deepEqual(legend, [
      `R1 MMPareto synthetic (${MMPARETO_RUN}, completed)`,
      `R2 Uniform synthetic (${UNIFORM_RUN}, completed)`,
      `R3 Joint synthetic (${JOINT_RUN}, completed)`,
    ]);
    assert.equal(await page.locator('.run-legend').evaluate((element) => getComputedStyle(element).position), 'sticky');
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    await page.close();
  });

  test('charts overlay every run', async () => {
    const { page } = await openCompare();
    const chart = await readChart(page, 'cosine-hard');
    const cosineLines = chart.datasets.filter((dataset) => dataset.key.endsWith(':cosine'));
    assert.deepEqual(cosineLines.map((dataset) => dataset.key), RUN_IDS.map((runId) => `${runId}:cosine`));
    snapshots.forEach((snapshot, index) => {
      assert.deepEqual(cosineLines[index].points, stepsOf(snapshot).map((record) => [record.step, record.encoders.hard.cosine]), snapshot.runId);
    });
    assert.equal(new Set(cosineLines.map((dataset) => dataset.color)).size, 3);
    const markers = chart.datasets.filter((dataset) => dataset.key.endsWith(':conflicts'));
    snapshots.forEach((snapshot, index) => {
      const conflicting = stepsOf(snapshot).filter((record) => record.encoders.hard.conflict);
      assert.equal(markers[index].points.length, conflicting.length, snapshot.runId);
      assert.equal(markers[index].showLine, false, snapshot.runId);
    });
    await page.close();
  });

  test('accuracy lines per run', async () => {
    const { page } = await openCompare();
    const chart = await readChart(page, 'accuracy');
    const fused = chart.datasets.filter((dataset) => dataset.key.endsWith(':fused'));
    assert.equal(fused.length, 3);
    snapshots.forEach((snapshot, index) => {
      const epochs = snapshot.records.filter((record) => record.type === 'epoch');
      assert.deepEqual(fused[index].points, epochs.map((record) => [record.epoch, record.testAccuracy.fused]), snapshot.runId);
    });
    await page.close();
  });

  test('config table lists differing keys', async () => {
    const { page } = await openCompare();
    const rows = await tableRows(page, 'config-table');
    // The three runs were recorded with different --set values for exactly these keys.
    assert.deepEqual(rows.map((row) => row[0]).sort(), ['batchSize', 'data.testSize', 'data.trainSize', 'epochs', 'method', 'name', 'seed'].sort());
    assert.deepEqual(rows.find((row) => row[0] === 'method'), ['method', 'mmpareto', 'uniform', 'joint']);
    assert.deepEqual(rows.find((row) => row[0] === 'data.trainSize'), ['data.trainSize', '1536', '1024', '256']);
    await page.close();
  });

  test('accuracy table from summaries', async () => {
    const { page } = await openCompare();
    const headers = await page.locator('#accuracy-table vscode-table-header-cell').allTextContents();
    assert.deepEqual(headers, ['Metric', ...snapshots.map((snapshot, index) => `R${index + 1} ${snapshot.summary.name}`)]);
    const rows = await tableRows(page, 'accuracy-table');
    const percent = (share) => `${(share * 100).toFixed(1)}%`;
    const summaries = snapshots.map((snapshot) => snapshot.summary);
    assert.deepEqual(rows, [
      ['Status', 'completed', 'completed', 'completed'],
      ['Final fused accuracy', ...summaries.map((summary) => percent(summary.finalAccuracy.fused))],
      ['Final easy accuracy', ...summaries.map((summary) => percent(summary.finalAccuracy.unimodal.easy))],
      ['Final hard accuracy', ...summaries.map((summary) => percent(summary.finalAccuracy.unimodal.hard))],
      ['Best fused accuracy', ...summaries.map((summary) => percent(summary.bestAccuracy.fused))],
      ['Best easy accuracy', ...summaries.map((summary) => percent(summary.bestAccuracy.unimodal.easy))],
      ['Best hard accuracy', ...summaries.map((summary) => percent(summary.bestAccuracy.unimodal.hard))],
      ['Best epoch', ...summaries.map((summary) => String(summary.bestAccuracy.epoch))],
      ['Conflicting steps easy', ...summaries.map((summary) => percent(summary.conflictShare.easy))],
      ['Conflicting steps hard', ...summaries.map((summary) => percent(summary.conflictShare.hard))],
    ]);
    await page.close();
  });

  test('streaming into one run', async () => {
    const live = { ...snapshots[1], status: 'running', summary: undefined, records: snapshots[1].records.slice(0, 30) };
    const { page } = await openCompare([snapshots[0], live, snapshots[2]]);
    const liveSteps = stepsOf(snapshots[1]);
    await waitForPoints(page, 'losses', `${UNIFORM_RUN}:total`, 29);
    await sendToWebview(page, { type: 'append-records', runId: UNIFORM_RUN, records: snapshots[1].records.slice(30) });
    await waitForPoints(page, 'losses', `${UNIFORM_RUN}:total`, liveSteps.length);
    const chart = await readChart(page, 'losses');
    const total = chart.datasets.find((dataset) => dataset.key === `${UNIFORM_RUN}:total`);
    assert.deepEqual(total.points, liveSteps.map((record) => [record.step, record.losses.total]));
    const other = chart.datasets.find((dataset) => dataset.key === `${MMPARETO_RUN}:total`);
    assert.equal(other.points.length, stepsOf(snapshots[0]).length);
    await sendToWebview(page, { type: 'run-status', runId: UNIFORM_RUN, status: 'completed', summary: snapshots[1].summary });
    await page.waitForFunction((text) => document.querySelectorAll('.run-legend li')[1].textContent.includes(text), 'completed');
    await page.close();
  });

  test('missing run reported', async () => {
    const { page } = await openCompare(snapshots.slice(0, 2));
    assert.match(await page.locator('.panel-notice').textContent(), new RegExp(`Not found, so left out: ${JOINT_RUN}`));
    assert.equal(await page.locator('.run-legend li').count(), 2);
    await page.close();
  });

  test('screenshots light and dark', async () => {
    const { page } = await openCompare();
    await readChart(page, 'losses');
    await screenshot(page, 'compare-dark');
    await page.evaluate(() => window.__setTheme('light'));
    await page.waitForFunction(() => window.mmparetoGetChart(document.getElementById('chart-losses')).data.datasets[0].borderColor === '#1a85ff');
    await screenshot(page, 'compare-light');
    await page.close();
  });
});
