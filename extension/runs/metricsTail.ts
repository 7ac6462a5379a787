// Incremental reader of a run's metrics.jsonl. It reads only the bytes appended since the last
// read, keeps a partial last line until its newline arrives, starts over when the file shrank
// (truncated or replaced), and skips lines that are not valid records with a reason.
import { open } from 'node:fs/promises';
import type { MetricsRecord } from '../../trainer/contract/records';
import { checkMetricsRecord } from './recordGuards';

export interface TailRead {
  readonly records: MetricsRecord[];
  /** Skipped lines, each naming its line number and the reason. */
  readonly problems: string[];
  /** The file was shorter than what was already read, so reading restarted at its first byte. */
  readonly restarted: boolean;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 4 * 1024 * 1024;

export class MetricsTail {
  /** Bytes read so far, including those of the partial last line. */
  private offset = 0;
  private partial: Buffer = Buffer.alloc(0);
  private lineNumber = 0;

  constructor(readonly path: string) {}

  /** Byte offset just after the last complete line read. */
  get position(): number {
    return this.offset - this.partial.length;
  }

  /** Length of a last line that has no newline yet; nonzero at the end of a crashed run. */
  get partialLineBytes(): number {
    return this.partial.length;
  }

  /**
   * Reads what was appended since the last call, up to `endOffset` bytes from the start of the
   * file when given. A missing file reads as empty.
   */
  async read(endOffset?: number): Promise<TailRead> {
    const records: MetricsRecord[] = [];
    const problems: string[] = [];
    let restarted = false;
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records, problems, restarted };
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < this.offset) {
        this.offset = 0;
        this.partial = Buffer.alloc(0);
        this.lineNumber = 0;
        restarted = true;
      }
      const end = endOffset === undefined ? size : Math.min(size, endOffset);
      while (this.offset < end) {
        const length = Math.min(CHUNK_BYTES, end - this.offset);
        const chunk = Buffer.alloc(length);
        const { bytesRead } = await handle.read(chunk, 0, length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        this.consume(chunk.subarray(0, bytesRead), records, problems);
      }
    } finally {
      await handle.close();
    }
    return { records, problems, restarted };
  }

  private consume(chunk: Buffer, records: MetricsRecord[], problems: string[]): void {
    let data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk;
    let start = 0;
    let newline = data.indexOf(NEWLINE, start);
    while (newline !== -1) {
      this.lineNumber += 1;
      this.parseLine(data.toString('utf8', start, newline), records, problems);
      start = newline + 1;
      newline = data.indexOf(NEWLINE, start);
    }
    data = data.subarray(start);
    // Copy so the retained partial line does not pin the whole chunk in memory.
    this.partial = Buffer.from(data);
  }

  private parseLine(line: string, records: MetricsRecord[], problems: string[]): void {
    const text = line.trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push(`line ${this.lineNumber}: invalid JSON (${(error as Error).message}); skipped`);
      return;
    }
    const problem = checkMetricsRecord(value);
    if (problem !== undefined) {
      problems.push(`line ${this.lineNumber}: ${problem}; skipped`);
      return;
    }
    records.push(value as MetricsRecord);
  }
}

/** Reads every complete record of a metrics.jsonl, up to `endOffset` bytes when given. */
export async function readMetricsFile(path: string, endOffset?: number): Promise<TailRead & { readonly partialLineBytes: number }> {
  const tail = new MetricsTail(path);
  const result = await tail.read(endOffset);
  return { ...result, partialLineBytes: tail.partialLineBytes };
}
