// The right-hand side of "Compare with last run": a config file resolved the way the trainer
// would resolve it now (defaults filled in, dataset modalities added), as normalized JSON.
import * as vscode from 'vscode';
import { withDatasetModalities } from '../../trainer/contract/datasetModalities';
import { formatIssueForTerminal, validateConfigText } from '../../trainer/config';
import { normalizedConfigText } from './normalizeConfig';

/** Path prefix of source-config documents in the mmpareto-config scheme; the query is the file URI. */
export const SOURCE_CONFIG_PATH = '/source/config.json';

export function sourceConfigDocumentUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: 'mmpareto-config', path: SOURCE_CONFIG_PATH, query: file.toString() });
}

/** Resolves the file's current text (an open editor's unsaved text included); errors become the document's content. */
export async function sourceConfigText(file: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === file.toString());
  let text: string;
  try {
    text = open !== undefined ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    return `${JSON.stringify({ error: `${file.fsPath}: cannot be read (${(error as Error).message})` }, null, 2)}\n`;
  }
  const { config, issues } = validateConfigText(text, file.fsPath, { dataFiles: false });
  if (config === undefined) {
    const errors = issues.filter((issue) => issue.severity === 'error').map((issue) => formatIssueForTerminal(file.fsPath, issue));
    return `${JSON.stringify({ error: 'The config has errors; fix them to compare it with a run.', issues: errors }, null, 2)}\n`;
  }
  return normalizedConfigText(withDatasetModalities(config) as unknown as Record<string, unknown>);
}
