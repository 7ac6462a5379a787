// Parsing of the header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0, as described in
// numpy/lib/format.py). Layout: the magic bytes \x93NUMPY, a major and a minor version byte, the
// header length (uint16 little-endian in 1.0, uint32 in 2.0 and 3.0), then the header: a Python
// dict literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28), }, padded
// with spaces and a newline. The array data follows directly.
import { DataError, formatShape } from './dataset';

/** Data types this reader decodes, in NumPy's dtype.str spelling. */
export const NPY_DTYPES = ['<f2', '<f4', '<f8', '|u1', '|i1', '<i2', '<u2', '<i4', '<u4', '<i8', '<u8', '|b1'] as const;
export type NpyDtype = (typeof NPY_DTYPES)[number];

export interface NpyHeader {
  /** Format version, such as "1.0". */
  readonly version: string;
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** Always false for headers this reader returns unless the array has at most one axis longer than 1, where both orders store the same bytes. */
  readonly fortranOrder: boolean;
  /** Bytes before the array data: magic, version, length field and header text. */
  readonly headerLength: number;
  /** Bytes per value. */
  readonly itemSize: number;
  /** Number of values, the product of the shape (1 for a 0-d array). */
  readonly valueCount: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Bytes needed to read the version and the header length field of any version. */
export const NPY_PREAMBLE_LENGTH = 12;

export function isFloatDtype(dtype: NpyDtype): boolean {
  return dtype[1] === 'f';
}

export function isIntegerDtype(dtype: NpyDtype): boolean {
  return dtype[1] === 'i' || dtype[1] === 'u';
}

export interface NpyPreamble {
  readonly major: number;
  readonly minor: number;
  /** Offset of the header text. */
  readonly textOffset: number;
  /** Length of the header text in bytes. */
  readonly textLength: number;
}

/** Parses the fixed-size start of a .npy file; `bytes` needs at least NPY_PREAMBLE_LENGTH bytes unless the file is shorter. */
export function parseNpyPreamble(bytes: Uint8Array, path: string): NpyPreamble {
  const notNpy = `${path}: not a NumPy .npy file (it does not start with \\x93NUMPY). Save the array with numpy.save(path, array).`;
  if (bytes.length < 10) {
    throw new DataError(bytes.length === 0 ? `${path}: the file is empty. Save the array with numpy.save(path, array).` : notNpy);
  }
  for (let index = 0; index < MAGIC.length; index++) {
    if (bytes[index] !== MAGIC[index]) {
      throw new DataError(notNpy);
    }
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major === 1 && minor === 0) {
    return { major, minor, textOffset: 10, textLength: view.getUint16(8, true) };
  }
  if ((major === 2 || major === 3) && minor === 0) {
    if (bytes.length < NPY_PREAMBLE_LENGTH) {
      throw new DataError(`${path}: the .npy header is truncated. Save the array again with numpy.save.`);
    }
    return { major, minor, textOffset: 12, textLength: view.getUint32(8, true) };
  }
  throw new DataError(`${path}: .npy format version ${major}.${minor} is not supported; versions 1.0, 2.0 and 3.0 are. Save the array with numpy.save from NumPy 1.x or 2.x.`);
}

type PythonValue = string | boolean | number | null | PythonValue[] | { readonly [key: string]: PythonValue };

/** A parser for the subset of Python literal syntax that .npy headers use. */
class LiteralParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly path: string,
  ) {}

  fail(reason: string): never {
    throw new DataError(`${this.path}: invalid .npy header (${reason} at character ${this.position} of ${JSON.stringify(this.text.trim())}). Save the array again with numpy.save.`);
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) {
      this.position++;
    }
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.position] ?? '';
  }

  private expect(character: string): void {
    if (this.peek() !== character) {
      this.fail(`expected "${character}"`);
    }
    this.position++;
  }

  parseTopLevel(): PythonValue {
    const value = this.parseValue();
    if (this.peek() !== '') {
      this.fail('unexpected text after the dict');
    }
    return value;
  }

  private parseValue(): PythonValue {
    const next = this.peek();
    if (next === '{') return this.parseDict();
    if (next === '(') return this.parseSequence(')');
    if (next === '[') return this.parseSequence(']');
    if (next === "'" || next === '"') return this.parseString();
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^-?\d+L?/.exec(this.text.slice(this.position))?.[0];
    if (word === undefined) {
      this.fail('expected a value');
    }
    this.position += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    if (/^-?\d+L?$/.test(word)) return Number.parseInt(word, 10);
    this.fail(`unexpected name ${word}`);
  }

  private parseString(): string {
    const quote = this.text[this.position]!;
    const end = this.text.indexOf(quote, this.position + 1);
    if (end < 0) {
      this.fail('unterminated string');
    }
    const value = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return value;
  }

  private parseSequence(close: string): PythonValue[] {
    this.position++;
    const items: PythonValue[] = [];
    while (this.peek() !== close) {
      items.push(this.parseValue());
      if (this.peek() === ',') {
        this.position++;
      } else if (this.peek() !== close) {
        this.fail(`expected "," or "${close}"`);
      }
    }
    this.position++;
    return items;
  }

  private parseDict(): { [key: string]: PythonValue } {
    this.position++;
    const entries: { [key: string]: PythonValue } = {};
    while (this.peek() !== '}') {
      if (this.peek() !== "'" && this.peek() !== '"') {
        this.fail('expected a quoted key');
      }
      const key = this.parseString();
      this.expect(':');
      entries[key] = this.parseValue();
      if (this.peek() === ',') {
        this.position++;
      } else if (this.peek() !== '}') {
        this.fail('expected "," or "}"');
      }
    }
    this.position++;
    return entries;
  }
}

