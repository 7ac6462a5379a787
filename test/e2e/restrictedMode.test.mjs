// In an untrusted workspace (Restricted Mode) a person cannot start a run, neither from the
// palette nor from a config's Train code lens, but can still open a finished run's dashboard.
import assert from 'node:assert/strict';
import { e2eTest } from '../../scripts/e2e/harness.mjs';
import { openFile, openViewContainer, paletteTitles, viewPane, waitForNotification, waitForTreeRow } from '../../scripts/e2e/workbench.mjs';
import { cosinePointCounts, dashboardStatus, findDashboard, scrollToCosineCharts } from './helpers/panels.mjs';
import { listRunIds, readRun, trainWithCli } from './helpers/runs.mjs';

// quick.mmpareto.yaml: 2 epochs of 256 / 32 = 8 steps.
const QUICK_STEPS = 2 * (256 / 32);

e2eTest(
  'restricted mode blocks training',
  {
    timeoutMs: 150_000,
    trusted: false,
    prepare: (context) => {
      trainWithCli(context, 'quick.mmpareto.yaml');
    },
  },
  async (session) => {
    const { page } = session;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });

    await openViewContainer(page, 'MMPareto');
    await waitForTreeRow(page, 'Runs', 'quick synthetic');
    const viewMessage = await viewPane(page, 'Runs').locator('.message').first().textContent();
    assert.equal(viewMessage?.trim(), 'Restricted Mode: runs can be viewed but not started.');

    // Once the runs are listed, the palette offers the viewing commands but not Start Training Run.
    const titles = await paletteTitles(page, 'MMPareto');
    assert.ok(titles.includes('MMPareto: Open Dashboard'), `palette offers Open Dashboard: ${JSON.stringify(titles)}`);
    assert.ok(!titles.includes('MMPareto: Start Training Run…'), `palette hides Start Training Run: ${JSON.stringify(titles)}`);

    // The Train code lens of a config is shown, and rejects the start with the trust message.
    await openFile(page, 'quick.mmpareto.yaml');
    const trainLens = page.locator('.codelens-decoration a', { hasText: 'Train' }).first();
    await trainLens.waitFor({ state: 'visible', timeout: 30_000 });
    await trainLens.click();
    const warning = await waitForNotification(page, 'cannot start runs in Restricted Mode');
    assert.match(warning, /Trust the workspace to start runs; existing runs stay viewable\./);
    assert.equal(listRunIds(session.workspace).length, 1, 'no run directory was created');
    await session.screenshot('refused');

    // Viewing the finished run works: its tree item opens the dashboard.
    await (await waitForTreeRow(page, 'Runs', 'quick synthetic')).click();
    const dashboard = await findDashboard(page, 'quick synthetic');
    assert.equal(await dashboardStatus(dashboard), 'Completed');
    await scrollToCosineCharts(dashboard);
    const [runId] = listRunIds(session.workspace);
    assert.equal(readRun(session.workspace, runId).steps.length, QUICK_STEPS);
    assert.deepEqual(await cosinePointCounts(dashboard), { easy: QUICK_STEPS, hard: QUICK_STEPS });
  },
);
