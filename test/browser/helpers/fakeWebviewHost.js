// Init script run in every test page before its own scripts. It stands in for what VS Code gives
// a webview: acquireVsCodeApi, the --vscode-* theme variables on <html> and the theme class on
// <body>. Posted messages and state are kept in window.__posted and window.__state, and CSP
// violations in window.__cspViolations from the first moment.
(() => {
  const THEMES = {
    dark: {
      bodyClass: 'vscode-dark',
      variables: {
        '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
        '--vscode-font-size': '13px',
        '--vscode-foreground': '#cccccc',
        '--vscode-editor-foreground': '#cccccc',
        '--vscode-editor-background': '#1f1f1f',
        '--vscode-descriptionForeground': '#9d9d9d',
        '--vscode-panel-border': '#2b2b2b',
        '--vscode-focusBorder': '#0078d4',
        '--vscode-errorForeground': '#f85149',
        '--vscode-inputValidation-errorBackground': '#5a1d1d',
        '--vscode-inputValidation-errorBorder': '#be1100',
        '--vscode-button-background': '#0078d4',
        '--vscode-button-foreground': '#ffffff',
        '--vscode-button-hoverBackground': '#026ec1',
        '--vscode-button-secondaryBackground': '#313131',
        '--vscode-button-secondaryForeground': '#cccccc',
        '--vscode-button-secondaryHoverBackground': '#3c3c3c',
        '--vscode-badge-background': '#616161',
        '--vscode-badge-foreground': '#f8f8f8',
        '--vscode-charts-foreground': '#cccccc',
        '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
        '--vscode-charts-red': '#f14c4c',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-yellow': '#cca700',
        '--vscode-charts-orange': '#d18616',
        '--vscode-charts-green': '#89d185',
        '--vscode-charts-purple': '#b180d7',
        '--vscode-editorGroup-border': 'rgba(255, 255, 255, 0.09)',
        '--vscode-keybindingTable-rowsBackground': 'rgba(204, 204, 204, 0.04)',
      },
    },
    light: {
      bodyClass: 'vscode-light',
      variables: {
        '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
        '--vscode-font-size': '13px',
        '--vscode-foreground': '#3b3b3b',
        '--vscode-editor-foreground': '#3b3b3b',
        '--vscode-editor-background': '#ffffff',
        '--vscode-descriptionForeground': '#717171',
        '--vscode-panel-border': '#e5e5e5',
        '--vscode-focusBorder': '#005fb8',
        '--vscode-errorForeground': '#e51400',
        '--vscode-inputValidation-errorBackground': '#f2dede',
        '--vscode-inputValidation-errorBorder': '#be1100',
        '--vscode-button-background': '#005fb8',
        '--vscode-button-foreground': '#ffffff',
        '--vscode-button-hoverBackground': '#0258a8',
        '--vscode-button-secondaryBackground': '#e5e5e5',
        '--vscode-button-secondaryForeground': '#3b3b3b',
        '--vscode-button-secondaryHoverBackground': '#cccccc',
        '--vscode-badge-background': '#cccccc',
        '--vscode-badge-foreground': '#3b3b3b',
        '--vscode-charts-foreground': '#3b3b3b',
        '--vscode-charts-lines': 'rgba(59, 59, 59, 0.5)',
        '--vscode-charts-red': '#e51400',
        '--vscode-charts-blue': '#1a85ff',
        '--vscode-charts-yellow': '#bf8803',
        '--vscode-charts-orange': '#d18616',
        '--vscode-charts-green': '#388a34',
        '--vscode-charts-purple': '#652d90',
        '--vscode-editorGroup-border': '#e5e5e5',
        '--vscode-keybindingTable-rowsBackground': 'rgba(97, 97, 97, 0.04)',
      },
    },
    'high-contrast': {
      bodyClass: 'vscode-high-contrast',
      variables: {
        '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
        '--vscode-font-size': '13px',
        '--vscode-foreground': '#ffffff',
        '--vscode-editor-foreground': '#ffffff',
        '--vscode-editor-background': '#000000',
        '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)',
        '--vscode-panel-border': '#6fc3df',
        '--vscode-contrastBorder': '#6fc3df',
        '--vscode-focusBorder': '#f38518',
        '--vscode-errorForeground': '#f48771',
        '--vscode-button-background': '#000000',
        '--vscode-button-foreground': '#ffffff',
        '--vscode-button-border': '#6fc3df',
        '--vscode-badge-background': '#000000',
        '--vscode-badge-foreground': '#ffffff',
        '--vscode-charts-foreground': '#ffffff',
        '--vscode-charts-lines': 'rgba(255, 255, 255, 0.5)',
        '--vscode-charts-red': '#f48771',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-yellow': '#ffd700',
        '--vscode-charts-orange': '#ff8c00',
        '--vscode-charts-green': '#89d185',
        '--vscode-charts-purple': '#b180d7',
      },
    },
  };

  window.__themes = THEMES;
  window.__posted = [];
  window.__state = undefined;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample });
  });

  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => window.__state,
      setState: (state) => {
        window.__state = JSON.parse(JSON.stringify(state));
        return state;
      },
    });
  };

  /** Switches theme as VS Code does: through CSSOM on <html> and the class list of <body>. */
  window.__setTheme = (name) => {
    const theme = THEMES[name];
    const html = document.documentElement;
    for (const property of [...html.style]) {
      if (property.startsWith('--vscode-')) html.style.removeProperty(property);
    }
    for (const [property, value] of Object.entries(theme.variables)) html.style.setProperty(property, value);
    if (document.body !== null) {
      document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
      document.body.classList.add(theme.bodyClass);
    }
  };

  // The page's elements do not exist yet; theme them as soon as the parser creates them.
  const observer = new MutationObserver(() => {
    if (document.documentElement !== null && document.body !== null) {
      observer.disconnect();
      window.__setTheme('dark');
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
