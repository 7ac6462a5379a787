// Line handling for the trainer's stdout and stderr: splitting a byte stream into lines and
// keeping the last few for error messages.

/** Keeps the last `capacity` lines, each cut to `maxLineLength` characters. */
export class LastLines {
  private readonly lines: string[] = [];

  constructor(
    private readonly capacity: number,
    private readonly maxLineLength = 1000,
  ) {}

  push(line: string): void {
    const cut = line.length > this.maxLineLength ? `${line.slice(0, this.maxLineLength)}…` : line;
    this.lines.push(cut);
    if (this.lines.length > this.capacity) {
      this.lines.shift();
    }
  }

  toArray(): string[] {
    return [...this.lines];
  }
}

/** Splits text chunks into lines; a chunk may end inside a line. Carriage returns are dropped. */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  write(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) {
      this.onLine(part.replace(/\r$/, ''));
    }
  }

  /** Emits the text after the last newline, if any. */
  end(): void {
    if (this.partial !== '') {
      this.onLine(this.partial.replace(/\r$/, ''));
      this.partial = '';
    }
  }
}
