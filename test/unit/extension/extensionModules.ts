// The extension-host modules that run without the vscode API, bundled together for the tests so
// objects created by one module are the same classes the others expect.
export { RunsModel, describeExit, runsFolderOf } from '../../../extension/runs/runsModel';
export { startRun, InvalidConfigError } from '../../../extension/runs/runLauncher';
export { launchTrainer, TrainerLaunchError } from '../../../extension/trainerProcess/launchTrainer';
export { buildTrainArguments, configToOverrides, formatOverrideValue } from '../../../extension/trainerProcess/trainCommand';
export { MetricsTail, readMetricsFile } from '../../../extension/runs/metricsTail';
export { readRunFolder } from '../../../extension/runs/runFolderReader';
export { deriveStatus, ENDED_WITHOUT_SUMMARY } from '../../../extension/runs/runStatus';
export { checkLiveness, isSignalablePid, isPidAlive } from '../../../extension/trainerProcess/processLiveness';
export { writeSummaryIfMissing, buildFailureSummary } from '../../../extension/runs/failureSummary';
export { RunProgress } from '../../../extension/runs/runProgress';
export { normalizeConfig, normalizedConfigText } from '../../../extension/configDiff/normalizeConfig';
export { metricsToCsv, metricsCsvRows, csvHeader, escapeCsvField } from '../../../extension/export/metricsCsv';
export { readSettings } from '../../../extension/settings/settings';
export { runIdsFromArgs } from '../../../extension/commands/commandArgs';
export { presentRun, escapeMarkdown, formatDuration } from '../../../extension/views/runPresentation';
export { statusBarContent } from '../../../extension/statusBar/statusText';
export { createRunDataSource } from '../../../extension/runDataSource';
export { LineSplitter, LastLines } from '../../../extension/trainerProcess/lastLines';
export { COMMANDS, CONTEXT_KEYS, RUNS_VIEW_ID, VIEW_CONTAINER_ID } from '../../../extension/commands/commandIds';
export { DEFAULT_MAX_RUNS_SHOWN, MAX_RUNS_SHOWN_LIMIT } from '../../../extension/settings/settings';
export { BACKEND_CHOICES } from '../../../trainer/contract/configSchema';
