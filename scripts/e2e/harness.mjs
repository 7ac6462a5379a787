// End-to-end sessions: the packaged extension installed into a fresh code-server profile,
// a fixture workspace copied to a temporary folder, and Debian's chromium showing the
// workbench. Everything a session starts is ended when it closes, also after a failure or a
// timeout.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { installExtension, requireTools, startCodeServer, writeUserSettings } from './codeServer.mjs';
import { resolveVsix } from './packageExtension.mjs';
import { CHROMIUM_PATH, REPO_ROOT, e2ePaths } from './paths.mjs';
import { commandLineOf, descendantsOf, endProcesses, killTracked, processesUnder, readStat, trackFolder, trackGroup, untrackFolder } from './processes.mjs';
import { runCommand, waitForWorkbench } from './workbench.mjs';

export const FIXTURES_ROOT = join(REPO_ROOT, 'test/e2e/fixtures');

/** Chromium flags for a headless run that contacts nothing but the page it is given. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every host name but the loopback address fails to resolve, so nothing else is contacted.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** User settings of every session: no welcome page, no AI chat, nothing that phones home. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.hover.delay': 300,
};

/** Settings that make the folder trusted (trust off) or leave it in Restricted Mode without a startup dialog. */
function trustSettings(trusted) {
  return trusted
    ? { 'security.workspace.trust.enabled': false }
    : { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' };
}

/** Why the end-to-end tests do not run here, or undefined when they do. */
export function skipReason(env = process.env) {
  if (env.MMPARETO_SKIP_E2E === '1') {
    if (env.CI) {
      throw new Error('MMPARETO_SKIP_E2E=1 is set in CI; the end-to-end tests must run there.');
    }
    return 'MMPARETO_SKIP_E2E=1';
  }
  return undefined;
}

function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function withTimeout(promise, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs} ms.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Copies every file of the run directories except checkpoints, for reading after the test. */
function copyRunDirectories(workspace, target) {
  const runs = join(workspace, '.mmpareto/runs');
  if (!existsSync(runs)) return;
  cpSync(runs, join(target, 'runs'), { recursive: true, filter: (source) => !source.includes('/checkpoint') });
}

/**
 * Starts a session. Options: name (artifact folder), fixture (folder under test/e2e/fixtures),
 * trusted (default true), settings (extra user settings), viewContainer (activity bar title
 * that shows the extension's contributions were loaded), prepare (async function of
 * { workspace, extensionDir }, run before the server starts).
 */
export async function startSession({ name, fixture = 'workspace', trusted = true, settings = {}, viewContainer = 'MMPareto', prepare }) {
  const paths = e2ePaths();
  requireTools(paths);
  const vsixPath = resolveVsix();
  const artifactsDir = join(paths.artifactsRoot, slug(name));
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });

  const home = mkdtempSync(join(tmpdir(), 'mmpareto-e2e-'));
  trackFolder(home);
  const workspace = join(home, 'lab');
  cpSync(join(FIXTURES_ROOT, fixture), workspace, { recursive: true });
  const userDataDir = join(home, 'profile');
  const extensionsDir = join(home, 'extensions');
  installExtension({ vsixPath, extensionsDir, home, paths });
  const installed = readdirSync(extensionsDir).filter((entry) => statSync(join(extensionsDir, entry)).isDirectory());
  if (installed.length !== 1) {
    throw new Error(`Expected one extension folder in ${extensionsDir} after installing ${vsixPath}, found: ${installed.join(', ') || 'none'}.`);
  }
  writeUserSettings(userDataDir, { ...BASE_SETTINGS, ...trustSettings(trusted), ...settings });

  const session = {
    name,
    home,
    workspace,
    userDataDir,
    artifactsDir,
    vsixPath,
    /** Folder of the installed extension, with its bundled trainer in dist/trainer/cli.js. */
    extensionDir: join(extensionsDir, installed[0]),
    server: undefined,
    browser: undefined,
    page: undefined,
  };
  let closed = false;

  // Every step goes to steps.log in the artifacts, and to the console with MMPARETO_E2E_TRACE=1.
  const trace = (step) => {
    const line = `${new Date().toISOString().slice(11, 23)} ${name}: ${step}`;
    appendFileSync(join(artifactsDir, 'steps.log'), `${line}\n`);
    if (process.env.MMPARETO_E2E_TRACE === '1') console.log(`[e2e] ${line}`);
  };
  /** Records a step of the scenario with its time, for reading why a run was slow or failed. */
  session.step = trace;

  session.close = async ({ screenshot = 'end' } = {}) => {
    if (closed) return;
    closed = true;
    trace('closing');
    // Every step runs even when an earlier one fails, so that nothing is left running.
    const attempt = async (what, step) => {
      try {
        await step();
      } catch (error) {
        console.error(`[e2e] ${name}: ${what} failed: ${error.message}`);
      }
    };
    if (session.page && screenshot) {
      await attempt('screenshot', () => session.screenshot(screenshot));
    }
    if (session.browser) {
      await attempt('closing chromium', () => withTimeout(session.browser.close(), 10_000, 'closing chromium'));
    }
    if (session.browserPid !== undefined) {
      await attempt('ending chromium', () => endProcesses({ pgid: session.browserPgid, pids: [session.browserPid], graceMs: 2000 }));
    }
    trace('browser closed');
    if (session.server) {
      await attempt('stopping code-server', () => session.server.stop());
    }
    trace('server stopped');
    // Trainers may have left the server's process tree (a reloaded window leaves them running).
    await attempt('ending leftover processes', async () => {
      const leftovers = processesUnder(home);
      if (leftovers.length > 0) {
        const described = leftovers.map((pid) => `${pid} ${commandLineOf(pid).slice(0, 120)}`).join('; ');
        console.error(`[e2e] ${name}: ending ${leftovers.length} process(es) left in ${home}: ${described}`);
        await endProcesses({ pids: leftovers });
      }
    });
    untrackFolder(home);
    trace('processes ended');
    await attempt('copying run directories', () => copyRunDirectories(workspace, artifactsDir));
    await attempt('copying VS Code logs', () => {
      if (existsSync(join(userDataDir, 'logs'))) {
        cpSync(join(userDataDir, 'logs'), join(artifactsDir, 'vscode-logs'), { recursive: true });
      }
    });
    if (process.env.MMPARETO_E2E_KEEP !== '1') {
      await attempt('deleting the session folder', () => rmSync(home, { recursive: true, force: true }));
    }
  };

  session.screenshot = async (label) => {
    const file = join(artifactsDir, `${label}.png`);
    await session.page.screenshot({ path: file, timeout: 10_000 });
    return file;
  };

  session.open = async () => {
    await session.page.goto(session.server.folderUrl, { timeout: 60_000 });
    await waitForWorkbench(session.page);
    if (viewContainer) {
      await session.page
        .locator(`.part.activitybar .action-item a.action-label[aria-label^="${viewContainer}"]`)
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
    }
  };

  /** Reloads the window with the palette command and waits for the workbench again. */
  session.reloadWindow = async () => {
    const navigated = session.page.waitForEvent('framenavigated', { predicate: (frame) => frame === session.page.mainFrame(), timeout: 30_000 });
    await runCommand(session.page, 'Developer: Reload Window');
    await navigated;
    await waitForWorkbench(session.page);
  };

  try {
    if (prepare) {
      trace('preparing the workspace');
      await prepare({ workspace, extensionDir: session.extensionDir });
    }
    session.server = await startCodeServer({
      folder: workspace,
      userDataDir,
      extensionsDir,
      home,
      logFile: join(artifactsDir, 'code-server.log'),
      paths,
    });
    const childrenBefore = new Set(descendantsOf(process.pid));
    session.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
    // Playwright does not expose the pid of a launched browser, so it is found among this
    // process's new descendants: the chromium process without a --type= (helper) flag.
    session.browserPid = descendantsOf(process.pid).find(
      (pid) => !childrenBefore.has(pid) && /chromium/.test(commandLineOf(pid)) && !commandLineOf(pid).includes('--type='),
    );
    if (session.browserPid !== undefined) {
      const stat = readStat(session.browserPid);
      if (stat?.pgid === session.browserPid) {
        session.browserPgid = session.browserPid;
        trackGroup(session.browserPgid);
      }
    }
    const context = await session.browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Bounds every Playwright wait that names no timeout of its own, such as reading an element
    // that VS Code removed while it re-rendered.
    context.setDefaultTimeout(10_000);
    const consoleLog = join(artifactsDir, 'browser-console.log');
    // Requests to any other host fail to resolve (see CHROMIUM_ARGS) and are written down.
    context.on('request', (request) => {
      const url = new URL(request.url());
      // Webview resources use vscode-cdn.net names that the webview's service worker serves locally.
      const local = url.hostname === '127.0.0.1' || url.hostname.endsWith('.vscode-cdn.net');
      if (!local && ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
        appendFileSync(consoleLog, `request to another host (not resolved): ${url.href}\n`);
      }
    });
    session.page = await context.newPage();
    session.page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        appendFileSync(consoleLog, `${message.type()}: ${message.text()}\n`);
      }
    });
    session.page.on('pageerror', (error) => appendFileSync(consoleLog, `pageerror: ${error.message}\n`));
    trace('opening the workbench');
    await session.open();
    trace('workbench ready');
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

