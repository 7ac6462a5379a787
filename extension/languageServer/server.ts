// The language server for run configs (*.mmpareto.yaml), a separate Node process. Start it with
// --node-ipc (as the extension does) or --stdio. It publishes diagnostics as the user types and
// serves completion, hover, quick fix, outline and code lens requests from CONFIG_SCHEMA.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RUN_FILES } from '../../trainer/contract/runDirectory';
import { codeActionsFor } from './codeActions';
import { configCodeLenses } from './codeLenses';
import { completeAt } from './completion';
import { ConfigAnalyzer, filePathOfUri } from './configAnalysis';
import { Debouncer, toDiagnostic } from './diagnostics';
import { documentSymbols } from './documentSymbols';
import { hoverAt } from './hover';
import { WATCHED_FILE_GLOBS } from './languageConstants';
import { NpyHeaderCache } from './npyHeaderCache';
import { RunIndex } from './runLookup';

/** Quiet time after the last keystroke before a document is validated again. */
const DIAGNOSTICS_DELAY_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const headers = new NpyHeaderCache();
const analyzer = new ConfigAnalyzer(headers.read);
const runs = new RunIndex();
const debouncer = new Debouncer(DIAGNOSTICS_DELAY_MS);
/** Document version whose diagnostics were last published, per URI. */
const publishedVersions = new Map<string, number>();

let workspaceFolders: string[] = [];
let canRegisterWatchers = false;
let canRefreshCodeLenses = false;
let canWatchWorkspaceFolders = false;

function log(message: string): void {
  connection.console.log(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function folderPaths(folders: ReadonlyArray<{ uri: string }> | null | undefined, rootUri: string | null | undefined): string[] {
  let uris: string[] = [];
  if (folders && folders.length > 0) {
    uris = folders.map((folder) => folder.uri);
  } else if (rootUri) {
    uris = [rootUri];
  }
  return uris.map((uri) => filePathOfUri(uri)).filter((path): path is string => path !== undefined);
}

function publish(document: TextDocument): void {
  try {
    const analysis = analyzer.analyze(document);
    publishedVersions.set(document.uri, document.version);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: analysis.validation.issues.map(toDiagnostic) });
  } catch (error) {
    log(`diagnostics failed for ${document.uri} (version ${document.version}): ${describe(error)}`);
  }
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  workspaceFolders = folderPaths(params.workspaceFolders, params.rootUri);
  canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canRefreshCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  canWatchWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
  log(`MMPareto config server started (pid ${process.pid}, workspace folders: ${workspaceFolders.join(', ') || 'none'}).`);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' '] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: canWatchWorkspaceFolders } },
    },
  };
});

connection.onInitialized(() => {
  if (canRegisterWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })),
    });
  }
  if (canWatchWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(folderPaths(event.removed, undefined));
      workspaceFolders = [...workspaceFolders.filter((path) => !removed.has(path)), ...folderPaths(event.added, undefined)];
      log(`workspace folders changed: ${workspaceFolders.join(', ') || 'none'}.`);
    });
  }
});

documents.onDidOpen((event) => publish(event.document));

documents.onDidChangeContent((event) => {
  if (publishedVersions.get(event.document.uri) === event.document.version) {
    return;
  }
  const uri = event.document.uri;
  debouncer.schedule(uri, () => {
    const current = documents.get(uri);
    if (current !== undefined) publish(current);
  });
});

documents.onDidClose((event) => {
  debouncer.cancel(event.document.uri);
  analyzer.forget(event.document.uri);
  publishedVersions.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles((params) => {
  const npyPaths: string[] = [];
  const runConfigPaths: string[] = [];
  for (const change of params.changes) {
    const path = filePathOfUri(change.uri);
    if (path === undefined) continue;
    if (path.endsWith('.npy')) npyPaths.push(path);
    else if (path.endsWith(RUN_FILES.config)) runConfigPaths.push(path);
  }
  log(`watched files changed: ${npyPaths.length} .npy, ${runConfigPaths.length} run config.json (.npy headers read so far: ${headers.reads}).`);
  if (npyPaths.length > 0) {
    headers.invalidate(npyPaths);
    analyzer.invalidateAll();
    publishedVersions.clear();
    for (const document of documents.all()) {
      debouncer.schedule(document.uri, () => {
        const current = documents.get(document.uri);
        if (current !== undefined) publish(current);
      });
    }
  }
  if (runConfigPaths.length > 0) {
    runs.invalidate(runConfigPaths);
    if (canRefreshCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
  }
});

connection.onCompletion((params) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  try {
    return completeAt(analyzer.analyze(document).validation.parsed, params.position);
  } catch (error) {
    log(`completion failed for ${params.textDocument.uri} at ${params.position.line}:${params.position.character}: ${describe(error)}`);
    return [];
  }
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return null;
  try {
    return hoverAt(analyzer.analyze(document).validation.parsed, params.position);
  } catch (error) {
    log(`hover failed for ${params.textDocument.uri} at ${params.position.line}:${params.position.character}: ${describe(error)}`);
    return null;
  }
});

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  try {
    return codeActionsFor(analyzer.analyze(document).validation.parsed, document.uri, params.context.diagnostics);
  } catch (error) {
    log(`code actions failed for ${params.textDocument.uri}: ${describe(error)}`);
    return [];
  }
});

connection.onDocumentSymbol((params) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  try {
    return documentSymbols(analyzer.analyze(document).validation.parsed);
  } catch (error) {
    log(`document symbols failed for ${params.textDocument.uri}: ${describe(error)}`);
    return [];
  }
});

connection.onCodeLens((params) => {
  const filePath = filePathOfUri(params.textDocument.uri);
  try {
    const latest = filePath === undefined ? undefined : runs.runsOf(filePath, workspaceFolders)[0];
    return configCodeLenses(params.textDocument.uri, latest);
  } catch (error) {
    log(`code lenses failed for ${params.textDocument.uri}: ${describe(error)}`);
    return configCodeLenses(params.textDocument.uri, undefined);
  }
});

connection.onShutdown(() => {
  debouncer.dispose();
});

documents.listen(connection);
connection.listen();
