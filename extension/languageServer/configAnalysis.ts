// Validation results of open config documents, computed on demand and kept per document version.
// Data file checks depend on files outside the document, so a change to a watched file starts a
// new generation and every document is analysed again on the next request.
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateConfigText, type ConfigTextValidation } from '../../trainer/config/validateConfigText';
import type { NpyHeaderSource } from '../../trainer/config/dataFileChecks';

export interface ConfigAnalysis {
  readonly uri: string;
  readonly version: number;
  /** Absolute path of the file, absent for documents that are not files (such as untitled ones). */
  readonly filePath?: string;
  readonly validation: ConfigTextValidation;
}

/** Returns the file system path of a file: URI, or undefined for other schemes. */
export function filePathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    return undefined;
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class ConfigAnalyzer {
  private readonly analyses = new Map<string, ConfigAnalysis & { readonly generation: number }>();
  private generation = 0;

  constructor(private readonly readHeader: NpyHeaderSource) {}

  analyze(document: TextDocument): ConfigAnalysis {
    const cached = this.analyses.get(document.uri);
    if (cached !== undefined && cached.version === document.version && cached.generation === this.generation) {
      return cached;
    }
    const filePath = filePathOfUri(document.uri);
    const validation = validateConfigText(document.getText(), filePath ?? document.uri, {
      dataFiles: filePath === undefined ? false : { directory: dirname(filePath), readHeader: this.readHeader },
    });
    const analysis = { uri: document.uri, version: document.version, validation, generation: this.generation, ...(filePath ? { filePath } : {}) };
    this.analyses.set(document.uri, analysis);
    return analysis;
  }

  /** Marks every analysis stale, after a data file changed. */
  invalidateAll(): void {
    this.generation++;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
  }
}
