// Text of the status-bar item while runs train. Plain data, testable without the vscode API.
import type { RunInfo } from '../runs/runInfo';
import { escapeMarkdown, formatPercent } from '../views/runPresentation';

export interface StatusBarContent {
  /** Run the item opens on click. */
  readonly runId: string;
  readonly text: string;
  /** Markdown. */
  readonly tooltip: string;
}

/** Content for the newest running run, or undefined when none runs. */
export function statusBarContent(runs: readonly RunInfo[]): StatusBarContent | undefined {
  const running = runs.filter((run) => run.status === 'running').sort((a, b) => b.startedMs - a.startedMs);
  const run = running[0];
  if (run === undefined) return undefined;
  const parts: string[] = [];
  if (run.statusDetail === 'starting' || run.epoch === undefined) {
    parts.push('starting');
  } else {
    parts.push(`epoch ${run.epoch}${run.epochs !== undefined ? `/${run.epochs}` : ''}`);
    if (run.step !== undefined) parts.push(`step ${run.step}${run.totalSteps !== undefined ? `/${run.totalSteps}` : ''}`);
    const conflicts = Object.entries(run.conflictShare);
    if (conflicts.length > 0) {
      parts.push(`conflicts ${conflicts.map(([name, share]) => `${name} ${formatPercent(share, 0)}`).join(' ')}`);
    }
  }
  if (run.stopping) parts.push('stopping');
  const others = running.length > 1 ? ` (+${running.length - 1})` : '';
  const tooltipLines = [
    `**${escapeMarkdown(run.name)}** \`${run.runId}\``,
    'Conflicts: share of steps so far on which an encoder\'s multimodal and unimodal gradients had cosine <= 0.',
    running.length > 1 ? `${running.length} runs are training; this is the newest.` : '',
    'Click to open the dashboard.',
  ].filter((line) => line !== '');
  return {
    runId: run.runId,
    text: `$(loading~spin) MMPareto${others}: ${parts.join(' · ')}`,
    tooltip: tooltipLines.join('  \n'),
  };
}
