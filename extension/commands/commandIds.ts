// Command, view and context-key names. package.json declares the same strings.

export const COMMANDS = {
  startRun: 'mmpareto.startRun',
  stopRun: 'mmpareto.stopRun',
  openDashboard: 'mmpareto.openDashboard',
  compareRuns: 'mmpareto.compareRuns',
  /** Compare Runs for the Runs view's context menu, titled Compare Selected. */
  compareSelected: 'mmpareto.compareSelected',
  diffConfigs: 'mmpareto.diffConfigs',
  /** Diff Run Configs for the Runs view's context menu, titled Diff Configs. */
  diffSelectedConfigs: 'mmpareto.diffSelectedConfigs',
  exportCsv: 'mmpareto.exportCsv',
  showLog: 'mmpareto.showLog',
  revealRunFolder: 'mmpareto.revealRunFolder',
  deleteRun: 'mmpareto.deleteRun',
  refreshRuns: 'mmpareto.refreshRuns',
  showOutput: 'mmpareto.showOutput',
  /** Diff of a config file against a run started from it; the config file's code lens calls it with (file URI, run id). */
  compareWithLastRun: 'mmpareto.compareWithLastRun',
} as const;

export const VIEW_CONTAINER_ID = 'mmpareto';
export const RUNS_VIEW_ID = 'mmpareto.runs';

export const CONTEXT_KEYS = {
  /** At least one run is listed. */
  hasRuns: 'mmpareto.hasRuns',
  /** At least one run is training. */
  hasRunningRuns: 'mmpareto.hasRunningRuns',
  /** At least one run has ended, so it can be deleted. */
  hasFinishedRuns: 'mmpareto.hasFinishedRuns',
  /** The first scan of the runs folders finished; the welcome view waits for it. */
  runsLoaded: 'mmpareto.runsLoaded',
} as const;

/** contextValue prefix of run items in the Runs view; the suffix is the status (see runPresentation). */
export const RUN_ITEM_CONTEXT = 'mmparetoRun';
