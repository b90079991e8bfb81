import { parseLine, ShellSyntaxError, type SimpleCommand, type Word } from './parse.ts';

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** What the terminal showed, streams interleaved; stdout then stderr when a program does not say. */
  display?: string;
}

/** A program the shell can run: argv and stdin in, a result out. */
export type Program = (argv: string[], stdin: string) => ShellResult;

const ok = (stdout = ''): ShellResult => ({ stdout, stderr: '', exitCode: 0 });

/** How a particular shell finds programs and words its errors (bash on the node by default). */
export interface ShellOptions {
  /** Finds a program the table does not name, such as an absolute path (`/bin/ls`). */
  lookup?: (name: string) => Program | undefined;
  /** The message for a command that cannot be found, without the newline. */
  notFound?: (name: string) => string;
}

/**
 * Runs command lines as a terminal on the control-plane node would: `kubectl`, `curl`, `sleep`
 * and a few text filters, with variables, command substitution, pipes and `&&` lists. Programs
 * come from the host; the text filters are built in.
 */
export class Shell {
  readonly vars = new Map<string, string>();
  private readonly programs = new Map<string, Program>();
  /** Set by `exit`: the status the shell leaves with; the rest of the line does not run. */
  private exiting?: number;

  constructor(programs: Record<string, Program>, private readonly options: ShellOptions = {}) {
    for (const [name, p] of Object.entries(programs)) this.programs.set(name, p);
    this.programs.set('echo', (argv) => {
      const noNewline = argv[1] === '-n';
      const text = argv.slice(noNewline ? 2 : 1).join(' ');
      return ok(noNewline ? text : `${text}\n`);
    });
    this.programs.set('true', () => ok());
    this.programs.set('false', () => ({ stdout: '', stderr: '', exitCode: 1 }));
    this.programs.set('export', () => ok());
    this.programs.set('exit', (argv) => {
      this.exiting = argv[1] === undefined ? Number(this.vars.get('?') ?? 0) : Number(argv[1]) & 255;
      return { stdout: '', stderr: '', exitCode: this.exiting };
    });
    this.programs.set('grep', grep);
    this.programs.set('head', (argv, stdin) => ok(takeLines(stdin, countArg(argv, 10), 'head')));
    this.programs.set('tail', (argv, stdin) => ok(takeLines(stdin, countArg(argv, 10), 'tail')));
    this.programs.set('wc', (argv, stdin) => ok(`${argv.includes('-l') ? lines(stdin).length : stdin.split(/\s+/).filter(Boolean).length}\n`));
    this.programs.set('sort', (_argv, stdin) => ok(lines(stdin).sort().map((l) => `${l}\n`).join('')));
    this.programs.set('awk', awkPrint);
  }

  /** The program a command name runs, built-in or the host's, if there is one. */
  program(name: string): Program | undefined {
    return this.programs.get(name) ?? this.options.lookup?.(name);
  }

  /** Whether the last line ran `exit`. */
  get exited(): boolean {
    return this.exiting !== undefined;
  }

  /** Runs one line; the result of the last pipeline wins, output accumulates. */
  run(line: string): ShellResult {
    this.exiting = undefined;
    let items;
    try {
      items = parseLine(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `bash: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    let stdout = '', stderr = '', exitCode = 0;
    for (const item of items) {
      if (item.op === '&&' && exitCode !== 0) continue;
      if (item.op === '||' && exitCode === 0) continue;
      let input = '';
      for (const cmd of item.pipeline.commands) {
        const r = this.runCommand(cmd, input);
        stderr += r.stderr;
        input = r.stdout;
        exitCode = r.exitCode;
      }
      stdout += input;
      if (this.exiting !== undefined) break;
    }
    this.vars.set('?', String(exitCode));
    return { stdout, stderr, exitCode };
  }

  private runCommand(cmd: SimpleCommand, stdin: string): ShellResult {
    let stderr = '';
    const expand = (w: Word) => {
      const r = this.expandWord(w);
      stderr += r.stderr;
      return r.fields;
    };
    if (cmd.words.length === 0) {
      for (const a of cmd.assignments) this.vars.set(a.name, expand(a.value).join(' '));
      return { stdout: '', stderr, exitCode: 0 };
    }
    const argv = cmd.words.flatMap(expand);
    if (argv.length === 0) return { stdout: '', stderr, exitCode: 0 };
    const program = this.program(argv[0]);
    if (!program) {
      const message = this.options.notFound?.(argv[0]) ?? `bash: ${argv[0]}: command not found`;
      return { stdout: '', stderr: `${stderr}${message}\n`, exitCode: 127 };
    }
    const r = program(argv, stdin);
    return { ...r, stderr: stderr + r.stderr, display: stderr + (r.display ?? r.stdout + r.stderr) };
  }

  /** Expands a word into fields: quoted parts stay whole, unquoted expansions split on spaces. */
  private expandWord(w: Word): { fields: string[]; stderr: string } {
    const fields: string[] = [];
    let current = '';
    let started = false;
    let stderr = '';
    for (const p of w.parts) {
      if (p.kind === 'text') {
        current += p.text;
        started = true;
        continue;
      }
      let value: string;
      if (p.kind === 'var') value = this.vars.get(p.name) ?? '';
      else {
        // `$(exit 1)` leaves only the subshell.
        const r = this.run(p.source);
        this.exiting = undefined;
        stderr += r.stderr;
        value = r.stdout.replace(/\n+$/, '');
      }
      if (p.quoted) {
        current += value;
        started = true;
        continue;
      }
      const pieces = value.split(/\s+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (started || current) fields.push(current);
          current = '';
          started = false;
        }
        if (piece) {
          current += piece;
          started = true;
        }
      });
    }
    if (started || current) fields.push(current);
    return { fields, stderr };
  }
}

function lines(text: string): string[] {
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function countArg(argv: string[], fallback: number): number {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-n') return Number(argv[i + 1]);
    const m = /^-n?(\d+)$/.exec(argv[i]);
    if (m) return Number(m[1]);
  }
  return fallback;
}

function takeLines(stdin: string, n: number, which: 'head' | 'tail'): string {
  const ls = lines(stdin);
  const picked = which === 'head' ? ls.slice(0, n) : ls.slice(Math.max(0, ls.length - n));
  return picked.map((l) => `${l}\n`).join('');
}

function grep(argv: string[], stdin: string): ShellResult {
  const opts = argv.slice(1).filter((a) => a.startsWith('-'));
  const pattern = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  const flags = opts.join('');
  const re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
  const matched = lines(stdin).filter((l) => re.test(l) !== flags.includes('v'));
  if (flags.includes('c')) return { stdout: `${matched.length}\n`, stderr: '', exitCode: matched.length ? 0 : 1 };
  return { stdout: matched.map((l) => `${l}\n`).join(''), stderr: '', exitCode: matched.length ? 0 : 1 };
}

/** awk '{print $N}' — the one awk program such transcripts use. */
function awkPrint(argv: string[], stdin: string): ShellResult {
  const m = /^\{\s*print\s+((?:\$\d+\s*,?\s*)+)\}$/.exec((argv[1] ?? '').trim());
  if (!m) return { stdout: '', stderr: `awk: unsupported program ${argv[1] ?? ''}\n`, exitCode: 2 };
  const cols = [...m[1].matchAll(/\$(\d+)/g)].map((x) => Number(x[1]));
  const out = lines(stdin).map((l) => {
    const f = l.trim().split(/\s+/);
    return cols.map((c) => (c === 0 ? l : (f[c - 1] ?? ''))).join(' ');
  });
  return { stdout: out.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
