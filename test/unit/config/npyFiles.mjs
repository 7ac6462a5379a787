// Writes small .npy files for tests, with the header built by hand from the format
// description (magic \x93NUMPY, version 1.0, uint16 little-endian header length, a Python dict
// literal padded with spaces to a multiple of 64 bytes and ending in a newline) and zero data.
import { writeFileSync } from 'node:fs';

const ITEM_SIZES = { f2: 2, f4: 4, f8: 8, i1: 1, u1: 1, b1: 1, i2: 2, u2: 2, i4: 4, u4: 4, i8: 8, u8: 8 };

/** Writes an array of `shape` and dtype `descr` (such as '<f4' or '<i8') filled with zeros. */
export function writeNpy(path, descr, shape) {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const preamble = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(preamble);
  preamble.writeUInt16LE(header.length, 8);
  const count = shape.reduce((product, size) => product * size, 1);
  const data = Buffer.alloc(count * ITEM_SIZES[descr.slice(1)]);
  writeFileSync(path, Buffer.concat([preamble, Buffer.from(header, 'latin1'), data]));
}
