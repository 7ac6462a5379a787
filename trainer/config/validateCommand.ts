// `cli.js validate FILE`: prints a config file's issues the way a compiler prints errors.
import { formatIssueForTerminal } from './formatIssue';
import { ConfigFileError, readConfigFileText } from './loadConfigFile';
import { hasErrors, type PositionedIssue } from './positionedIssue';
import { validateConfigText } from './validateConfigText';

/** Exit code of `validate` when the file has an error, the same as for invalid usage. */
export const INVALID_CONFIG_EXIT_CODE = 2;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Validates the config file at `path` and writes one line per issue, then a summary. Returns
 * the process exit code: 0 when there is no error (warnings allowed), 2 otherwise.
 */
export function validateCommand(path: string, write: (line: string) => void = (line) => console.log(line)): number {
  let issues: readonly PositionedIssue[];
  try {
    issues = validateConfigText(readConfigFileText(path), path).issues;
  } catch (error) {
    if (!(error instanceof ConfigFileError)) {
      throw error;
    }
    issues = error.issues;
  }
  for (const issue of issues) {
    write(formatIssueForTerminal(path, issue));
  }
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - errors;
  if (issues.length === 0) {
    write(`${path}: valid.`);
  } else {
    write(`${path}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  }
  return hasErrors(issues) ? INVALID_CONFIG_EXIT_CODE : 0;
}
