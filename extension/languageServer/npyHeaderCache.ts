// .npy headers read for the data file checks, cached per file and reused while the file's
// modification time and size stay the same.
import { statSync } from 'node:fs';
import { readNpyHeaderResult, type NpyHeaderResult } from '../../trainer/config/dataFileChecks';

interface CacheEntry {
  readonly modifiedMs: number;
  readonly size: number;
  readonly result: NpyHeaderResult;
}

export class NpyHeaderCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readCount = 0;

  /** Number of headers read from disk so far, for logs and tests. */
  get reads(): number {
    return this.readCount;
  }

  /** Returns the header of the file at an absolute path, reading it when it is new or changed. */
  readonly read = (absolutePath: string): NpyHeaderResult => {
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    if (stats === undefined) {
      this.entries.delete(absolutePath);
      return readNpyHeaderResult(absolutePath);
    }
    const cached = this.entries.get(absolutePath);
    if (cached !== undefined && cached.modifiedMs === stats.mtimeMs && cached.size === stats.size) {
      return cached.result;
    }
    this.readCount++;
    const result = readNpyHeaderResult(absolutePath);
    this.entries.set(absolutePath, { modifiedMs: stats.mtimeMs, size: stats.size, result });
    return result;
  };

  /** Drops the entries of changed files, so the next read goes to disk even when mtime and size did not change. */
  invalidate(absolutePaths: Iterable<string>): void {
    for (const path of absolutePaths) {
      this.entries.delete(path);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
