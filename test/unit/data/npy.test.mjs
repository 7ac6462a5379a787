// Tests of the .npy reader against files written byte by byte in the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript } from '../helpers/loadContract.mjs';
import { headerText, makeTempDirectory, npyFileBytes, packValues, writeNpy } from './npyWriter.mjs';

const { readNpyArray, readNpyHeader } = await importTypeScript('trainer/data/npy.ts');

const directory = makeTempDirectory();

// Each case: dtype, values to store, Buffer method and item size, and the values expected back.
const ROUND_TRIPS = [
  { descr: '<f4', stored: [0, 1.5, -2.25, 3.4028234663852886e38], method: 'writeFloatLE', size: 4, expected: [0, 1.5, -2.25, 3.4028234663852886e38], type: Float32Array },
  { descr: '<f8', stored: [0.1, -1e-3, 12345.678], method: 'writeDoubleLE', size: 8, expected: [Math.fround(0.1), Math.fround(-1e-3), Math.fround(12345.678)], type: Float32Array },
  // Half-precision bit patterns: 1.0, -2.0, 1/3 rounded, the largest finite value 65504, the smallest subnormal 2^-24.
  { descr: '<f2', stored: [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001], method: 'writeUInt16LE', size: 2, expected: [1, -2, 0.333251953125, 65504, 2 ** -24], type: Float32Array },
  { descr: '|u1', stored: [0, 7, 255], method: 'writeUInt8', size: 1, expected: [0, 7, 255], type: Int32Array },
  { descr: '|i1', stored: [-128, 0, 127], method: 'writeInt8', size: 1, expected: [-128, 0, 127], type: Int32Array },
  { descr: '<i2', stored: [-32768, 5, 32767], method: 'writeInt16LE', size: 2, expected: [-32768, 5, 32767], type: Int32Array },
  { descr: '<u2', stored: [0, 300, 65535], method: 'writeUInt16LE', size: 2, expected: [0, 300, 65535], type: Int32Array },
  { descr: '<i4', stored: [-2147483648, 9, 2147483647], method: 'writeInt32LE', size: 4, expected: [-2147483648, 9, 2147483647], type: Int32Array },
  { descr: '<u4', stored: [0, 70000, 2147483647], method: 'writeUInt32LE', size: 4, expected: [0, 70000, 2147483647], type: Int32Array },
  { descr: '<i8', stored: [-3n, 0n, 2147483647n], method: 'writeBigInt64LE', size: 8, expected: [-3, 0, 2147483647], type: Int32Array },
  { descr: '<u8', stored: [0n, 9n, 2147483647n], method: 'writeBigUInt64LE', size: 8, expected: [0, 9, 2147483647], type: Int32Array },
  { descr: '|b1', stored: [1, 0, 1], method: 'writeUInt8', size: 1, expected: [1, 0, 1], type: Int32Array },
];

for (const { descr, stored, method, size, expected, type } of ROUND_TRIPS) {
  test(`readNpyArray round trip ${descr}`, () => {
    const name = `round-${descr.slice(1)}.npy`;
    const path = writeNpy(directory, name, { text: headerText(descr, [stored.length]), data: packValues(stored, size, method) });
    const { header, values } = readNpyArray(path);
    assert.equal(header.dtype, descr);
    assert.deepEqual(header.shape, [stored.length]);
    assert.equal(header.itemSize, size);
    assert.ok(values instanceof type, `values are ${values.constructor.name}`);
    assert.deepEqual([...values], expected);
  });
}

test('readNpyArray float32 output converts ints', () => {
  const path = writeNpy(directory, 'u4-big.npy', { text: headerText('<u4', [2]), data: packValues([4294967295, 3], 4, 'writeUInt32LE') });
  const { values } = readNpyArray(path, { output: 'float32' });
  assert.ok(values instanceof Float32Array);
  assert.deepEqual([...values], [4294967296, 3]);
});

test('readNpyArray keeps C order of 2-D array', () => {
  const path = writeNpy(directory, 'matrix.npy', { text: headerText('<f4', [2, 3]), data: packValues([1, 2, 3, 4, 5, 6], 4, 'writeFloatLE') });
  const { header, values } = readNpyArray(path);
  assert.deepEqual(header.shape, [2, 3]);
  assert.equal(header.valueCount, 6);
  assert.equal(header.headerLength, 128);
  assert.deepEqual([...values], [1, 2, 3, 4, 5, 6]);
});

test('readNpyHeader reads versions 2.0 and 3.0', () => {
  for (const version of [[2, 0], [3, 0]]) {
    const path = writeNpy(directory, `v${version[0]}.npy`, { version, text: headerText('<i4', [2, 1]), data: packValues([4, -4], 4, 'writeInt32LE') });
    const header = readNpyHeader(path);
    assert.equal(header.version, `${version[0]}.0`);
    assert.deepEqual(header.shape, [2, 1]);
    // 12 preamble bytes plus the 59-character dict and a newline, padded to the next multiple of 64.
    assert.equal(header.headerLength, 128);
    assert.deepEqual([...readNpyArray(path).values], [4, -4]);
  }
});

test('readNpyHeader accepts 1-D fortran order', () => {
  const path = writeNpy(directory, 'fortran-1d.npy', { text: headerText('<f4', [3], true), data: packValues([1, 2, 3], 4, 'writeFloatLE') });
  assert.equal(readNpyHeader(path).fortranOrder, true);
  assert.deepEqual([...readNpyArray(path).values], [1, 2, 3]);
});

