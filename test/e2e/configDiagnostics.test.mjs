// A person opens a run config with a misspelt key: the Problems panel names the key and the
// nearest valid one, and hovering a key shows that field's documentation.
import assert from 'node:assert/strict';
import { e2eTest } from '../../scripts/e2e/harness.mjs';
import { hoverEditorText, openFile, problemTexts, waitForProblem } from '../../scripts/e2e/workbench.mjs';

e2eTest('config typo and hover', { timeoutMs: 120_000 }, async (session) => {
  const { page } = session;

  await openFile(page, 'typo.mmpareto.yaml');
  // The problems indicator in the status bar opens the Problems panel.
  await page.locator('[id="status.problems"]').click();
  const problem = await waitForProblem(page, 'unknown key "batchSzie"');
  assert.match(problem, /Did you mean "batchSize"\?/);
  const problems = await problemTexts(page);
  assert.equal(problems.filter((text) => /batchSzie/.test(text)).length, 1, 'the typo is reported once');
  assert.equal(problems.filter((text) => /epochs|trainSize|testSize/.test(text)).length, 0, 'valid keys are not reported');

  // Field documentation from the config schema: epochs is "Number of passes over the training split."
  const hover = await hoverEditorText(page, 'epochs');
  assert.match(hover, /Number of passes over the training split\./);
  await session.screenshot('hover');
});
