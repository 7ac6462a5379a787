// The extension's settings, read and checked without the vscode API. package.json declares the
// same names, defaults and ranges under contributes.configuration.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { BACKEND_CHOICES, type BackendChoice } from '../../trainer/contract/configSchema';

export const SETTING_NODE_PATH = 'mmpareto.nodePath';
export const SETTING_DEFAULT_BACKEND = 'mmpareto.defaultBackend';
export const SETTING_MAX_RUNS_SHOWN = 'mmpareto.maxRunsShown';

export const DEFAULT_NODE_COMMAND = 'node';
export const DEFAULT_MAX_RUNS_SHOWN = 200;
export const MAX_RUNS_SHOWN_LIMIT = 10000;

/** Node.js executable that runs the trainer. */
export type NodeExecutable =
  /** `node` from PATH, the default. The editor's own runtime replaces it when it is missing. */
  | { readonly kind: 'default' }
  /** A command name other than node, looked up on PATH. */
  | { readonly kind: 'command'; readonly command: string }
  /** An absolute path to an executable. */
  | { readonly kind: 'path'; readonly path: string };

export interface ExtensionSettings {
  readonly nodeExecutable: NodeExecutable;
  /** Backend for runs whose config does not set one. */
  readonly defaultBackend: BackendChoice;
  readonly maxRunsShown: number;
}

export interface SettingProblem {
  readonly setting: string;
  /** A sentence naming the bad value, the value used instead and the fix. */
  readonly message: string;
}

export interface SettingsReadResult {
  readonly settings: ExtensionSettings;
  readonly problems: readonly SettingProblem[];
}

/** Reads a setting by its full name, such as mmpareto.nodePath; undefined when unset. */
export type SettingGetter = (name: string) => unknown;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
}

function readNodeExecutable(raw: unknown, problems: SettingProblem[]): NodeExecutable {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return { kind: 'default' };
  }
  if (typeof raw !== 'string') {
    problems.push({
      setting: SETTING_NODE_PATH,
      message: `${SETTING_NODE_PATH} is ${describe(raw)}, which is not a string; using node from PATH. Set it to the full path of a Node.js 20 or later executable, or remove it.`,
    });
    return { kind: 'default' };
  }
  let value = raw.trim();
  if (value === DEFAULT_NODE_COMMAND) {
    return { kind: 'default' };
  }
  if (value === '~' || value.startsWith('~/')) {
    value = join(homedir(), value.slice(1));
  }
  if (isAbsolute(value)) {
    return { kind: 'path', path: value };
  }
  if (/[\\/]/.test(value)) {
    problems.push({
      setting: SETTING_NODE_PATH,
      message: `${SETTING_NODE_PATH} is ${describe(raw)}, a relative path; using node from PATH. Use an absolute path such as /usr/local/bin/node, or a command name on PATH.`,
    });
    return { kind: 'default' };
  }
  return { kind: 'command', command: value };
}

function readDefaultBackend(raw: unknown, problems: SettingProblem[]): BackendChoice {
  if (raw === undefined || raw === null) return 'auto';
  if (typeof raw === 'string' && (BACKEND_CHOICES as readonly string[]).includes(raw)) {
    return raw as BackendChoice;
  }
  problems.push({
    setting: SETTING_DEFAULT_BACKEND,
    message: `${SETTING_DEFAULT_BACKEND} is ${describe(raw)}, which is not a backend; using auto. Use one of ${BACKEND_CHOICES.join(', ')}.`,
  });
  return 'auto';
}

function readMaxRunsShown(raw: unknown, problems: SettingProblem[]): number {
  if (raw === undefined || raw === null) return DEFAULT_MAX_RUNS_SHOWN;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    problems.push({
      setting: SETTING_MAX_RUNS_SHOWN,
      message: `${SETTING_MAX_RUNS_SHOWN} is ${describe(raw)}, which is not a whole number; using ${DEFAULT_MAX_RUNS_SHOWN}. Set a number of runs from 1 to ${MAX_RUNS_SHOWN_LIMIT}.`,
    });
    return DEFAULT_MAX_RUNS_SHOWN;
  }
  if (raw < 1 || raw > MAX_RUNS_SHOWN_LIMIT) {
    const clamped = Math.min(Math.max(raw, 1), MAX_RUNS_SHOWN_LIMIT);
    problems.push({
      setting: SETTING_MAX_RUNS_SHOWN,
      message: `${SETTING_MAX_RUNS_SHOWN} is ${raw}, out of range; using ${clamped}. Set a number of runs from 1 to ${MAX_RUNS_SHOWN_LIMIT}.`,
    });
    return clamped;
  }
  return raw;
}

/** Reads every setting, replacing each invalid value with its default or the nearest valid one. */
export function readSettings(get: SettingGetter): SettingsReadResult {
  const problems: SettingProblem[] = [];
  const settings: ExtensionSettings = {
    nodeExecutable: readNodeExecutable(get(SETTING_NODE_PATH), problems),
    defaultBackend: readDefaultBackend(get(SETTING_DEFAULT_BACKEND), problems),
    maxRunsShown: readMaxRunsShown(get(SETTING_MAX_RUNS_SHOWN), problems),
  };
  return { settings, problems };
}

/** Describes the setting's value as the user wrote it, for messages. */
export function describeNodeExecutable(executable: NodeExecutable): string {
  switch (executable.kind) {
    case 'default':
      return `${DEFAULT_NODE_COMMAND} (from PATH)`;
    case 'command':
      return `${executable.command} (from PATH)`;
    case 'path':
      return executable.path;
  }
}
