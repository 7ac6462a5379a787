// Starts the config language server (dist/languageServer/server.js) as a separate Node process
// over IPC, for documents of the mmpareto-yaml language.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { describeError, type Logger } from '../common/logger';
import { CONFIG_LANGUAGE_ID } from './languageConstants';

/** The bundled server, relative to the extension folder (see scripts/build.mjs). */
const SERVER_MODULE = 'dist/languageServer/server.js';
/** Inspector port of the server when the extension runs in a debug session. */
const SERVER_DEBUG_PORT = 6011;

/**
 * Code lens commands arrive with the document URI as a string (LSP carries JSON); the lens
 * commands, like explorer commands, receive a vscode.Uri instead.
 */
function withUriArguments(lens: vscode.CodeLens): vscode.CodeLens {
  const command = lens.command;
  const [first, ...rest] = command?.arguments ?? [];
  if (command === undefined || typeof first !== 'string') {
    return lens;
  }
  return new vscode.CodeLens(lens.range, { ...command, arguments: [vscode.Uri.parse(first), ...rest] });
}

/**
 * Starts the language client and its server. Returns a disposable that stops both. When the
 * server cannot start, logs why and returns a disposable that does nothing, so the rest of the
 * extension keeps working without config diagnostics.
 */
export async function startLanguageClient(context: vscode.ExtensionContext, log: Logger): Promise<vscode.Disposable> {
  const serverModule = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: CONFIG_LANGUAGE_ID },
      { scheme: 'untitled', language: CONFIG_LANGUAGE_ID },
    ],
    middleware: {
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        return lenses?.map(withUriArguments);
      },
    },
  };
  const client = new LanguageClient('mmparetoConfigLanguageServer', 'MMPareto Lab Config Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    log.error(`config language server failed to start from ${serverModule}: ${describeError(error)}. Run npm run build to create it; config files get no diagnostics until then.`);
    return new vscode.Disposable(() => undefined);
  }
  log.info(`config language server started (${serverModule}, language ${CONFIG_LANGUAGE_ID}).`);
  return new vscode.Disposable(() =>
    client.stop().catch((error: unknown) => log.warn(`config language server did not stop cleanly: ${describeError(error)}`)),
  );
}
