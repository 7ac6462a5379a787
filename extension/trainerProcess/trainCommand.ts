// Arguments of `cli.js train` as the extension starts it.
import type { BackendChoice } from '../../trainer/contract/configSchema';

/** One `--set PATH=VALUE` override. */
export interface ConfigOverride {
  readonly path: string;
  readonly value: string | number | boolean | readonly number[];
}

export interface TrainCommandOptions {
  /** Folder whose .mmpareto/runs/ receives the run directory. */
  readonly workspace: string;
  readonly runId: string;
  /** A *.mmpareto.yaml or JSON config file; without one the trainer starts from the defaults. */
  readonly configFile?: string;
  readonly overrides: readonly ConfigOverride[];
  readonly backend?: BackendChoice;
  /** Passes --quiet: the trainer prints only per-epoch results, not its log lines. */
  readonly quiet?: boolean;
}

/**
 * Formats an override value so the trainer's YAML scalar parsing reads back the same value:
 * strings are double-quoted, so a name such as "123" or "true" stays a string.
 */
export function formatOverrideValue(value: ConfigOverride['value']): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

export function buildTrainArguments(options: TrainCommandOptions): string[] {
  const args = ['train', '--workspace', options.workspace, '--run-id', options.runId];
  if (options.configFile !== undefined) {
    args.push('--config', options.configFile);
  }
  for (const override of options.overrides) {
    args.push('--set', `${override.path}=${formatOverrideValue(override.value)}`);
  }
  if (options.backend !== undefined) {
    args.push('--backend', options.backend);
  }
  if (options.quiet === true) {
    args.push('--quiet');
  }
  return args;
}

/**
 * Turns a partial config (a template's) into `--set` overrides, one per leaf, so starting a
 * template writes no config file. Lists of mappings cannot be written as one override.
 */
export function configToOverrides(config: Readonly<Record<string, unknown>>, prefix = ''): ConfigOverride[] {
  const overrides: ConfigOverride[] = [];
  for (const [key, value] of Object.entries(config)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      overrides.push({ path, value });
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'number')) {
      overrides.push({ path, value: value as number[] });
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      overrides.push(...configToOverrides(value as Record<string, unknown>, path));
    } else if (value !== undefined) {
      throw new Error(`${path}: a ${Array.isArray(value) ? 'list of mappings' : typeof value} cannot be passed as a --set override; put it in a config file.`);
    }
  }
  return overrides;
}
