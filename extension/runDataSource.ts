// The RunDataSource the panels read: the runs model plus the actions a panel can ask for.
import type { RunDataSource } from './panels/runDataSource';
import type { RunsModel } from './runs/runsModel';

export interface RunActionsForPanels {
  stop(runId: string): Promise<void>;
  showLog(runId: string): Promise<void>;
  exportCsv(runId: string): Promise<void>;
}

export function createRunDataSource(model: RunsModel, actions: RunActionsForPanels): RunDataSource {
  return {
    getSnapshot: (runId) => model.getSnapshot(runId),
    onDidAppendRecords: model.onDidAppendRecords,
    onDidChangeStatus: model.onDidChangeStatus,
    stopRun: (runId) => actions.stop(runId),
    showLog: (runId) => actions.showLog(runId),
    exportCsv: (runId) => actions.exportCsv(runId),
  };
}
