// Stands in for vscode-languageclient/node when the extension is activated against the vscode
// stub: the config language server is tested on its own, so here it simply fails to start.
class LanguageClient {
  start() {
    return Promise.reject(new Error('no language server in this test'));
  }
  stop() {
    return Promise.resolve();
  }
}

module.exports = { LanguageClient, TransportKind: { stdio: 0, ipc: 1 } };