function recordTiming(entry) {
  const { artifactsRoot } = e2ePaths();
  mkdirSync(artifactsRoot, { recursive: true });
  appendFileSync(join(artifactsRoot, 'timings.jsonl'), `${JSON.stringify(entry)}\n`);
}

/**
 * Declares a node:test test that runs body(session) in a fresh session with a bounded time,
 * saves a screenshot of the end state and always closes the session.
 */
export function e2eTest(name, options, body) {
  const { timeoutMs = 180_000, ...sessionOptions } = options;
  const skip = skipReason();
  // node:test's own timeout is a backstop; the session's bound below fires first and still
  // leaves time to close everything.
  test(name, { skip, timeout: timeoutMs + 60_000 }, async () => {
    const started = Date.now();
    let passed = false;
    const session = await startSession({ name, ...sessionOptions });
    try {
      await withTimeout(body(session), timeoutMs, `Scenario "${name}"`);
      passed = true;
    } finally {
      await withTimeout(session.close(), 90_000, 'Closing the session').catch((error) => {
        console.error(`[e2e] ${name}: ${error.message} Sending SIGKILL to everything it started.`);
        killTracked();
      });
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      console.log(`[e2e] ${name}: ${passed ? 'passed' : 'failed'} in ${seconds} s`);
      recordTiming({ scenario: name, seconds, passed, at: new Date().toISOString() });
    }
  });
}
