// Typed access to the API VS Code injects into webviews. acquireVsCodeApi may be called only
// once per page load, so the handle is kept here.
import type { PanelState, WebviewToHostMessage } from '../contract/panelMessages';

export interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
