// Serves the built panel bundles to Debian's Chromium the way a VS Code webview gets them. The
// page is the HTML of the real buildPanelHtml, with its CSP meta tag and a fresh nonce. Scripts
// and styles come from a local origin standing in for webview.cspSource, and an init script
// provides acquireVsCodeApi and the --vscode-* theme variables.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from '../../unit/helpers/loadContract.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');

const { buildPanelHtml, createNonce } = await importTypeScript('extension/panels/panelHtml.ts');

const CONTENT_TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };
/** Only what localResourceRoots allows a real panel to read. */
const SERVED_FOLDERS = ['dist/webview/', 'media/'];

export function chromiumMissingReason() {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing; install it with apt-get install -y chromium to run the browser tests.`;
}

/** Starts the page server on 127.0.0.1 and returns its origin and a close function. */
export async function startPanelServer() {
  for (const bundle of ['dist/webview/dashboard.js', 'dist/webview/compare.js']) {
    if (!existsSync(join(ROOT, bundle))) throw new Error(`${bundle} is missing; run npm run build before the browser tests.`);
  }
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = /^\/(dashboard|compare)\.html$/.exec(url.pathname);
    if (page !== null) {
      const panel = page[1];
      const runIds = JSON.parse(url.searchParams.get('runIds') ?? '[]');
      const html = buildPanelHtml({
        panel,
        title: panel === 'dashboard' ? `Run: ${runIds[0]}` : `Compare ${runIds.length} runs`,
        runIds,
        cspSource: origin,
        nonce: createNonce(),
        scriptUri: `${origin}/dist/webview/${panel}.js`,
        styleUri: `${origin}/media/panel.css`,
      });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    // Chromium requests a favicon for every page; VS Code webviews never do.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '');
    if (!SERVED_FOLDERS.some((folder) => relative.startsWith(folder)) || !existsSync(join(ROOT, relative))) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(relative)] ?? 'application/octet-stream' });
    response.end(readFileSync(join(ROOT, relative)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Launches Chromium with a fresh profile; returns the browser context and a cleanup function. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'mmpareto-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.addInitScript({ path: join(dirname(fileURLToPath(import.meta.url)), 'fakeWebviewHost.js') });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a panel page and waits for its 'ready' message. */
export async function openPanel(context, origin, panel, runIds) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${origin}/${panel}.html?runIds=${encodeURIComponent(JSON.stringify(runIds))}`);
  await page.waitForFunction(() => window.__posted.some((message) => message.type === 'ready'));
  return { page, errors };
}

/** Delivers a host message to the webview the way VS Code does: a message event on window. */
export async function sendToWebview(page, message) {
  await page.evaluate((data) => window.postMessage(data, '*'), message);
}

/**
 * Reads a chart's datasets from its Chart.js instance, scrolling it into view first because
 * charts are created when they first come into view. While the decimation plugin is active,
 * dataset.data contains the decimated points and dataset._data all of them.
 */
export async function readChart(page, chartId) {
  await page.locator(`#chart-${chartId}`).scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => window.mmparetoGetChart(document.getElementById(`chart-${id}`)) !== undefined, chartId);
  return page.evaluate((id) => {
    const chart = window.mmparetoGetChart(document.getElementById(`chart-${id}`));
    return {
      yScaleType: chart.options.scales.y.type,
      xRange: { min: chart.scales.x.min, max: chart.scales.x.max },
      datasets: chart.data.datasets.map((dataset) => ({
        key: dataset.lineKey,
        label: dataset.label,
        color: dataset.borderColor,
        markerColor: dataset.pointBackgroundColor,
        showLine: dataset.showLine,
        borderWidth: dataset.borderWidth,
        points: (dataset._data ?? dataset.data).map((point) => [point.x, point.y]),
        drawnPoints: dataset.data.length,
      })),
    };
  }, chartId);
}

/** Waits until a chart line has this many points. */
export async function waitForPoints(page, chartId, lineKey, count) {
  await page.locator(`#chart-${chartId}`).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    ([id, key, expected]) => {
      const chart = window.mmparetoGetChart(document.getElementById(`chart-${id}`));
      const dataset = chart?.data.datasets.find((candidate) => candidate.lineKey === key);
      return dataset !== undefined && (dataset._data ?? dataset.data).length === expected;
    },
    [chartId, lineKey, count],
  );
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
