// Loading of a config file for the trainer CLI: read, validate, and either the resolved config
// or one error that carries every positioned issue.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { RunConfig } from '../contract/configSchema';
import { formatIssueForTerminal } from './formatIssue';
import type { PositionedIssue } from './positionedIssue';
import { validateConfigText } from './validateConfigText';

export const CONFIG_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/** A config file that cannot be used; `message` lists every issue in compiler style. */
export class ConfigFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly issues: readonly PositionedIssue[],
  ) {
    super(issues.map((issue) => formatIssueForTerminal(fileName, issue)).join('\n'));
    this.name = 'ConfigFileError';
  }
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function fileLevelError(message: string): PositionedIssue {
  return { range: FILE_START, severity: 'error', code: 'syntax', message };
}

/** Reads a config file's text, or throws a ConfigFileError naming the problem and the fix. */
export function readConfigFileText(path: string): string {
  const extension = extname(path).toLowerCase();
  if (!(CONFIG_FILE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ConfigFileError(path, [
      fileLevelError(`unsupported config file type "${extension || '(none)'}"; use a .yaml, .yml or .json file (run configs are usually named *.mmpareto.yaml).`),
    ]);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found; check the path (it is relative to the current folder)'
        : code === 'EISDIR'
          ? 'this is a folder; give the path of a config file'
          : `cannot read the file (${(error as Error).message})`;
    throw new ConfigFileError(path, [fileLevelError(`${reason}.`)]);
  }
}

export interface LoadConfigFileOptions {
  /** Receives each warning in compiler style; warnings do not stop loading. */
  readonly onWarning?: (line: string) => void;
}

/**
 * Loads and validates a config file (.yaml, .yml or .json), including its data files. Returns
 * the resolved config with every default filled in; built-in dataset modalities are not added
 * (withDatasetModalities does that). Throws ConfigFileError when there is any error.
 */
export function loadConfigFile(path: string, options: LoadConfigFileOptions = {}): RunConfig {
  const text = readConfigFileText(path);
  const { config, issues } = validateConfigText(text, path);
  if (config === undefined) {
    throw new ConfigFileError(path, issues);
  }
  for (const issue of issues) {
    options.onWarning?.(formatIssueForTerminal(path, issue));
  }
  return config;
}
