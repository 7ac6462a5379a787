// Tests of the data file checks: missing files, .npy headers that do not fit each other, and a
// batch size larger than the training split, placed on the config values that name them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSource } from './importSource.mjs';
import { writeNpy } from './npyFiles.mjs';

const { validateConfigText, checkDataFiles } = await importSource('trainer/config/index.ts');

function workspace(files) {
  const folder = mkdtempSync(join(tmpdir(), 'mmpareto-data-'));
  for (const [name, descr, shape] of files) {
    writeNpy(join(folder, name), descr, shape);
  }
  return folder;
}

const goodFiles = [
  ['train_labels.npy', '<i8', [100]],
  ['test_labels.npy', '<i8', [40]],
  ['audio_train.npy', '<f4', [100, 16]],
  ['audio_test.npy', '<f4', [40, 16]],
  ['video_train.npy', '<f4', [100, 8, 8, 1]],
  ['video_test.npy', '<f4', [40, 8, 8, 1]],
];

const npyConfig = `data:
  kind: npy
  trainLabels: train_labels.npy
  testLabels: test_labels.npy
modalities:
  - name: audio
    encoder: mlp
    train: audio_train.npy
    test: audio_test.npy
  - name: video
    train: video_train.npy
    test: video_test.npy
`;

function validate(folder, text = npyConfig) {
  const fileName = join(folder, 'run.mmpareto.yaml');
  writeFileSync(fileName, text);
  return validateConfigText(text, fileName);
}

test('matching npy files are valid', () => {
  const { config, issues } = validate(workspace(goodFiles));
  assert.deepEqual(issues, []);
  assert.equal(config.modalities.length, 2);
});

test('missing file marks the path value', () => {
  const folder = workspace(goodFiles.filter(([name]) => name !== 'video_test.npy'));
  const { issues, config } = validate(folder);
  assert.equal(config, undefined);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'file-not-found');
  assert.deepEqual(issues[0].range, { start: { line: 11, character: 10 }, end: { line: 11, character: 24 } });
  assert.equal(issues[0].message, `modalities[1].test: ${join(folder, 'video_test.npy')}: file not found. Check the path; relative paths are resolved against the folder of the config file.`);
});

test('not an npy file is invalid', () => {
  const folder = workspace(goodFiles);
  writeFileSync(join(folder, 'audio_test.npy'), 'a,b,c\n');
  const { issues } = validate(folder);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'invalid-data-file');
  assert.deepEqual(issues[0].path, ['modalities', 0, 'test']);
  assert.match(issues[0].message, /not a NumPy \.npy file/);
});

test('train and test shapes differ', () => {
  const files = goodFiles.map((file) => (file[0] === 'video_test.npy' ? ['video_test.npy', '<f4', [40, 8, 9, 1]] : file));
  const { issues } = validate(workspace(files));
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'data-mismatch');
  assert.deepEqual(issues[0].path, ['modalities', 1, 'test']);
  assert.match(issues[0].message, /per-sample shape \(8, 9, 1\) but .*video_train\.npy has \(8, 8, 1\)/);
});

test('feature rows differ from labels', () => {
  const files = goodFiles.map((file) => (file[0] === 'audio_train.npy' ? ['audio_train.npy', '<f4', [99, 16]] : file));
  const { issues } = validate(workspace(files));
  assert.equal(issues.length, 1);
  assert.deepEqual(issues[0].path, ['modalities', 0, 'train']);
  assert.match(issues[0].message, /have 99 samples .* has 100 labels/);
});

test('labels must be 1-D integers', () => {
  const files = goodFiles.map((file) => (file[0] === 'train_labels.npy' ? ['train_labels.npy', '<f4', [100, 1]] : file));
  const { issues } = validate(workspace(files));
  const onLabels = issues.filter((issue) => issue.path.join('.') === 'data.trainLabels');
  assert.equal(onLabels.length, 2);
  assert.match(onLabels[0].message, /one-dimensional/);
  assert.match(onLabels[1].message, /must be integers/);
  assert.deepEqual(onLabels[0].range.start, { line: 2, character: 15 });
});

