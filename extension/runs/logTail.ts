// The last lines of a text file, for the message of a failed run.
import { open } from 'node:fs/promises';

/** Returns up to `count` last non-empty lines of the file's final `maxBytes` bytes; [] when it cannot be read. */
export async function readLastLines(path: string, count: number, maxBytes = 16 * 1024): Promise<string[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    if (start > 0) lines.shift(); // the first line may begin mid-line
    return lines.filter((line) => line.trim() !== '').slice(-count);
  } catch {
    return [];
  } finally {
    await handle.close();
  }
}
