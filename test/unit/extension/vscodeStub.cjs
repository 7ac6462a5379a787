const { mkdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

// A stand-in for the `vscode` module, enough to activate the bundled extension in plain Node and
// drive its commands. What the tests inspect is recorded on `stub.recorded`; APIs the tests do not
// look at return an inert object that accepts any call.

/** Returns an object that accepts any property access, call or construction, for APIs the tests ignore. */
function inert() {
  const target = function () {};
  return new Proxy(target, {
    get(_target, property) {
      if (property === 'then') return undefined;
      if (property === Symbol.toPrimitive) return () => '';
      if (property === 'toString') return () => '';
      return inert();
    },
    apply: () => inert(),
    construct: () => inert(),
  });
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose() {
    this.callOnDispose?.();
  }
}

class Uri {
  constructor(scheme, path, query = '') {
    this.scheme = scheme;
    this.path = path;
    this.query = query;
    this.fsPath = path;
  }
  static file(path) {
    return new Uri('file', path);
  }
  static from(parts) {
    return new Uri(parts.scheme, parts.path ?? '', parts.query ?? '');
  }
  static parse(text) {
    const match = /^([a-z-]+):(.*)$/.exec(text);
    return match ? new Uri(match[1], match[2].replace(/^\/\//, '')) : Uri.file(text);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  toString() {
    return `${this.scheme}:${this.path}`;
  }
}

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
}

class RelativePattern {
  constructor(base, pattern) {
    this.base = base;
    this.pattern = pattern;
  }
}

const recorded = {
  commands: new Map(),
  contextKeys: new Map(),
  messages: [],
  treeViews: new Map(),
  statusBarItems: [],
  progress: [],
  logLines: [],
  webviewPanels: [],
  /** Every executeCommand call other than setContext, including VS Code's own commands. */
  executed: [],
};

/** Replies of message boxes, quick picks and save dialogs, used in order; undefined dismisses. */
const answers = { messages: [], quickPicks: [], saveDialogs: [] };

function message(level) {
  return (text, ...items) => {
    recorded.messages.push({ level, text, items: items.filter((item) => typeof item === 'string') });
    return Promise.resolve(answers.messages.shift());
  };
}

function outputChannel(name) {
  const channel = inert();
  const log = (level) => (text) => recorded.logLines.push({ channel: name, level, text: String(text) });
  return new Proxy(channel, {
    get(target, property) {
      if (['trace', 'debug', 'info', 'warn', 'error'].includes(property)) return log(property);
      if (property === 'then') return undefined;
      return inert();
    },
  });
}

const configuration = new Map();
const configurationEmitter = new EventEmitter();
const trustEmitter = new EventEmitter();
const foldersEmitter = new EventEmitter();

const workspace = {
  workspaceFolders: [],
  isTrusted: true,
  onDidGrantWorkspaceTrust: trustEmitter.event,
  onDidChangeConfiguration: configurationEmitter.event,
  onDidChangeWorkspaceFolders: foldersEmitter.event,
  getConfiguration: () => ({ get: (name) => configuration.get(name) }),
  createFileSystemWatcher: () => ({ onDidCreate: () => new Disposable(), onDidChange: () => new Disposable(), onDidDelete: () => new Disposable(), dispose() {} }),
  registerTextDocumentContentProvider: (scheme, provider) => {
    recorded.contentProviders = { ...(recorded.contentProviders ?? {}), [scheme]: provider };
    return new Disposable();
  },
  findFiles: async () => [],
  asRelativePath: (uri) => (typeof uri === 'string' ? uri : uri.fsPath),
  getWorkspaceFolder: (uri) => workspace.workspaceFolders.find((folder) => uri.fsPath.startsWith(`${folder.uri.fsPath}/`)),
  textDocuments: [],
  onDidOpenTextDocument: () => new Disposable(),
  onDidChangeTextDocument: () => new Disposable(),
  onDidCloseTextDocument: () => new Disposable(),
  fs: {
    writeFile: async (uri, bytes) => {
      mkdirSync(dirname(uri.fsPath), { recursive: true });
      writeFileSync(uri.fsPath, bytes);
    },
    stat: async (uri) => statSync(uri.fsPath),
    delete: async (uri, options) => rmSync(uri.fsPath, { recursive: options?.recursive === true }),
  },
};

const window = {
  createOutputChannel: (name) => outputChannel(name),
  createTreeView: (id, options) => {
    const view = { id, options, description: undefined, message: undefined, dispose() {} };
    recorded.treeViews.set(id, view);
    return view;
  },
  createStatusBarItem: (id) => {
    const item = { id, text: '', visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} };
    recorded.statusBarItems.push(item);
    return item;
  },
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  setStatusBarMessage: (text) => {
    recorded.messages.push({ level: 'status', text, items: [] });
    return new Disposable();
  },
  withProgress: (options, task) => {
    const entry = { options, reports: [], cancel: new EventEmitter() };
    recorded.progress.push(entry);
    const token = { isCancellationRequested: false, onCancellationRequested: entry.cancel.event };
    return task({ report: (value) => entry.reports.push(value) }, token);
  },
  showQuickPick: async () => answers.quickPicks.shift(),
  showSaveDialog: async () => answers.saveDialogs.shift(),
  createQuickPick: () => inert(),
  registerWebviewPanelSerializer: () => new Disposable(),
  createWebviewPanel: (viewType, title) => {
    recorded.webviewPanels.push({ viewType, title });
    return inert();
  },
  showTextDocument: async () => inert(),
  activeTextEditor: undefined,
};

const commands = {
  registerCommand: (id, handler) => {
    recorded.commands.set(id, handler);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand: async (id, ...args) => {
    if (id === 'setContext') {
      recorded.contextKeys.set(args[0], args[1]);
      return undefined;
    }
    recorded.executed.push({ id, args });
    const handler = recorded.commands.get(id);
    return handler === undefined ? undefined : handler(...args);
  },
};

const known = {
  EventEmitter,
  Disposable,
  Uri,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  RelativePattern,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  workspace,
  window,
  commands,
  env: { remoteName: undefined, language: 'en' },
  version: '1.95.0',
};

const stub = new Proxy(known, {
  get(target, property) {
    if (property in target) return target[property];
    if (property === 'stub') return { recorded, answers, configuration, workspace, trustEmitter };
    if (property === '__esModule' || property === 'then' || property === 'default') return undefined;
    return inert();
  },
});

module.exports = stub;
