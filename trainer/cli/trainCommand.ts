// `cli.js train`: validates the config, creates the run directory, picks the backend, loads the
// data, builds the model and trains, recording everything in the run directory and, when a parent
// process is attached, sending it the same records over IPC.
import * as tf from '@tensorflow/tfjs-core';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import packageJson from '../../package.json';
import type { RunConfig } from '../contract/configSchema';
import { withDatasetModalities } from '../contract/datasetModalities';
import type { EpochRecord, RunConfigFile, RunSummary } from '../contract/records';
import { METRICS_FORMAT_VERSION } from '../contract/records';
import { makeRunId, RUNS_FOLDER } from '../contract/runDirectory';
import { validateConfig, type ConfigIssue } from '../contract/validateConfig';
import { ConfigFileError, formatIssueForTerminal, hasErrors, readConfigFileText, validateConfigText } from '../config';
import { selectBackend } from '../backend/selectBackend';
import { DataError } from '../data/dataset';
import { loadDataset } from '../data/loadDataset';
import { createMethod } from '../methods/createMethod';
import { buildModel } from '../model/multimodalModel';
import { RunLog } from '../run/runLog';
import { RunWriter } from '../run/runWriter';
import { createOptimizer } from '../training/optimizer';
import { runTraining, stepsPerEpoch, type TrainingOutcome } from '../training/runTraining';
import { StopSignal } from '../training/stopSignal';
import { applyOverrides } from './applyOverrides';
import { ParentChannel } from './parentChannel';
import type { TrainArguments } from './parseTrainArguments';
import { formatEpochLine } from './terminalOutput';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID = 2;

/** Prints each issue of the `--set`/`--backend` layer, which has no file position. */
function printFlagIssues(issues: readonly ConfigIssue[]): void {
  for (const issue of issues) process.stderr.write(`command-line flags: ${issue.severity}: ${issue.message}\n`);
}

/**
 * Resolves the config from the file (validated with positions, exactly as the editor shows it)
 * and then the command-line overrides. Prints every problem and returns undefined when invalid.
 */
function resolveConfig(args: TrainArguments): { config: RunConfig; sourceText?: string; sourcePath?: string } | undefined {
  let raw: unknown;
  let sourceText: string | undefined;
  if (args.configPath !== undefined) {
    let validation;
    try {
      sourceText = readConfigFileText(args.configPath);
      validation = validateConfigText(sourceText, args.configPath);
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      process.stderr.write(`${error.message}\nNothing was written.\n`);
      return undefined;
    }
    for (const issue of validation.issues) process.stderr.write(`${formatIssueForTerminal(args.configPath, issue)}\n`);
    if (hasErrors(validation.issues)) {
      const count = validation.issues.filter((issue) => issue.severity === 'error').length;
      process.stderr.write(`${args.configPath} has ${count} error${count === 1 ? '' : 's'}; fix ${count === 1 ? 'it' : 'them'} and start the run again. Nothing was written.\n`);
      return undefined;
    }
    raw = validation.parsed.raw;
  }

  const merged = applyOverrides(raw, args.overrides);
  if (args.backend !== undefined) merged['backend'] = args.backend;
  const { config, issues } = validateConfig(merged);
  if (args.overrides.length > 0 || args.backend !== undefined || args.configPath === undefined) printFlagIssues(issues);
  if (config === undefined) {
    process.stderr.write('The command-line overrides make the config invalid; fix the --set values and start the run again. Nothing was written.\n');
    return undefined;
  }
  return {
    config: withDatasetModalities(config),
    ...(sourceText !== undefined && args.configPath !== undefined ? { sourceText, sourcePath: resolve(args.configPath) } : {}),
  };
}

