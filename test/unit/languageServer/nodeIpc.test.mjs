// The server also speaks over Node IPC (--node-ipc), the transport the VS Code client uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { serverPath } from './lspSession.mjs';

test('node-ipc transport publishes diagnostics', async () => {
  const child = fork(serverPath, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  try {
    const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(result.capabilities.hoverProvider, true);
    connection.sendNotification('initialized', {});
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'mmpareto-yaml', version: 1, text: 'epochs: 0\n' } });
    const params = await published;
    assert.equal(params.uri, 'untitled:Untitled-1');
    assert.equal(params.diagnostics.length, 1);
    assert.equal(params.diagnostics[0].code, 'out-of-range');
    await connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendNotification('exit');
    await exited;
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
});
