// Tab icons of the panels, from media/.
import * as vscode from 'vscode';
import type { PanelKind } from '../../webview/contract/panelMessages';

export function panelIconPath(extensionUri: vscode.Uri, kind: PanelKind): { light: vscode.Uri; dark: vscode.Uri } {
  return {
    light: vscode.Uri.joinPath(extensionUri, 'media', `${kind}-light.svg`),
    dark: vscode.Uri.joinPath(extensionUri, 'media', `${kind}-dark.svg`),
  };
}
