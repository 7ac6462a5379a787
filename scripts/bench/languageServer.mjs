// Benchmark of config diagnostics on a 1,000-line run config (npm run bench:lsp).
//
// The config is a heavily annotated npy experiment. It starts with a comment block of notes and
// has a comment above every key. Its 8 modalities (the schema's maximum) write their hidden and
// channel lists one item a line, and a commented log of earlier sweeps pads it to 1,000 lines. It has four errors
// (a key typo, an out-of-range value, an enum typo and a file that does not exist), so every
// stage runs: YAML parsing, validateConfig, issue placement and the .npy header checks against
// real files in a temporary folder.
//
// It measures (1) validateConfigText in this process with a warm header cache, and (2) through
// the bundled server over JSON-RPC: didChange to publishDiagnostics, which includes the server's
// 150 ms debounce, plus completion and hover requests. Needs npm run build first.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_MS = 100;
const DEBOUNCE_MS = 150;
const IN_PROCESS_RUNS = 60;
const PROTOCOL_RUNS = 30;
const TARGET_LINES = 1000;

const bundleDirectory = join(root, 'node_modules/.cache/mmpareto-scripts');
mkdirSync(bundleDirectory, { recursive: true });
const bundle = join(mkdtempSync(join(bundleDirectory, 'bench-')), 'config.mjs');
const entry = join(dirname(bundle), 'entry.ts');
writeFileSync(
  entry,
  [
    `export { validateConfigText } from ${JSON.stringify(join(root, 'trainer/config/validateConfigText.ts'))};`,
    `export { NpyHeaderCache } from ${JSON.stringify(join(root, 'extension/languageServer/npyHeaderCache.ts'))};`,
  ].join('\n'),
);
await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'error' });
const { validateConfigText, NpyHeaderCache } = await import(pathToFileURL(bundle).href);

/** Writes a zero-filled .npy file (format 1.0 header built by hand). */
function writeNpy(path, descr, shape) {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const preamble = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0]);
  preamble.writeUInt16LE(header.length, 8);
  const count = shape.reduce((product, size) => product * size, 1);
  writeFileSync(path, Buffer.concat([preamble, Buffer.from(header, 'latin1'), Buffer.alloc(count * Number(descr.slice(2)))]));
}

function buildConfig() {
  const lines = [
    '# Audio-visual-text sweep on the lab npy export, 8 modalities.',
    ...Array.from({ length: 30 }, (_, index) => `# note ${index + 1}: features re-exported with per-modality standardisation, see the lab wiki page.`),
    '# The method under test.',
    '# Alternatives tried: uniform, pareto.',
    'method: mmpareto',
    '# Gamma from the paper; 2.0 diverged on the text modality.',
    'gama: 1.5',
    '# Norm rule of the magnitude step.',
    'normRule: per-encoder',
    '# Seed of the third repeat.',
    'seed: 3',
    '# Epochs per run.',
    'epochs: 0',
    '# Batch size.',
    'batchSize: 32',
    '# Backend.',
    'backend: wasm',
    'optimizer:',
    '  # SGD as in the reference code.',
    '  type: sgd',
    '  # Learning rate.',
    '  learningRate: 0.002',
    '  # Momentum.',
    '  momentum: 0.9',
    'data:',
    '  # Our own features.',
    '  kind: npy',
    '  # Labels of both splits.',
    '  trainLabels: data/y_train.npy',
    '  testLabels: data/y_test.npy',
    '  # Use every sample.',
    '  trainSize: 0',
    'modalities:',
  ];
  for (let index = 0; index < 8; index++) {
    const name = `m${index}`;
    lines.push(`  # Modality ${index}: pretrained features, ${16 + index} dimensions.`);
    lines.push(`  - name: ${name}`);
    lines.push('    # Fully connected encoder.');
    lines.push(index === 5 ? '    encoder: mpl' : '    encoder: mlp');
    lines.push('    # Hidden sizes, widest first.');
    lines.push('    hidden:');
    for (let layer = 0; layer < 8; layer++) lines.push(`      - ${256 >> (layer % 4)}`);
    lines.push('    # Channels (unused by mlp, kept for the cnn ablation).');
    lines.push('    channels:');
    for (let block = 0; block < 6; block++) lines.push(`      - ${16 << (block % 3)}`);
    lines.push('    # Feature size handed to the heads.');
    lines.push('    featureDim: 64');
    lines.push('    # Feature files.');
    lines.push(`    train: data/${name}_train.npy`);
    lines.push(index === 7 ? `    test: data/${name}_tset.npy` : `    test: data/${name}_test.npy`);
  }
  lines.push('# Sweep log, newest last.');
  while (lines.length < TARGET_LINES) {
    const run = lines.length;
    lines.push(`# run ${run}: gamma=${(1 + (run % 10) / 10).toFixed(1)} lr=0.002 seed=${run % 5} fused=0.${600 + (run % 300)} conflicts=${run % 40}%`);
  }
  return `${lines.join('\n')}\n`;
}

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-bench-lsp-'));
mkdirSync(join(workspace, 'data'));
writeNpy(join(workspace, 'data/y_train.npy'), '<i8', [512]);
writeNpy(join(workspace, 'data/y_test.npy'), '<i8', [128]);
for (let index = 0; index < 8; index++) {
  writeNpy(join(workspace, `data/m${index}_train.npy`), '<f4', [512, 16 + index]);
  writeNpy(join(workspace, `data/m${index}_test.npy`), '<f4', [128, 16 + index]);
}
const configPath = join(workspace, 'sweep.mmpareto.yaml');
const text = buildConfig();
writeFileSync(configPath, text);
const lineCount = text.split('\n').length - 1;

