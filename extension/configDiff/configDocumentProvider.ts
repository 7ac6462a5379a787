// Read-only documents with a run's normalized config, the two sides of Diff Run Configs.
// URIs look like mmpareto-config:/<run id>/config.json, or mmpareto-config:/source/config.json?<file
// URI> for a config file resolved as the trainer would resolve it.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RUN_FILES } from '../../trainer/contract/runDirectory';
import type { RunsModel } from '../runs/runsModel';
import { readJsonFile } from '../runs/runFolderReader';
import { normalizedConfigText } from './normalizeConfig';
import { SOURCE_CONFIG_PATH, sourceConfigText } from './sourceConfigDocument';

export const CONFIG_SCHEME = 'mmpareto-config';

/** With `setupOnly`, the document leaves out config.json's runtime section, for comparing with a config file. */
export function configDocumentUri(runId: string, setupOnly = false): vscode.Uri {
  return vscode.Uri.from({ scheme: CONFIG_SCHEME, path: `/${runId}/${RUN_FILES.config}`, ...(setupOnly ? { query: SETUP_ONLY_QUERY } : {}) });
}

const SETUP_ONLY_QUERY = 'setup';

export class ConfigDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly model: RunsModel) {}

  /** Reads config.json from disk each time, so a reopened diff shows the file as it is now. */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.path === SOURCE_CONFIG_PATH) {
      return sourceConfigText(vscode.Uri.parse(uri.query, true));
    }
    const runId = uri.path.split('/')[1] ?? '';
    const run = this.model.getRun(runId);
    if (run === undefined) {
      return `${JSON.stringify({ error: `No run ${runId} in the Runs view; it may have been deleted.` }, null, 2)}\n`;
    }
    const path = join(run.directory, RUN_FILES.config);
    const read = await readJsonFile(path);
    if (read.kind === 'valid' && typeof read.value === 'object' && read.value !== null && !Array.isArray(read.value)) {
      const config = { ...(read.value as Record<string, unknown>) };
      if (uri.query === SETUP_ONLY_QUERY) delete config['runtime'];
      return normalizedConfigText(config);
    }
    let reason = 'not a JSON object';
    if (read.kind === 'missing') reason = 'missing';
    if (read.kind === 'invalid') reason = read.reason;
    return `${JSON.stringify({ error: `${path}: ${reason}` }, null, 2)}\n`;
  }
}
