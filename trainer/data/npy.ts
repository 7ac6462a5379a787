// Reading of NumPy .npy files: the header alone (cheap, for checks before training and in the
// language server) or the whole array converted to Float32Array or Int32Array.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { DataError, formatShape } from './dataset';
import { NPY_PREAMBLE_LENGTH, isFloatDtype, parseNpyHeaderText, parseNpyPreamble, type NpyDtype, type NpyHeader } from './npyHeader';

export { NPY_DTYPES, isFloatDtype, isIntegerDtype, type NpyDtype, type NpyHeader } from './npyHeader';

/** Largest header text accepted; np.save writes a few hundred bytes, so more means a corrupt file. */
const MAX_HEADER_TEXT_BYTES = 1 << 20;
/** Bytes read from disk at a time while decoding; a multiple of every item size. */
const CHUNK_BYTES = 1 << 24;

export interface NpyArray {
  readonly header: NpyHeader;
  /** The values in C order: Float32Array for float dtypes (and for every dtype with output 'float32'), Int32Array otherwise. */
  readonly values: Float32Array | Int32Array;
}

export interface ReadNpyOptions {
  /** 'auto' (default) keeps integer and bool dtypes as Int32Array; 'float32' converts every dtype to Float32Array. */
  readonly output?: 'auto' | 'float32';
}

