// The parts of the vscode module the panels use, recording what the code under test does with
// them. Not a general mock: only the calls extension/panels makes.

export class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

export class Uri {
  constructor(path) {
    this.path = path;
  }
  static file(path) {
    return new Uri(path);
  }
  static joinPath(base, ...parts) {
    return new Uri([base.path, ...parts].join('/'));
  }
  toString() {
    return `file://${this.path}`;
  }
}

export const ViewColumn = { Active: -1, Beside: -2, One: 1 };

export class FakeWebview {
  html = '';
  options = {};
  cspSource = 'https://fake.vscode-cdn.example';
  posted = [];
  receiveEmitter = new EventEmitter();
  onDidReceiveMessage = this.receiveEmitter.event;
  asWebviewUri(uri) {
    return { toString: () => `https://fake.vscode-cdn.example${uri.path}` };
  }
  postMessage(message) {
    this.posted.push(message);
    return Promise.resolve(true);
  }
  /** Sends a message as the webview script would. */
  send(message) {
    this.receiveEmitter.fire(message);
  }
}

export class FakeWebviewPanel {
  webview = new FakeWebview();
  visible = true;
  disposed = false;
  revealCount = 0;
  iconPath = undefined;
  disposeEmitter = new EventEmitter();
  viewStateEmitter = new EventEmitter();
  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewStateEmitter.event;
  constructor(viewType, title, column, options) {
    this.viewType = viewType;
    this.title = title;
    this.column = column;
    this.createOptions = options;
  }
  reveal() {
    this.revealCount += 1;
  }
  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
  /** Hides or shows the panel as VS Code does when the user switches tabs. */
  setVisible(visible) {
    this.visible = visible;
    this.viewStateEmitter.fire({ webviewPanel: this });
  }
}

export const recorded = {
  panels: [],
  serializers: new Map(),
  errors: [],
  warnings: [],
};

export function resetFake() {
  recorded.panels.length = 0;
  recorded.serializers.clear();
  recorded.errors.length = 0;
  recorded.warnings.length = 0;
}

export const window = {
  createWebviewPanel(viewType, title, column, options) {
    const panel = new FakeWebviewPanel(viewType, title, column, options);
    recorded.panels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer(viewType, serializer) {
    recorded.serializers.set(viewType, serializer);
    return { dispose: () => recorded.serializers.delete(viewType) };
  },
  showErrorMessage(message) {
    recorded.errors.push(message);
    return Promise.resolve(undefined);
  },
  showWarningMessage(message) {
    recorded.warnings.push(message);
    return Promise.resolve(undefined);
  },
};

/** Returns a LogOutputChannel that keeps its lines. */
export function fakeLog() {
  const lines = [];
  const add = (level) => (message) => lines.push({ level, message });
  return { lines, trace: add('trace'), debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}
