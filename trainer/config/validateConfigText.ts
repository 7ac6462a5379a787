// Validation of a config file's text: YAML syntax, the schema (validateConfig) and the data
// files it names, each issue placed at a range of the text. The trainer CLI and the language
// server both call this, so a problem reads the same in the terminal and in the editor.
import { dirname, resolve } from 'node:path';
import type { RunConfig } from '../contract/configSchema';
import { validateConfig } from '../contract/validateConfig';
import { checkDataFiles, type NpyHeaderSource } from './dataFileChecks';
import { rangeForPath } from './issueRange';
import { parseConfigText, type ParsedConfigText } from './parseConfigText';
import { hasErrors, sortIssues, type PositionedIssue } from './positionedIssue';

export interface DataFileOptions {
  /** Folder that relative data paths start from: the folder of the config file. */
  readonly directory: string;
  /** Reads one .npy header; defaults to reading it from disk. */
  readonly readHeader?: NpyHeaderSource;
}

export interface ValidateConfigTextOptions {
  /** Settings of the data file checks, or false to skip them. Defaults to the folder of fileName. */
  readonly dataFiles?: DataFileOptions | false;
}

export interface ConfigTextValidation {
  /** The resolved config, present when no issue is an error. */
  readonly config?: RunConfig;
  /** Every issue, sorted by position. */
  readonly issues: PositionedIssue[];
  readonly parsed: ParsedConfigText;
}

/** Validates config text; `fileName` decides between YAML and JSON wording and locates data files. */
export function validateConfigText(text: string, fileName: string, options: ValidateConfigTextOptions = {}): ConfigTextValidation {
  const parsed = parseConfigText(text, fileName);
  const issues: PositionedIssue[] = [...parsed.issues];

  const result = validateConfig(parsed.raw);
  for (const issue of result.issues) {
    issues.push({ ...issue, range: rangeForPath(parsed, issue.path, issue.code) });
  }

  const dataFiles = options.dataFiles ?? { directory: dirname(resolve(fileName)) };
  if (dataFiles !== false) {
    for (const issue of checkDataFiles(parsed.raw, dataFiles.directory, dataFiles.readHeader)) {
      issues.push({ ...issue, range: rangeForPath(parsed, issue.path, issue.code) });
    }
  }

  const sorted = sortIssues(issues);
  if (hasErrors(sorted) || result.config === undefined) {
    return { issues: sorted, parsed };
  }
  return { config: result.config, issues: sorted, parsed };
}
