// A person with two finished runs (trained from a terminal with the trainer CLI) compares them
// and diffs their configs from the command palette.
import assert from 'node:assert/strict';
import { e2eTest } from '../../scripts/e2e/harness.mjs';
import { checkQuickItems, diffEditorChangedLines, findWebviewFrame, runCommand, waitForEditorTab } from '../../scripts/e2e/workbench.mjs';
import { readRun, trainWithCli } from './helpers/runs.mjs';

/** Accuracy as the compare table prints it: a percentage with one decimal. */
function percent(share) {
  return `${(share * 100).toFixed(1)}%`;
}

/** Rows of a vscode-table as arrays of cell texts. */
async function tableRows(frame, tableId) {
  return frame
    .locator(`#${tableId} vscode-table-row`)
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('vscode-table-cell')].map((cell) => (cell.textContent ?? '').trim())));
}

let mmparetoRunId;
let uniformRunId;

e2eTest(
  'compare and diff two runs',
  {
    timeoutMs: 180_000,
    // Collapsed unchanged regions keep every changed line of the config diff on screen.
    settings: { 'diffEditor.hideUnchangedRegions.enabled': true },
    prepare: (context) => {
      mmparetoRunId = trainWithCli(context, 'quick.mmpareto.yaml');
      uniformRunId = trainWithCli(context, 'quick-uniform.mmpareto.yaml');
    },
  },
  async (session) => {
    const { page } = session;
    const mmparetoRun = readRun(session.workspace, mmparetoRunId);
    const uniformRun = readRun(session.workspace, uniformRunId);
    assert.equal(mmparetoRun.summary?.status, 'completed');
    assert.equal(uniformRun.summary?.status, 'completed');

    await runCommand(page, 'MMPareto: Compare Runs…');
    await checkQuickItems(page, ['quick synthetic', 'quick uniform']);

    const compare = await findWebviewFrame(page, '#config-table');
    assert.equal((await compare.locator('h1').textContent())?.trim(), 'Comparing 2 runs');
    const legend = await compare.locator('.run-legend li').allTextContents();
    assert.deepEqual(legend, [`R1 quick synthetic (${mmparetoRunId}, completed)`, `R2 quick uniform (${uniformRunId}, completed)`]);

    const configRows = await tableRows(compare, 'config-table');
    assert.deepEqual(
      configRows.find((row) => row[0] === 'method'),
      ['method', 'mmpareto', 'uniform'],
    );
    assert.deepEqual(
      configRows.find((row) => row[0] === 'seed'),
      ['seed', '1', '2'],
    );
    assert.equal(configRows.find((row) => row[0] === 'batchSize'), undefined, 'keys with equal values are not listed');

    // The accuracy table agrees with each run's summary.json.
    const accuracyRows = await tableRows(compare, 'accuracy-table');
    assert.deepEqual(
      accuracyRows.find((row) => row[0] === 'Final fused accuracy'),
      ['Final fused accuracy', percent(mmparetoRun.summary.finalAccuracy.fused), percent(uniformRun.summary.finalAccuracy.fused)],
    );
    await session.screenshot('compare');

    await runCommand(page, 'MMPareto: Diff Run Configs…');
    await checkQuickItems(page, ['quick synthetic', 'quick uniform']);

    await waitForEditorTab(page, `Config: quick synthetic (${mmparetoRunId}) ↔ quick uniform (${uniformRunId})`);
    const changed = await diffEditorChangedLines(page);
    const changedKeys = (lines) => lines.map((line) => /^"([^"]+)"/.exec(line)?.[1]).sort();
    // runtime.sourceConfigPath differs because each run came from its own file.
    assert.deepEqual(changedKeys(changed.original), ['method', 'name', 'seed', 'sourceConfigPath']);
    assert.deepEqual(changedKeys(changed.modified), ['method', 'name', 'seed', 'sourceConfigPath']);
    assert.ok(changed.original.includes('"method": "mmpareto",'));
    assert.ok(changed.modified.includes('"method": "uniform",'));
    assert.ok(changed.original.includes('"seed": 1'));
    assert.ok(changed.modified.includes('"seed": 2'));
  },
);