test('batch larger than subsplit errors', () => {
  // The trainer refuses such a run, so the editor and validate must call it an error too.
  const text = `${npyConfig}batchSize: 64\n`.replace('kind: npy', 'kind: npy\n  trainSize: 50');
  const { issues, config } = validate(workspace(goodFiles), text);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'batch-too-large');
  assert.equal(issues[0].severity, 'error');
  assert.equal(issues[0].clampedValue, 50);
  assert.equal(issues[0].range.start.line, 13);
  assert.equal(config, undefined);
});

test('batch check on built-in dataset', () => {
  const issues = checkDataFiles({ data: { kind: 'synthetic', trainSize: 32 } }, '/nowhere');
  assert.equal(issues.length, 1);
  assert.deepEqual(issues[0].path, ['data', 'trainSize']);
  assert.match(issues[0].message, /batchSize: 64 is larger than the training split of 32 samples/);
});

test('default built-in subset is checked', () => {
  // cg-mnist uses 6000 training images unless data.trainSize sets another number.
  const issues = checkDataFiles({ batchSize: 65536 }, '/nowhere');
  assert.equal(issues.length, 1);
  assert.equal(issues[0].clampedValue, 6000);
});

test('whole built-in split fits its batch', () => {
  assert.deepEqual(checkDataFiles({ batchSize: 50000, data: { trainSize: 0 } }, '/nowhere'), []);
  assert.equal(checkDataFiles({ batchSize: 60001, data: { trainSize: 0 } }, '/nowhere')[0].clampedValue, 60000);
});

test('paths outside npy are not read', () => {
  let reads = 0;
  const issues = checkDataFiles({ data: { kind: 'cg-mnist' }, modalities: [{ name: 'gray', train: 'x.npy' }] }, '/nowhere', () => {
    reads++;
    return { kind: 'not-found', message: 'x' };
  });
  assert.deepEqual(issues, []);
  assert.equal(reads, 0);
});

test('header source is used', () => {
  const seen = [];
  checkDataFiles({ data: { kind: 'npy', trainLabels: 'sub/a.npy' } }, '/base', (path) => {
    seen.push(path);
    return { kind: 'not-found', message: 'gone' };
  });
  assert.deepEqual(seen, ['/base/sub/a.npy']);
});

test('cnn needs image features', () => {
  const files = goodFiles.map((file) => (file[0] === 'video_train.npy' ? ['video_train.npy', '<f4', [100, 64]] : file[0] === 'video_test.npy' ? ['video_test.npy', '<f4', [40, 64]] : file));
  const { issues } = validate(workspace(files));
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'data-mismatch');
  assert.deepEqual(issues[0].path, ['modalities', 1, 'train']);
  assert.match(issues[0].message, /the cnn encoder needs images of shape \[height, width, channels\], but its samples have shape \[64\].*\(the default encoder is cnn\)$/);
});

test('written encoder gets the issue', () => {
  const text = npyConfig.replace('  - name: video\n', '  - name: video\n    encoder: resnet18\n');
  const files = goodFiles.map((file) => (file[0] === 'video_train.npy' ? ['video_train.npy', '<f4', [100, 8, 8]] : file[0] === 'video_test.npy' ? ['video_test.npy', '<f4', [40, 8, 8]] : file));
  const { issues } = validate(workspace(files), text);
  assert.equal(issues.length, 1);
  assert.deepEqual(issues[0].path, ['modalities', 1, 'encoder']);
  assert.deepEqual(issues[0].range, { start: { line: 10, character: 13 }, end: { line: 10, character: 21 } });
  assert.match(issues[0].message, /^modalities\[1\]\.encoder: Modality video: the resnet18 encoder needs images/);
});

test('cnn blocks must fit image', () => {
  const text = npyConfig.replace('  - name: video\n', '  - name: video\n    channels: [8, 8, 8, 8]\n');
  const { issues } = validate(workspace(goodFiles), text);
  assert.equal(issues.length, 1);
  assert.deepEqual(issues[0].path, ['modalities', 1, 'train']);
  assert.match(issues[0].message, /halves the image in each of its 4 blocks, but .*video_train\.npy has images of shape \(8, 8, 1\)/);
});

test('three cnn blocks fit 8x8', () => {
  const text = npyConfig.replace('  - name: video\n', '  - name: video\n    channels: [8, 8, 8]\n');
  assert.deepEqual(validate(workspace(goodFiles), text).issues, []);
});
