/**
 * A port of Go's text/tabwriter (the column layout behind every kubectl table and `describe`):
 * cells are tab-terminated, the text after a line's last tab belongs to no column, and a column's
 * width is set per block of consecutive lines that have a cell in it. Only the left-aligned,
 * space-padded mode kubectl uses is implemented, plus RememberWidths (cli-runtime's fork), which
 * keeps widths across flushes so a `get -w` stream stays aligned.
 */
export interface TabWriterOptions {
  minWidth: number;
  tabWidth: number;
  padding: number;
  rememberWidths?: boolean;
}

/** kubectl get's table writer (cli-runtime printers/tabwriter.go). */
export const GET_TABLE: TabWriterOptions = { minWidth: 6, tabWidth: 4, padding: 3, rememberWidths: true };
/** kubectl describe's writer (describe.go tabbedString). */
export const DESCRIBE: TabWriterOptions = { minWidth: 0, tabWidth: 8, padding: 2 };

export class TabWriter {
  private text = '';
  private remembered: number[] = [];

  constructor(private readonly options: TabWriterOptions) {}

  write(text: string): void {
    this.text += text;
  }

  /** Lays out what was written since the last flush and returns it. */
  flush(): string {
    const text = this.text;
    this.text = '';
    if (!text) return '';
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    const out: string[] = [];
    const widths: number[] = [];
    const format = (line0: number, line1: number): void => {
      const column = widths.length;
      let start = line0;
      for (let i = line0; i < line1; i++) {
        if (column >= lines[i].length - 1) continue;
        writeLines(start, i);
        start = i;
        let width = this.options.minWidth;
        let j = i;
        for (; j < line1; j++) {
          const line = lines[j];
          if (column >= line.length - 1) break;
          width = Math.max(width, runeWidth(line[column]) + this.options.padding);
        }
        if (this.options.rememberWidths && column < this.remembered.length) width = Math.max(width, this.remembered[column]);
        if (this.options.rememberWidths) this.remembered[column] = width;
        widths.push(width);
        format(start, j);
        widths.pop();
        start = j;
        i = j - 1;
      }
      writeLines(start, line1);
    };
    const writeLines = (line0: number, line1: number): void => {
      for (let i = line0; i < line1; i++) {
        let s = '';
        lines[i].forEach((cell, j) => {
          s += cell;
          if (j < widths.length && j < lines[i].length - 1) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(cell)));
        });
        out.push(s);
      }
    };
    format(0, lines.length);
    return out.join('\n') + (endsWithNewline ? '\n' : '');
  }
}

/** Display width: code points, as Go's utf8.RuneCount (kubectl does not special-case wide runes). */
function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Lays out text in one go. */
export function tabulate(text: string, options: TabWriterOptions): string {
  const w = new TabWriter(options);
  w.write(text);
  return w.flush();
}