function describeFsError(error: unknown, path: string): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new DataError(`${path}: file not found. Check the path; relative paths are resolved against the folder of the config file.`);
  }
  if (code === 'EISDIR') {
    return new DataError(`${path}: is a folder, not a .npy file. Set the path to the .npy file itself.`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new DataError(`${path}: cannot read the file (${reason}). Check that it exists and is readable.`);
}

function readExactly(descriptor: number, target: Uint8Array, position: number): number {
  let filled = 0;
  while (filled < target.length) {
    const count = readSync(descriptor, target, filled, target.length - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  return filled;
}

/** Reads and checks the header of an open file, including that the file size matches the shape. */
function readHeaderFrom(descriptor: number, path: string): NpyHeader {
  const fileSize = fstatSync(descriptor).size;
  const start = new Uint8Array(Math.min(NPY_PREAMBLE_LENGTH, fileSize));
  readExactly(descriptor, start, 0);
  const preamble = parseNpyPreamble(start, path);
  if (preamble.textLength > MAX_HEADER_TEXT_BYTES) {
    throw new DataError(`${path}: the .npy header claims ${preamble.textLength} bytes, which means the file is corrupt. Save the array again with numpy.save.`);
  }
  if (preamble.textOffset + preamble.textLength > fileSize) {
    throw new DataError(`${path}: the .npy header is truncated (the file has ${fileSize} bytes). Save the array again with numpy.save.`);
  }

  const textBytes = new Uint8Array(preamble.textLength);
  readExactly(descriptor, textBytes, preamble.textOffset);
  // Versions 1.0 and 2.0 store the header in latin1, version 3.0 in UTF-8.
  const text = new TextDecoder(preamble.major === 3 ? 'utf-8' : 'latin1').decode(textBytes);
  const header = parseNpyHeaderText(text, preamble, path);

  const dataBytes = fileSize - header.headerLength;
  const expectedBytes = header.valueCount * header.itemSize;
  if (dataBytes < expectedBytes) {
    throw new DataError(`${path}: the file is truncated; shape ${formatShape(header.shape)} of ${header.dtype} needs ${expectedBytes} data bytes but the file has ${dataBytes}. Copy or save it again.`);
  }
  if (dataBytes > expectedBytes) {
    throw new DataError(`${path}: has ${dataBytes - expectedBytes} unexpected bytes after the array of shape ${formatShape(header.shape)}; a .npy file contains one array. Save each array to its own file with numpy.save.`);
  }
  return header;
}

/** Reads and validates the header of a .npy file without reading its data. */
export function readNpyHeader(path: string): NpyHeader {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw describeFsError(error, path);
  }
  try {
    return readHeaderFrom(descriptor, path);
  } catch (error) {
    throw error instanceof DataError ? error : describeFsError(error, path);
  } finally {
    closeSync(descriptor);
  }
}

/** Converts an IEEE 754 half-precision bit pattern to a number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) {
    return sign * fraction * 2 ** -24;
  }
  if (exponent === 0x1f) {
    return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  }
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

type ValueReader = (view: DataView, offset: number) => number;

/** Readers of one little-endian value per dtype; 64-bit integers are exact up to 2^53. */
const VALUE_READERS: Readonly<Record<NpyDtype, ValueReader>> = {
  '<f2': (view, offset) => halfToNumber(view.getUint16(offset, true)),
  '<f4': (view, offset) => view.getFloat32(offset, true),
  '<f8': (view, offset) => view.getFloat64(offset, true),
  '|u1': (view, offset) => view.getUint8(offset),
  '|b1': (view, offset) => view.getUint8(offset),
  '|i1': (view, offset) => view.getInt8(offset),
  '<i2': (view, offset) => view.getInt16(offset, true),
  '<u2': (view, offset) => view.getUint16(offset, true),
  '<i4': (view, offset) => view.getInt32(offset, true),
  '<u4': (view, offset) => view.getUint32(offset, true),
  '<i8': (view, offset) => view.getInt32(offset + 4, true) * 4294967296 + view.getUint32(offset, true),
  '<u8': (view, offset) => view.getUint32(offset + 4, true) * 4294967296 + view.getUint32(offset, true),
};

type TypedArrayConstructor = Float32ArrayConstructor | Float64ArrayConstructor | Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor;

/** Typed arrays whose element layout on a little-endian host equals the dtype's bytes. */
const DIRECT_VIEWS: Partial<Record<NpyDtype, TypedArrayConstructor>> = {
  '<f4': Float32Array,
  '<f8': Float64Array,
  '|u1': Uint8Array,
  '|b1': Uint8Array,
  '|i1': Int8Array,
  '<i2': Int16Array,
  '<u2': Uint16Array,
  '<i4': Int32Array,
  '<u4': Uint32Array,
};

/**
 * Returns the typed array to view raw chunks through, when TypedArray.set can convert them
 * directly: the host is little-endian, and no uint32 value could overflow an Int32Array output.
 */
function directView(dtype: NpyDtype, asFloat: boolean): TypedArrayConstructor | undefined {
  if (endianness() !== 'LE' || (dtype === '<u4' && !asFloat)) {
    return undefined;
  }
  return DIRECT_VIEWS[dtype];
}

function allocate(header: NpyHeader, asFloat: boolean, path: string): Float32Array | Int32Array {
  try {
    return asFloat ? new Float32Array(header.valueCount) : new Int32Array(header.valueCount);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`${path}: the array of shape ${formatShape(header.shape)} is too large to load (${reason}). Use a smaller file or fewer samples.`);
  }
}

/** Reads a whole .npy file and converts its values (see ReadNpyOptions). */
export function readNpyArray(path: string, options: ReadNpyOptions = {}): NpyArray {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw describeFsError(error, path);
  }
  try {
    const header = readHeaderFrom(descriptor, path);
    const asFloat = options.output === 'float32' || isFloatDtype(header.dtype);
    const values = allocate(header, asFloat, path);
    const chunk = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(header.valueCount * header.itemSize, 1)));
    const view = new DataView(chunk.buffer);
    const readValue = VALUE_READERS[header.dtype];
    const DirectView = directView(header.dtype, asFloat);
    let index = 0;
    let position = header.headerLength;
    while (index < header.valueCount) {
      const count = Math.min(header.valueCount - index, chunk.length / header.itemSize);
      const bytes = count * header.itemSize;
      if (readExactly(descriptor, chunk.subarray(0, bytes), position) !== bytes) {
        throw new DataError(`${path}: the file ended early while reading the data; it changed during the read or is truncated. Save it again.`);
      }
      if (DirectView !== undefined) {
        // The chunk's buffer starts at offset 0, so the view is aligned for any item size.
        values.set(new DirectView(chunk.buffer, 0, count), index);
      } else {
        for (let item = 0; item < count; item++) {
          const value = readValue(view, item * header.itemSize);
          if (!asFloat && (value > 2147483647 || value < -2147483648)) {
            throw new DataError(`${path}: value ${value} at flat index ${index + item} does not fit a 32-bit integer; store class indices as np.int64 or np.int32 values from 0 to the number of classes - 1.`);
          }
          values[index + item] = value;
        }
      }
      index += count;
      position += bytes;
    }
    return { header, values };
  } catch (error) {
    throw error instanceof DataError ? error : describeFsError(error, path);
  } finally {
    closeSync(descriptor);
  }
}
