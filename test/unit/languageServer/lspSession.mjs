// Drives the bundled language server over the real protocol: spawns dist/languageServer/server.js
// with --stdio and speaks JSON-RPC to it with vscode-jsonrpc, as an editor would.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { repositoryRoot } from '../config/importSource.mjs';

export const serverPath = join(repositoryRoot, 'dist/languageServer/server.js');

export function fileUri(path) {
  return pathToFileURL(path).href;
}

export class LspSession {
  constructor(workspaceFolder) {
    if (!existsSync(serverPath)) {
      throw new Error(`${serverPath} not found; run npm run build first.`);
    }
    this.workspaceFolder = workspaceFolder;
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.logs = [];
    this.registrations = [];
    this.codeLensRefreshes = 0;
    this.diagnostics = new Map();
    this.diagnosticWaiters = [];
    this.connection.onNotification('window/logMessage', (params) => this.logs.push(params.message));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.diagnostics.set(params.uri, params);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((waiter) => !waiter(params));
    });
    this.connection.onRequest('client/registerCapability', (params) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      return null;
    });
    this.connection.listen();
    this.versions = new Map();
  }

  async initialize() {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: fileUri(this.workspaceFolder),
      workspaceFolders: [{ uri: fileUri(this.workspaceFolder), name: 'workspace' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics(uri, accept = () => true, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${this.stderr}`)), timeoutMs);
      this.diagnosticWaiters.push((params) => {
        if (params.uri !== uri || !accept(params)) return false;
        clearTimeout(timer);
        resolve(params.diagnostics);
        return true;
      });
    });
  }

  /** Opens a document and resolves with its first diagnostics. */
  open(uri, text) {
    const received = this.nextDiagnostics(uri);
    this.versions.set(uri, 1);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mmpareto-yaml', version: 1, text } });
    return received;
  }

  /** Replaces the whole text and resolves with the diagnostics of the new version. */
  change(uri, text) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    const received = this.nextDiagnostics(uri, (params) => params.version === version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return received;
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  notify(method, params) {
    this.connection.sendNotification(method, params);
  }

  async close() {
    try {
      await this.connection.sendRequest('shutdown');
      this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      await new Promise((resolve) => {
        if (this.process.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          this.process.kill();
          resolve();
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Returns the position of the first occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text, needle, shift = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found in the test text`);
  const before = text.slice(0, offset + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** Returns the range of the first occurrence of `needle` in `text`. */
export function rangeOf(text, needle) {
  return { start: positionOf(text, needle), end: positionOf(text, needle, needle.length) };
}
