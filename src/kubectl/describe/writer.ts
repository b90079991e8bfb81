import { DESCRIBE, TabWriter } from '../tabwriter.ts';

/**
 * describe.go's PrefixWriter over one tabwriter (tabbedString: minwidth 0, tabwidth 8, padding 2):
 * `write(level, text)` prefixes two spaces per level, the prefix belonging to the first cell;
 * `flush()` ends every column block, as DescribeEvents does before its table.
 */
export class DescribeWriter {
  private readonly tab = new TabWriter(DESCRIBE);
  private done = '';

  /**
   * `raw`: NewPrefixWriter over a plain buffer, no tabwriter, so tabs stay tabs (what `rollout
   * history --revision` prints, polymorphichelpers/history.go printTemplate).
   */
  constructor(private readonly raw = false) {}

  /** PrefixWriter.Write: the caller formats; `text` carries its own tabs and newline. */
  write(level: number, text: string): void {
    this.put(escapeTerminal('  '.repeat(level) + text));
  }

  /** PrefixWriter.WriteLine: one line, no indentation. */
  line(text: string): void {
    this.put(escapeTerminal(`${text}\n`));
  }

  private put(text: string): void {
    if (this.raw) this.done += text;
    else this.tab.write(text);
  }

  /** Ends the current column blocks. */
  flush(): void {
    this.done += this.tab.flush();
  }

  /** Everything written, laid out. */
  text(): string {
    this.flush();
    return this.done;
  }
}

/**
 * printers.WriteEscaped (cli-runtime pkg/printers/terminal.go EscapeTerminal): ESC and CR in
 * object data cannot move the user's cursor; they print as `^[` and `\\r`.
 */
function escapeTerminal(text: string): string {
  return text.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** The indentation levels describe.go names LEVEL_0 … LEVEL_4. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