export async function trainCommand(args: TrainArguments): Promise<number> {
  const resolved = resolveConfig(args);
  if (resolved === undefined) return EXIT_INVALID;
  const { config } = resolved;

  const startTime = Date.now();
  const runId = args.runId ?? makeRunId(config.method, new Date(startTime), randomBytes(2).toString('hex'));
  const workspace = resolve(args.workspace);
  const log = new RunLog();
  const stop = new StopSignal();
  const parent = new ParentChannel(log, stop);
  // Debug lines, such as stack traces, go to trainer.log and the parent only.
  if (!args.quiet) log.addSink((level, message) => level !== 'debug' && process.stderr.write(`[${level}] ${message}\n`));
  log.addSink((level, message) => parent.send({ kind: 'log', level, message }));

  const writer = new RunWriter(join(workspace, RUNS_FOLDER, runId));
  log.attachFile(writer.path('log'));
  writer.onRecord((record) => parent.send({ kind: 'record', record }));
  parent.send({ kind: 'ready', runId, runDirectory: writer.directory, pid: process.pid });
  log.info(`run ${runId}: started by pid ${process.pid} in ${writer.directory}`);

  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    if (interrupts === 1) {
      stop.request(`received ${signal}`);
      log.info(`run ${runId}: received ${signal}; finishing the current step (send it again to stop at once)`);
    } else {
      log.warn(`run ${runId}: received ${signal} again; stopping without finishing the step`);
      finish({ status: 'stopped', epochsCompleted: 0, stepsCompleted: 0, conflictShare: {}, error: { message: `Stopped by a second ${signal} before the step finished.` } });
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let backendName = 'none';
  let summaryWritten = false;
  const finish = (outcome: TrainingOutcome): void => {
    if (summaryWritten) return;
    summaryWritten = true;
    const endedAt = new Date();
    const elapsedMs = endedAt.getTime() - startTime;

    writer.append({ type: 'run-end', time: endedAt.toISOString(), status: outcome.status, elapsedMs, ...(outcome.error ? { error: outcome.error } : {}) });
    const summary: RunSummary = {
      formatVersion: METRICS_FORMAT_VERSION,
      runId,
      name: config.name ?? `${config.method} on ${config.data.kind}`,
      status: outcome.status,
      method: config.method,
      dataset: config.data.kind,
      backend: backendName,
      startedAt: new Date(startTime).toISOString(),
      endedAt: endedAt.toISOString(),
      elapsedMs,
      epochsCompleted: outcome.epochsCompleted,
      stepsCompleted: outcome.stepsCompleted,
      conflictShare: outcome.conflictShare,
      ...(outcome.finalAccuracy ? { finalAccuracy: outcome.finalAccuracy } : {}),
      ...(outcome.bestAccuracy ? { bestAccuracy: outcome.bestAccuracy } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    writer.finish(summary);

    const detail = outcome.error ? `: ${outcome.error.message}` : '';
    const epochs = `${outcome.epochsCompleted} epoch${outcome.epochsCompleted === 1 ? '' : 's'}`;
    const steps = `${outcome.stepsCompleted} step${outcome.stepsCompleted === 1 ? '' : 's'}`;
    const line = `run ${runId}: ${outcome.status} after ${epochs}, ${steps}, ${(elapsedMs / 1000).toFixed(1)} s${detail}`;
    if (outcome.status === 'failed') {
      log.error(line);
      // --quiet hides log lines, but never the reason a run failed.
      if (args.quiet) process.stderr.write(`error: ${line}\n`);
    } else {
      log.info(line);
    }
  };

  try {
    // In tfjs-core 4.22 the PROD flag only silences console warnings. One of them is the cpu
    // backend's banner that advertises tfjs-node, and the trainer logs its own backend choice.
    tf.env().set('PROD', true);
    const backend = await selectBackend(config.backend, (line) => log.info(line));
    backendName = backend.name;
    const runConfig: RunConfig = { ...config, backend: backend.choice };
    const configFile: RunConfigFile = {
      ...runConfig,
      runtime: {
        runId,
        createdAt: new Date(startTime).toISOString(),
        ...(resolved.sourcePath ? { sourceConfigPath: resolved.sourcePath } : {}),
        backendRequested: config.backend,
        backendDetail: backend.detail,
        versions: { node: process.version, tfjsCore: tf.version_core, trainer: packageJson.version },
        hostname: hostname(),
      },
    };
    writer.writeConfig(configFile, resolved.sourceText);

    const configDirectory = resolved.sourcePath ? dirname(resolved.sourcePath) : workspace;
    const dataset = await loadDataset(runConfig, configDirectory, (line) => log.info(line));
    log.info(`run ${runId}: ${dataset.description}`);
    const inputShapes = Object.fromEntries(dataset.modalityNames.map((name) => [name, dataset.train.modalities[name]!.shape]));
    const model = buildModel(runConfig.modalities, inputShapes, dataset.classes, runConfig.seed);
    const steps = stepsPerEpoch(runConfig, dataset.train.size);
    log.info(`run ${runId}: method ${runConfig.method}, ${model.parameterCount} parameters, ${steps} steps per epoch, ${runConfig.epochs} epoch${runConfig.epochs === 1 ? '' : 's'}`);

    writer.append({
      type: 'run-start',
      formatVersion: METRICS_FORMAT_VERSION,
      runId,
      time: new Date(startTime).toISOString(),
      pid: process.pid,
      backend: backend.name,
      backendDetail: backend.detail,
      modalities: dataset.modalityNames,
      classes: dataset.classes,
      trainSamples: dataset.train.size,
      testSamples: dataset.test.size,
      stepsPerEpoch: steps,
      totalSteps: steps * runConfig.epochs,
      parameterCount: model.parameterCount,
      config: runConfig,
    });

    const optimizer = createOptimizer(runConfig.optimizer);
    const method = createMethod(runConfig.method, runConfig);
    const outcome = await runTraining({
      runId,
      config: runConfig,
      dataset,
      model,
      method,
      optimizer,
      writer,
      log,
      stop,
      startTime,
      onEpoch: (record: EpochRecord) => process.stdout.write(`${formatEpochLine(record, runConfig.epochs)}\n`),
    });
    finish(outcome);
    optimizer.dispose();
    model.dispose();
    return outcome.status === 'failed' ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Bad input (DataError and the like) explains itself; anything else also gets its stack in the log.
    if (error instanceof Error && !(error instanceof DataError) && error.stack) log.debug(`run ${runId}: ${error.stack}`);
    finish({ status: 'failed', epochsCompleted: 0, stepsCompleted: 0, conflictShare: {}, error: { message } });
    return EXIT_FAILED;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    parent.close();
    process.stdout.write(`Run directory: ${writer.directory}\n`);
  }
}
