// The HTML of a dashboard or compare webview. Pure string building with no VS Code API, so the
// browser tests serve exactly what the extension sets as webview.html.
import { randomBytes } from 'node:crypto';
import type { PanelKind } from '../../webview/contract/panelMessages';

export interface PanelHtmlOptions {
  readonly panel: PanelKind;
  readonly title: string;
  readonly runIds: readonly string[];
  /** webview.cspSource: the origin local resources are served from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** webview.asWebviewUri of dist/webview/<panel>.js, as a string. */
  readonly scriptUri: string;
  /** webview.asWebviewUri of media/panel.css, as a string. */
  readonly styleUri: string;
}

/** Returns a fresh nonce: 128 random bits in base64, which the CSP nonce grammar accepts. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Builds the panel CSP: nothing by default; scripts only with this load's nonce; styles and
 * fonts from the extension's own files (and nonce-tagged <style>); images from the extension
 * and data: URLs. Inline event handlers and inline scripts without the nonce are blocked.
 */
export function buildContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ') + ';';
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function buildPanelHtml(options: PanelHtmlOptions): string {
  const csp = buildContentSecurityPolicy(options.cspSource, options.nonce);
  const runIds = escapeHtml(JSON.stringify(options.runIds));
  const loading = options.panel === 'dashboard' ? `Loading run ${options.runIds[0] ?? ''}...` : `Loading ${options.runIds.length} runs...`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body data-panel="${options.panel}" data-run-ids="${runIds}">
<main id="app" aria-busy="true"><p class="panel-notice">${escapeHtml(loading)}</p></main>
<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
