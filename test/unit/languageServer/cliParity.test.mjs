// The same invalid configs give the same messages at the same places from the editor (the
// language server) and from the terminal (validateCommand, and `cli.js validate` when built).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, fileUri } from './lspSession.mjs';
import { importSource, repositoryRoot } from '../config/importSource.mjs';
import { writeNpy } from '../config/npyFiles.mjs';

const { validateCommand } = await importSource('trainer/config/validateCommand.ts');

const workspace = mkdtempSync(join(tmpdir(), 'mmpareto-lsp-parity-'));
const cliPath = join(repositoryRoot, 'dist/trainer/cli.js');
let session;

before(async () => {
  session = new LspSession(workspace);
  await session.initialize();
});

after(async () => {
  await session.close();
});

const cases = {
  'typos.mmpareto.yaml': 'method: mmparetto\ngama: 2\noptimizer:\n  type: adamw\n  learningRate: 0\n',
  'types.mmpareto.yaml': 'epochs: three\ncheckpoint: 1\nmodalities:\n  - name: gray\n    hidden: 64\n',
  'syntax.mmpareto.yaml': 'epochs: 2\nepochs: 3\nbatchSize: [1, 2\n',
  'data.mmpareto.yaml': 'data:\n  kind: npy\n  trainLabels: y.npy\n  testLabels: none.npy\nmodalities:\n  - name: a\n    train: a.npy\n    test: a.npy\n  - name: b\n    train: a.npy\nbatchSize: 100\n',
  'warning.mmpareto.yaml': 'data:\n  kind: synthetic\n  trainSize: 10\n',
};

/** Formats a diagnostic the way the terminal prints an issue. */
function asTerminalLine(path, diagnostic) {
  const severity = diagnostic.severity === 1 ? 'error' : 'warning';
  return `${path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${severity}: ${diagnostic.message}`;
}

writeNpy(join(workspace, 'y.npy'), '<i8', [40]);
writeNpy(join(workspace, 'a.npy'), '<f4', [40, 3]);
for (const [name, text] of Object.entries(cases)) {
  writeFileSync(join(workspace, name), text);
}

for (const [name, text] of Object.entries(cases)) {
  test(`editor and validate agree: ${name}`, async () => {
    const path = join(workspace, name);
    const diagnostics = await session.open(fileUri(path), text);
    const lines = [];
    const exitCode = validateCommand(path, (line) => lines.push(line));
    const issueLines = lines.slice(0, -1);
    assert.ok(diagnostics.length > 0);
    assert.deepEqual(issueLines, diagnostics.map((diagnostic) => asTerminalLine(path, diagnostic)));
    assert.equal(exitCode, diagnostics.some((diagnostic) => diagnostic.severity === 1) ? 2 : 0);
  });
}

test('cli validate agrees with editor', async () => {
  assert.ok(existsSync(cliPath), `${cliPath} is missing; run npm run build first`);
  for (const [name, text] of Object.entries(cases)) {
    const path = join(workspace, name);
    const diagnostics = await session.open(fileUri(`${path}`).replace('.mmpareto.yaml', '.copy.mmpareto.yaml'), text);
    const result = spawnSync(process.execPath, [cliPath, 'validate', path], { encoding: 'utf8', cwd: workspace });
    const printed = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.startsWith(`${path}:`) && /: (error|warning): /.test(line));
    assert.deepEqual(printed, diagnostics.map((diagnostic) => asTerminalLine(path, diagnostic)), name);
    assert.equal(result.status, diagnostics.some((diagnostic) => diagnostic.severity === 1) ? 2 : 0, name);
  }
});