test('readNpyHeader reads 0-d and empty arrays', () => {
  const scalar = writeNpy(directory, 'scalar.npy', { text: "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", data: packValues([2.5], 8, 'writeDoubleLE') });
  assert.deepEqual(readNpyHeader(scalar).shape, []);
  assert.deepEqual([...readNpyArray(scalar).values], [2.5]);
  const empty = writeNpy(directory, 'empty.npy', { text: headerText('<f4', [0, 4]), data: Buffer.alloc(0) });
  assert.equal(readNpyArray(empty).values.length, 0);
});

test('readNpyArray decodes half-precision specials', () => {
  const path = writeNpy(directory, 'half-special.npy', { text: headerText('<f2', [3]), data: packValues([0x7c00, 0xfc00, 0x7e00], 2, 'writeUInt16LE') });
  const values = readNpyArray(path).values;
  assert.equal(values[0], Number.POSITIVE_INFINITY);
  assert.equal(values[1], Number.NEGATIVE_INFINITY);
  assert.ok(Number.isNaN(values[2]));
});

// Each case writes a bad file; the error must name the file and match the pattern.
const ERROR_CASES = [
  { name: 'big-endian.npy', bytes: () => npyFileBytes({ text: headerText('>f4', [1]), data: Buffer.alloc(4) }), pattern: /dtype >f4 is big-endian.*x\.astype\('<f4'\)/ },
  { name: 'fortran.npy', bytes: () => npyFileBytes({ text: headerText('<f4', [2, 3], true), data: Buffer.alloc(24) }), pattern: /Fortran \(column-major\) order.*np\.ascontiguousarray/ },
  { name: 'object.npy', bytes: () => npyFileBytes({ text: headerText('|O', [1]), data: Buffer.alloc(8) }), pattern: /dtype \|O stores Python objects.*astype\('<f4'\)/ },
  { name: 'structured.npy', bytes: () => npyFileBytes({ text: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", data: Buffer.alloc(4) }), pattern: /structured arrays/ },
  { name: 'unicode.npy', bytes: () => npyFileBytes({ text: headerText('<U3', [1]), data: Buffer.alloc(12) }), pattern: /dtype <U3 is not supported/ },
  { name: 'complex.npy', bytes: () => npyFileBytes({ text: headerText('<c8', [1]), data: Buffer.alloc(8) }), pattern: /dtype <c8 is not supported/ },
  { name: 'truncated.npy', bytes: () => npyFileBytes({ text: headerText('<f4', [4]), data: Buffer.alloc(12) }), pattern: /truncated; shape \(4,\) of <f4 needs 16 data bytes but the file has 12/ },
  { name: 'trailing.npy', bytes: () => npyFileBytes({ text: headerText('<f4', [1]), data: Buffer.alloc(8) }), pattern: /has 4 unexpected bytes after the array/ },
  { name: 'magic.npy', bytes: () => Buffer.from('not a numpy file at all'), pattern: /not a NumPy \.npy file/ },
  { name: 'empty-file.npy', bytes: () => Buffer.alloc(0), pattern: /the file is empty/ },
  { name: 'version4.npy', bytes: () => npyFileBytes({ version: [4, 0], text: headerText('<f4', [1]), data: Buffer.alloc(4) }), pattern: /format version 4\.0 is not supported/ },
  { name: 'no-shape.npy', bytes: () => npyFileBytes({ text: "{'descr': '<f4', 'fortran_order': False, }", data: Buffer.alloc(4) }), pattern: /the key 'shape' is missing/ },
  { name: 'bad-literal.npy', bytes: () => npyFileBytes({ text: "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", data: Buffer.alloc(4) }), pattern: /invalid \.npy header \(unexpected name Maybe/ },
  { name: 'negative-shape.npy', bytes: () => npyFileBytes({ text: headerText('<f4', [-1]), data: Buffer.alloc(0) }), pattern: /shape \[-1\] is not a tuple of non-negative integers/ },
  { name: 'header-cut.npy', bytes: () => npyFileBytes({ text: headerText('<f4', [1]), data: Buffer.alloc(4) }).subarray(0, 40), pattern: /header is truncated/ },
];

for (const { name, bytes, pattern } of ERROR_CASES) {
  test(`readNpyHeader rejects ${name.replace('.npy', '')}`, () => {
    const path = join(directory, name);
    writeFileSync(path, bytes());
    assert.throws(() => readNpyHeader(path), (error) => {
      assert.equal(error.name, 'DataError');
      assert.ok(error.message.includes(path), `message does not name the file: ${error.message}`);
      assert.match(error.message, pattern);
      return true;
    });
  });
}

test('readNpyArray rejects int beyond int32', () => {
  const path = writeNpy(directory, 'i8-big.npy', { text: headerText('<i8', [2]), data: packValues([1n, 4294967296n], 8, 'writeBigInt64LE') });
  assert.throws(() => readNpyArray(path), (error) => {
    assert.ok(error.message.includes(path));
    assert.match(error.message, /value 4294967296 at flat index 1 does not fit a 32-bit integer/);
    return true;
  });
});

test('readNpyHeader names missing file', () => {
  const path = join(directory, 'missing.npy');
  assert.throws(() => readNpyHeader(path), (error) => {
    assert.equal(error.name, 'DataError');
    assert.equal(error.message.startsWith(`${path}: file not found`), true);
    return true;
  });
  assert.throws(() => readNpyArray(path), new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: file not found`));
});

test('readNpyHeader names folder path', () => {
  const path = join(directory, 'a-folder.npy');
  mkdirSync(path);
  assert.throws(() => readNpyHeader(path), (error) => {
    assert.ok(error.message.includes(path));
    assert.match(error.message, /is a folder, not a \.npy file/);
    return true;
  });
});
