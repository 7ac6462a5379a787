// Writes .npy files byte by byte for the data tests, following the published format (magic
// \x93NUMPY, version bytes, little-endian header length, a Python dict literal padded with
// spaces to a multiple of 64 bytes and ending in a newline, then the raw data), independently of
// the reader under test.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeTempDirectory() {
  return mkdtempSync(join(tmpdir(), 'mmpareto-data-test-'));
}

function pythonShape(shape) {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** Returns the header dict literal numpy.save writes for these settings. */
export function headerText(descr, shape, fortranOrder = false) {
  const descrText = typeof descr === 'string' ? `'${descr}'` : descr;
  return `{'descr': ${descrText}, 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${pythonShape(shape)}, }`;
}

/** Builds a whole .npy file: version [major, minor], the header text and the data bytes. */
export function npyFileBytes({ text, data, version = [1, 0] }) {
  const lengthFieldSize = version[0] === 1 ? 2 : 4;
  const preambleSize = 8 + lengthFieldSize;
  const textBytes = Buffer.from(text, version[0] === 3 ? 'utf8' : 'latin1');
  let padded = textBytes.length + 1;
  while ((preambleSize + padded) % 64 !== 0) padded++;
  const header = Buffer.alloc(preambleSize + padded, 0x20);
  header[0] = 0x93;
  header.write('NUMPY', 1, 'latin1');
  header[6] = version[0];
  header[7] = version[1];
  if (lengthFieldSize === 2) header.writeUInt16LE(padded, 8);
  else header.writeUInt32LE(padded, 8);
  textBytes.copy(header, preambleSize);
  header[header.length - 1] = 0x0a;
  return Buffer.concat([header, data]);
}

/** Writes a file and returns its path. */
export function writeNpy(directory, name, options) {
  const path = join(directory, name);
  writeFileSync(path, npyFileBytes(options));
  return path;
}

/** Little-endian bytes of `values` written with a Buffer method such as 'writeFloatLE'. */
export function packValues(values, itemSize, method) {
  const buffer = Buffer.alloc(values.length * itemSize);
  values.forEach((value, index) => buffer[method](value, index * itemSize));
  return buffer;
}

/** Writes a float32 array of the given shape from a flat list. */
export function writeFloat32(directory, name, shape, values) {
  return writeNpy(directory, name, { text: headerText('<f4', shape), data: packValues(values, 4, 'writeFloatLE') });
}

/** Writes an int64 array (NumPy's default integer) from a flat list. */
export function writeInt64(directory, name, shape, values) {
  return writeNpy(directory, name, { text: headerText('<i8', shape), data: packValues(values.map(BigInt), 8, 'writeBigInt64LE') });
}