// (1) In process.
const cache = new NpyHeaderCache();
const validate = () => validateConfigText(text, configPath, { dataFiles: { directory: workspace, readHeader: cache.read } });
let start = performance.now();
const first = validate();
const coldMs = performance.now() - start;
const inProcess = [];
for (let run = 0; run < IN_PROCESS_RUNS; run++) {
  start = performance.now();
  validate();
  inProcess.push(performance.now() - start);
}

// (2) Over the protocol.
const server = spawn(process.execPath, [join(root, 'dist/languageServer/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiters = [];
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  for (const waiter of waiters.splice(0)) waiter(params);
});
connection.onRequest('client/registerCapability', () => null);
connection.listen();
const uri = pathToFileURL(configPath).href;
const nextDiagnostics = (version) =>
  new Promise((resolve) => {
    const wait = (params) => (params.version === version ? resolve(params) : waiters.push(wait));
    waiters.push(wait);
  });
await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {} });
connection.sendNotification('initialized', {});
const opened = nextDiagnostics(1);
connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mmpareto-yaml', version: 1, text } });
const openDiagnostics = (await opened).diagnostics;

const protocol = [];
for (let version = 2; version < 2 + PROTOCOL_RUNS; version++) {
  const edited = text.replace('seed: 3', `seed: ${version}`);
  const received = nextDiagnostics(version);
  start = performance.now();
  connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
  await received;
  protocol.push(performance.now() - start);
}
const requestTimes = async (method, params) => {
  const times = [];
  for (let run = 0; run < PROTOCOL_RUNS; run++) {
    start = performance.now();
    await connection.sendRequest(method, params);
    times.push(performance.now() - start);
  }
  return times;
};
const hiddenLine = text.split('\n').findIndex((line) => line === '    hidden:');
const completion = await requestTimes('textDocument/completion', { textDocument: { uri }, position: { line: hiddenLine, character: 6 } });
const hover = await requestTimes('textDocument/hover', { textDocument: { uri }, position: { line: hiddenLine, character: 6 } });
await connection.sendRequest('shutdown');
const exited = new Promise((resolve) => server.once('exit', resolve));
await connection.sendNotification('exit');
await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
connection.dispose();
if (server.exitCode === null) server.kill();
rmSync(workspace, { recursive: true, force: true });

const rows = [
  ['validateConfigText, in process (warm)', percentile(inProcess, 0.5), percentile(inProcess, 0.9), TARGET_MS],
  ['didChange -> publishDiagnostics (incl. debounce)', percentile(protocol, 0.5), percentile(protocol, 0.9), DEBOUNCE_MS + TARGET_MS],
  ['  of which beyond the 150 ms debounce', percentile(protocol, 0.5) - DEBOUNCE_MS, percentile(protocol, 0.9) - DEBOUNCE_MS, TARGET_MS],
  ['completion request', percentile(completion, 0.5), percentile(completion, 0.9), TARGET_MS],
  ['hover request', percentile(hover, 0.5), percentile(hover, 0.9), TARGET_MS],
];
console.log(`Config: ${lineCount} lines, ${first.issues.length} issues in process, ${openDiagnostics.length} diagnostics from the server (${first.issues.map((issue) => issue.code).join(', ')}).`);
console.log(`First in-process validation (cold header cache, JIT warm-up): ${coldMs.toFixed(1)} ms.`);
console.log(`Node ${process.version}, ${IN_PROCESS_RUNS} in-process runs, ${PROTOCOL_RUNS} protocol runs each.\n`);
console.log('| measurement | median ms | p90 ms | target ms | median / target |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, median, p90, target] of rows) {
  console.log(`| ${name} | ${median.toFixed(2)} | ${p90.toFixed(2)} | ${target} | ${(median / target).toFixed(3)} |`);
}
