// A person starts a long run and presses Stop in its dashboard: the run ends stopped, its
// trainer exits, and the metrics written so far stay on disk.
import assert from 'node:assert/strict';
import { e2eTest } from '../../scripts/e2e/harness.mjs';
import { openViewContainer, pickQuickItem, poll, runCommand, treeRowCodicons, waitForTreeRow } from '../../scripts/e2e/workbench.mjs';
import { isAlive } from '../../scripts/e2e/processes.mjs';
import { cosinePointCounts, dashboardStatus, findDashboard, scrollToCosineCharts, waitForCosinePoints, waitForDashboardStatus } from './helpers/panels.mjs';
import { listRunIds, readRun } from './helpers/runs.mjs';

// long.mmpareto.yaml: 4 epochs of 8192 / 16 = 512 steps.
const TOTAL_STEPS = 4 * (8192 / 16);

e2eTest('stop from the dashboard', { timeoutMs: 240_000 }, async (session) => {
  const { page } = session;

  await runCommand(page, 'MMPareto: Start Training Run…');
  await pickQuickItem(page, /^long\.mmpareto\.yaml/);
  const dashboard = await findDashboard(page, 'long synthetic');
  await scrollToCosineCharts(dashboard);
  await waitForCosinePoints(dashboard, 20);
  // A dashboard that stays blank until the run ends fails here, not at a later check.
  assert.equal(await dashboardStatus(dashboard), 'Running', 'the dashboard showed 20 steps while the run trained');

  const [runId] = listRunIds(session.workspace);
  const trainerPid = readRun(session.workspace, runId).processInfo?.pid;
  assert.ok(Number.isInteger(trainerPid), 'process.json names the trainer pid while the run trains');
  assert.ok(isAlive(trainerPid), `trainer ${trainerPid} runs before Stop`);

  session.step('pressing Stop');
  await dashboard.locator('#stop-run').click();
  await waitForDashboardStatus(dashboard, 'Stopped', { timeoutMs: 60_000 });
  await poll(() => !isAlive(trainerPid), { timeoutMs: 15_000, message: `Trainer ${trainerPid} still runs after Stop.` });

  await openViewContainer(page, 'MMPareto');
  await poll(async () => (await treeRowCodicons(await waitForTreeRow(page, 'Runs', 'long synthetic'))).includes('debug-stop'), {
    timeoutMs: 15_000,
    message: 'The Runs view does not show the stopped icon.',
  });

  const run = readRun(session.workspace, runId);
  assert.equal(run.summary?.status, 'stopped');
  assert.equal(run.ends.length, 1);
  assert.equal(run.ends[0].status, 'stopped');
  assert.ok(run.summary.stepsCompleted >= 20, `steps before Stop are counted (${run.summary.stepsCompleted})`);
  assert.ok(run.summary.stepsCompleted < TOTAL_STEPS, `the run ended before its last step (${run.summary.stepsCompleted} of ${TOTAL_STEPS})`);
  // Every step the trainer finished is kept in metrics.jsonl, numbered 1..n without gaps.
  assert.equal(run.steps.length, run.summary.stepsCompleted);
  assert.deepEqual(
    run.steps.map((step) => step.step),
    Array.from({ length: run.steps.length }, (_, index) => index + 1),
  );
  assert.equal(run.processInfo, undefined, 'process.json is removed when the trainer exits');

  const counts = await cosinePointCounts(dashboard);
  assert.equal(counts.easy, run.steps.length, 'the dashboard keeps every recorded step');
});
