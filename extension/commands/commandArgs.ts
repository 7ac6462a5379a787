// Run ids from the arguments VS Code passes to a command: a tree node and the selected nodes
// (from the Runs view), a run id (from the status bar, panels and other commands), or nothing
// (from the Command Palette).

function runIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'run') {
    const runId = (value as { runId?: unknown }).runId;
    return typeof runId === 'string' ? runId : undefined;
  }
  return undefined;
}

/**
 * Returns the run ids the command applies to, without duplicates. A tree command receives the
 * clicked node and the whole selection. The selection wins when it contains the clicked node, as
 * in VS Code's own views.
 */
export function runIdsFromArgs(args: readonly unknown[]): string[] {
  const [first, second] = args;
  const clicked = runIdOf(first);
  const selection = Array.isArray(second) ? second.map(runIdOf).filter((runId): runId is string => runId !== undefined) : [];
  if (Array.isArray(first)) {
    return [...new Set(first.map(runIdOf).filter((runId): runId is string => runId !== undefined))];
  }
  if (clicked === undefined) return [];
  if (selection.includes(clicked)) return [...new Set(selection)];
  return [clicked];
}
