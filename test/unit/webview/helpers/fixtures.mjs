// Runs recorded from the real trainer (test/fixtures/recorded-runs), read as run snapshots.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORDED_RUNS = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/recorded-runs');

export const MMPARETO_RUN = '20261204-120000-mmpareto-a1b2';
export const UNIFORM_RUN = '20261204-120500-uniform-c3d4';
export const JOINT_RUN = '20261204-121000-joint-e5f6';

export function readRecords(runId) {
  return readFileSync(join(RECORDED_RUNS, runId, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

export function readSnapshot(runId) {
  const summary = JSON.parse(readFileSync(join(RECORDED_RUNS, runId, 'summary.json'), 'utf8'));
  const config = JSON.parse(readFileSync(join(RECORDED_RUNS, runId, 'config.json'), 'utf8'));
  return { runId, name: summary.name, status: summary.status, records: readRecords(runId), summary, config };
}

export function recordedRunIds() {
  return readdirSync(RECORDED_RUNS).sort();
}
