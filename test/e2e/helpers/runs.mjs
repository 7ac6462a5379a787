// Reads run directories from disk and starts runs with the trainer CLI of the installed
// extension, for scenarios that check what a run wrote or need finished runs beforehand.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const RUNS_FOLDER = '.mmpareto/runs';

/** Run ids under the workspace's .mmpareto/runs/, oldest first (ids sort by start time). */
export function listRunIds(workspace) {
  const folder = join(workspace, RUNS_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).sort();
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Reads the files of one run: config.json, summary.json, process.json and the records of metrics.jsonl. */
export function readRun(workspace, runId) {
  const directory = join(workspace, RUNS_FOLDER, runId);
  const metricsFile = join(directory, 'metrics.jsonl');
  const records = existsSync(metricsFile)
    ? readFileSync(metricsFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line))
    : [];
  return {
    directory,
    config: readJson(join(directory, 'config.json')),
    summary: readJson(join(directory, 'summary.json')),
    processInfo: readJson(join(directory, 'process.json')),
    records,
    steps: records.filter((record) => record.type === 'step'),
    epochs: records.filter((record) => record.type === 'epoch'),
    starts: records.filter((record) => record.type === 'run-start'),
    ends: records.filter((record) => record.type === 'run-end'),
  };
}

/** Trains a config file of the workspace to the end with the extension's bundled trainer CLI. */
export function trainWithCli({ workspace, extensionDir }, configFile) {
  const cli = join(extensionDir, 'dist/trainer/cli.js');
  execFileSync(process.execPath, [cli, 'train', '--config', join(workspace, configFile), '--workspace', workspace], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return listRunIds(workspace).at(-1);
}
