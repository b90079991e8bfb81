import { JobTable, type RunningProgram } from './jobs.ts';
import { parseLine, ShellSyntaxError, type ListItem, type SimpleCommand, type Word } from './parse.ts';

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** What the terminal showed, streams interleaved; stdout then stderr when a program does not say. */
  display?: string;
}

/** What a program returns; `running` when it keeps running after its first output (`kubectl get -w`). */
export type ProgramResult = ShellResult & { running?: RunningProgram };

/** A program the shell can run: argv and stdin in, a result out. */
export type Program = (argv: string[], stdin: string) => ProgramResult;

const ok = (stdout = ''): ShellResult => ({ stdout, stderr: '', exitCode: 0 });

/** How a particular shell finds programs and words its errors (bash on the node by default). */
export interface ShellOptions {
  /** Finds a program the table does not name, such as an absolute path (`/bin/ls`). */
  lookup?: (name: string) => Program | undefined;
  /** The message for a command that cannot be found, without the newline. */
  notFound?: (name: string) => string;
  /**
   * Lets a program that keeps running (`kubectl get -w`) run in the foreground until its user
   * would stop it, and returns what it printed meanwhile. Without it, such a program stops at once.
   */
  foreground?: (program: RunningProgram) => string;
  /** Sees what each item of a list printed, once it has run (a container's log is stamped so). */
  itemDone?: (result: ShellResult) => void;
}

/**
 * Runs command lines as a terminal on the control-plane node would: `kubectl`, `curl`, `sleep`
 * and a few text filters, with variables, command substitution, pipes, `&&` lists and background
 * jobs (`&`, `jobs`, `kill %1`). Programs come from the host; the text filters are built in.
 */
export class Shell {
  readonly vars = new Map<string, string>();
  /** Background jobs; their output reaches the terminal through `jobs.read()`. */
  readonly jobs = new JobTable();
  private readonly programs = new Map<string, Program>();
  /** Set by `exit`: the status the shell leaves with; the rest of the line does not run. */
  private exiting?: number;
  /** How many lines are running: 1 for a line typed, more inside `$(…)`. */
  private depth = 0;

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
    this.programs.set('jobs', () => ok(this.jobs.list()));
    this.programs.set('kill', (argv) => this.kill(argv));
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
    this.depth++;
    try {
      return this.runLine(line);
    } finally {
      this.depth--;
    }
  }

  private runLine(line: string): ShellResult {
    this.exiting = undefined;
    let items;
    try {
      items = parseLine(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `bash: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    let stdout = '', stderr = '', display = '', exitCode = 0;
    for (const item of items) {
      if (item.op === '&&' && exitCode !== 0) continue;
      if (item.op === '||' && exitCode === 0) continue;
      if (item.background) {
        display += this.startJob(item);
        exitCode = 0;
        continue;
      }
      const r = this.runPipeline(item, (program) => {
        const more = this.options.foreground?.(program) ?? '';
        program.stop();
        return more;
      });
      stdout += r.stdout;
      stderr += r.stderr;
      display += r.display;
      exitCode = r.exitCode;
      // `a; echo $?` sees a's status.
      this.vars.set('?', String(exitCode));
      // Command substitutions run lines too; only what the outer line prints is output.
      if (this.depth === 1) this.options.itemDone?.(r);
      if (this.exiting !== undefined) break;
    }
    this.vars.set('?', String(exitCode));
    return { stdout, stderr, exitCode, display };
  }

  /**
   * Runs a pipeline; a program that keeps running is handed to `keep`, which returns what it
   * printed afterwards (that output goes down the pipe too).
   */
  private runPipeline(item: ListItem, keep: (program: RunningProgram) => string): Required<ShellResult> {
    let input = '', stderr = '', display = '', exitCode = 0;
    const commands = item.pipeline.commands;
    commands.forEach((cmd, i) => {
      const r = this.runCommand(cmd, input);
      input = r.running ? r.stdout + keep(r.running) : r.stdout;
      stderr += r.stderr;
      exitCode = r.exitCode;
      // The terminal shows every program's stderr, and only the last one's stdout.
      display += i === commands.length - 1 ? (r.running ? r.display + input.slice(r.stdout.length) : r.display) : r.stderr;
    });
    return { stdout: input, stderr, exitCode, display };
  }

  /** Starts a background job: bash's `[1] 1001` line; the job's output comes through `jobs.read()`. */
  private startJob(item: ListItem): string {
    const [first, ...rest] = item.pipeline.commands;
    // Each piece of the first program's output goes through the rest of the pipeline as it comes.
    const filter = (text: string) => rest.reduce((input, cmd) => this.runCommand(cmd, input).stdout, text);
    const r = this.runCommand(first, '');
    // A program that does not keep running has finished: the job is done, its output shows at the next look.
    return this.jobs.start(item.source, r.stderr + filter(r.stdout), filter, r.running, rest.length ? 0 : r.exitCode);
  }

  /** kill [-SIGNAL | -s SIGNAL] %job|pid … */
  private kill(argv: string[]): ShellResult {
    let signal = 'TERM';
    const targets: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === '-s' || a === '-n') signal = argv[++i] ?? signal;
      else if (/^-\w+$/.test(a)) signal = a.slice(1);
      else targets.push(a);
    }
    if (targets.length === 0) {
      return { stdout: '', stderr: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n', exitCode: 2 };
    }
    let stderr = '';
    for (const t of targets) {
      const job = this.jobs.find(t);
      if (job) this.jobs.kill(job, signal.toUpperCase());
      else stderr += t.startsWith('%') ? `bash: kill: ${t}: no such job\n` : /^\d+$/.test(t) ? `bash: kill: (${t}) - No such process\n` : `bash: kill: ${t}: arguments must be process or job IDs\n`;
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  }

  private runCommand(cmd: SimpleCommand, stdin: string): Required<ShellResult> & { running?: RunningProgram } {
    let stderr = '';
    const expand = (w: Word) => {
      const r = this.expandWord(w);
      stderr += r.stderr;
      return r.fields;
    };
    if (cmd.words.length === 0) {
      for (const a of cmd.assignments) this.vars.set(a.name, expand(a.value).join(' '));
      return { stdout: '', stderr, exitCode: 0, display: stderr };
    }
    const argv = cmd.words.flatMap(expand);
    if (argv.length === 0) return { stdout: '', stderr, exitCode: 0, display: stderr };
    const program = this.program(argv[0]);
    if (!program) {
      const message = this.options.notFound?.(argv[0]) ?? `bash: ${argv[0]}: command not found`;
      return { stdout: '', stderr: `${stderr}${message}\n`, exitCode: 127, display: `${stderr}${message}\n` };
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
