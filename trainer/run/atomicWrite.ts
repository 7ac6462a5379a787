// Writes a file so that readers see either the old or the new content, never a torn one.
import { renameSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