const CONVERT_FIX = "convert it with np.ascontiguousarray(x).astype('<f4') (features) or .astype('<i8') (labels)";

/** Maps a descr string to one of NPY_DTYPES, or raises a DataError that names the file and the fix. */
export function normalizeDtype(descr: PythonValue, path: string): NpyDtype {
  if (typeof descr !== 'string') {
    throw new DataError(`${path}: structured arrays (dtype with named fields) are not supported; save each field as its own plain numeric array, for example np.save(path, x['field'].astype('<f4')).`);
  }
  const match = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (match === null) {
    throw new DataError(`${path}: dtype ${descr} is not supported; ${CONVERT_FIX}.`);
  }
  const [, order, kind, size] = match as unknown as [string, string, string, string];
  if (kind === 'O') {
    throw new DataError(`${path}: dtype ${descr} stores Python objects, which cannot be read outside Python; ${CONVERT_FIX}.`);
  }
  const plain = `${kind}${size}`;
  if (size === '1' && (kind === 'u' || kind === 'i' || kind === 'b')) {
    // Byte order does not apply to one-byte values.
    return `|${plain}` as NpyDtype;
  }
  const candidate = `<${plain}`;
  if (!(NPY_DTYPES as readonly string[]).includes(candidate)) {
    throw new DataError(`${path}: dtype ${descr} is not supported (supported: ${NPY_DTYPES.join(' ')}); ${CONVERT_FIX}.`);
  }
  if (order === '>') {
    throw new DataError(`${path}: dtype ${descr} is big-endian; only little-endian data is read. Save it with np.save(path, x.astype('${candidate}')).`);
  }
  if (order !== '<') {
    throw new DataError(`${path}: dtype ${descr} does not state its byte order; save it with np.save(path, x.astype('${candidate}')).`);
  }
  return candidate as NpyDtype;
}

/** Parses the header text that follows the preamble. */
export function parseNpyHeaderText(text: string, preamble: NpyPreamble, path: string): NpyHeader {
  const parser: LiteralParser = new LiteralParser(text, path);
  const header = parser.parseTopLevel();
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    parser.fail('the header is not a dict');
  }
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!(key in header)) {
      throw new DataError(`${path}: invalid .npy header: the key '${key}' is missing. Save the array again with numpy.save.`);
    }
  }

  const dtype = normalizeDtype(header['descr']!, path);
  const rawShape = header['shape'];
  if (!Array.isArray(rawShape) || !rawShape.every((size) => typeof size === 'number' && Number.isSafeInteger(size) && size >= 0)) {
    throw new DataError(`${path}: invalid .npy header: shape ${JSON.stringify(rawShape)} is not a tuple of non-negative integers. Save the array again with numpy.save.`);
  }
  const shape = rawShape as number[];
  const fortranOrder = header['fortran_order'];
  if (typeof fortranOrder !== 'boolean') {
    throw new DataError(`${path}: invalid .npy header: fortran_order is ${JSON.stringify(fortranOrder)}, not True or False. Save the array again with numpy.save.`);
  }
  // With at most one axis longer than 1, C and Fortran order store the same bytes.
  if (fortranOrder && shape.filter((size) => size > 1).length > 1) {
    throw new DataError(`${path}: the array of shape ${formatShape(shape)} is stored in Fortran (column-major) order (fortran_order: True); only C order is read. Save it with np.save(path, np.ascontiguousarray(x)).`);
  }

  let valueCount = 1;
  for (const size of shape) {
    valueCount *= size;
  }
  return {
    version: `${preamble.major}.${preamble.minor}`,
    dtype,
    shape,
    fortranOrder,
    headerLength: preamble.textOffset + preamble.textLength,
    itemSize: Number(dtype.slice(2)),
    valueCount,
  };
}
