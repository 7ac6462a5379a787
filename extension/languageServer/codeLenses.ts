// Code lenses on the first line of a config: Train, and Compare with last run when a run of
// this file exists.
import type { CodeLens } from 'vscode-languageserver';
import { COMPARE_WITH_LAST_RUN_COMMAND, START_RUN_COMMAND } from './languageConstants';
import type { RunOfConfig } from './runLookup';

const FIRST_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function configCodeLenses(uri: string, latestRun: RunOfConfig | undefined): CodeLens[] {
  const lenses: CodeLens[] = [{ range: FIRST_LINE, command: { title: '$(play) Train', command: START_RUN_COMMAND, arguments: [uri] } }];
  if (latestRun !== undefined) {
    lenses.push({
      range: FIRST_LINE,
      command: { title: `$(diff) Compare with last run (${latestRun.runId})`, command: COMPARE_WITH_LAST_RUN_COMMAND, arguments: [uri, latestRun.runId] },
    });
  }
  return lenses;
}
