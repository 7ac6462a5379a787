// A person reloads the window while a run trains: the trainer keeps running (same process,
// one uninterrupted metrics file) and the restored dashboard re-attaches and keeps filling in.
import assert from 'node:assert/strict';
import { e2eTest } from '../../scripts/e2e/harness.mjs';
import { isAlive } from '../../scripts/e2e/processes.mjs';
import { pickQuickItem, poll, runCommand } from '../../scripts/e2e/workbench.mjs';
import { dashboardStatus, findDashboard, minCosinePoints, scrollToCosineCharts, waitForCosinePoints, waitForDashboardStatus } from './helpers/panels.mjs';
import { listRunIds, readRun } from './helpers/runs.mjs';

// long.mmpareto.yaml: 4 epochs of 8192 / 16 = 512 steps.
const EPOCHS = 4;
const STEPS = 4 * (8192 / 16);

e2eTest('reload during a run', { timeoutMs: 300_000 }, async (session) => {
  const { page } = session;

  await runCommand(page, 'MMPareto: Start Training Run…');
  await pickQuickItem(page, /^long\.mmpareto\.yaml/);
  const before = await findDashboard(page, 'long synthetic');
  await scrollToCosineCharts(before);
  await waitForCosinePoints(before, 20);
  // A dashboard that stays blank until the run ends fails here, not at a later check.
  assert.equal(await dashboardStatus(before), 'Running', 'the dashboard showed 20 steps while the run trained');

  const [runId] = listRunIds(session.workspace);
  const trainerPid = readRun(session.workspace, runId).processInfo?.pid;
  assert.ok(Number.isInteger(trainerPid), 'process.json names the trainer pid');

  session.step(`reloading at ${readRun(session.workspace, runId).steps.length} steps`);
  await session.reloadWindow();
  session.step('workbench reloaded');
  assert.ok(isAlive(trainerPid), `trainer ${trainerPid} survived the reload`);
  const stepsAtReload = readRun(session.workspace, runId).steps.length;
  assert.ok(stepsAtReload < STEPS, `the run was still training at the reload (${stepsAtReload} of ${STEPS} steps)`);

  // The dashboard comes back by itself and shows the run still training.
  const after = await findDashboard(page, 'long synthetic');
  session.step('restored dashboard found');
  await scrollToCosineCharts(after);
  await waitForCosinePoints(after, 1);
  session.step('restored dashboard shows points');
  const pointsAfterReload = await minCosinePoints(after);
  assert.equal(await dashboardStatus(after), 'Running', `the restored dashboard shows the run training (${pointsAfterReload} points)`);
  await poll(async () => (await minCosinePoints(after)) > pointsAfterReload + 10, {
    timeoutMs: 60_000,
    message: `The restored dashboard stayed at ${pointsAfterReload} points.`,
  });
  await session.screenshot('reattached');

  await waitForDashboardStatus(after, 'Completed', { timeoutMs: 180_000 });
  assert.equal(await minCosinePoints(after), STEPS);

  const run = readRun(session.workspace, runId);
  assert.equal(run.summary?.status, 'completed');
  assert.equal(run.summary?.epochsCompleted, EPOCHS);
  assert.equal(run.starts.length, 1, 'one trainer wrote the whole run');
  assert.equal(run.starts[0].pid, trainerPid);
  assert.equal(run.steps.length, STEPS);
  assert.deepEqual(
    run.steps.map((step) => step.step),
    Array.from({ length: STEPS }, (_, index) => index + 1),
  );
});
