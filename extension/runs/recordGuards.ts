// Structural checks for what the extension reads from run directories and from the trainer's
// IPC records. They check the fields the extension uses and let unknown fields through, so a
// newer trainer's extra fields do not hide a run.
import type { MetricsRecord, RunProcessInfo, RunSummary } from '../../trainer/contract/records';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isNumberMap(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((item) => isFiniteNumber(item) || item === null);
}

const FINAL_STATUSES: readonly string[] = ['completed', 'stopped', 'failed'];

function isAccuracies(value: unknown): boolean {
  return isObject(value) && (isFiniteNumber(value['fused']) || value['fused'] === null) && isNumberMap(value['unimodal']);
}

function isEncoderMetrics(value: unknown): boolean {
  return isObject(value) && typeof value['conflict'] === 'boolean';
}

/**
 * Returns why a parsed metrics.jsonl line is not a usable record, or undefined when it is.
 * JSON has no NaN, so a metric that diverged may arrive as null. Null passes where a number is
 * expected, and the consumers treat it as missing.
 */
export function checkMetricsRecord(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  switch (value['type']) {
    case 'run-start':
      if (typeof value['runId'] !== 'string') return 'run-start record without a string runId';
      if (!Array.isArray(value['modalities']) || !value['modalities'].every((name) => typeof name === 'string')) return 'run-start record without a list of modality names';
      return undefined;
    case 'step':
      if (!isFiniteNumber(value['epoch']) || !isFiniteNumber(value['step'])) return 'step record without numeric epoch and step';
      if (!isObject(value['encoders']) || !Object.values(value['encoders']).every(isEncoderMetrics)) return 'step record whose encoders entry is not a mapping of encoder metrics';
      return undefined;
    case 'epoch':
      if (!isFiniteNumber(value['epoch']) || !isFiniteNumber(value['step'])) return 'epoch record without numeric epoch and step';
      if (!isAccuracies(value['testAccuracy'])) return 'epoch record without testAccuracy.fused and testAccuracy.unimodal';
      return undefined;
    case 'run-end':
      if (!FINAL_STATUSES.includes(String(value['status']))) return `run-end record with status ${JSON.stringify(value['status'])}`;
      return undefined;
    default:
      return `unknown record type ${JSON.stringify(value['type'])}`;
  }
}

export function isMetricsRecord(value: unknown): value is MetricsRecord {
  return checkMetricsRecord(value) === undefined;
}

/** Returns why summary.json is not usable, or undefined when it is. */
export function checkRunSummary(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (!FINAL_STATUSES.includes(String(value['status']))) return `status is ${JSON.stringify(value['status'])}, not completed, stopped or failed`;
  if (value['bestAccuracy'] !== undefined && !isAccuracies(value['bestAccuracy'])) return 'bestAccuracy is not a set of accuracies';
  if (value['finalAccuracy'] !== undefined && !isAccuracies(value['finalAccuracy'])) return 'finalAccuracy is not a set of accuracies';
  if (value['error'] !== undefined && !(isObject(value['error']) && typeof value['error']['message'] === 'string')) return 'error has no message';
  return undefined;
}

export function isRunSummary(value: unknown): value is RunSummary {
  return checkRunSummary(value) === undefined;
}

/** Returns why process.json is not usable, or undefined when it is. */
export function checkRunProcessInfo(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (typeof value['pid'] !== 'number' || !Number.isSafeInteger(value['pid'])) return 'pid is not a whole number';
  if (typeof value['hostname'] !== 'string') return 'hostname is not a string';
  if (typeof value['heartbeatAt'] !== 'string' || !Number.isFinite(Date.parse(value['heartbeatAt']))) return 'heartbeatAt is not an ISO 8601 time';
  return undefined;
}

export function isRunProcessInfo(value: unknown): value is RunProcessInfo {
  return checkRunProcessInfo(value) === undefined;
}
