/**
 * Background jobs, as an interactive bash keeps them: `cmd &` prints `[1] 1001` and the job's
 * output reaches the terminal as it is produced; `jobs` lists them; `kill %1` stops one, and the
 * shell reports `[1]+  Terminated              cmd` before the next prompt.
 */

/** A program still running after it returned (a `kubectl get -w`): it prints more as the world changes. */
export interface RunningProgram {
  /** What it printed since the last read. */
  read(): string;
  /** Stops it, as a signal would. */
  stop(): void;
}

/** One background job. */
export interface Job {
  readonly id: number;
  readonly pid: number;
  /** The command as typed, without the `&`. */
  readonly command: string;
  /** Everything it printed so far (what reached the terminal). */
  output: string;
}

interface Entry extends Job {
  program?: RunningProgram;
  /** Turns the program's output into what reaches the terminal (the rest of a pipeline). */
  filter: (text: string) => string;
  /** Output not yet shown. */
  pending: string;
  /** Set once it ended: bash's word for how (`Done`, `Terminated`, `Exit 1`). */
  ended?: string;
}

/** Pids count up from here, so transcripts are the same on every run. */
const FIRST_PID = 1001;

/** bash's words for how a signal ended a job. */
const SIGNALS: Record<string, string> = { TERM: 'Terminated', '15': 'Terminated', KILL: 'Killed', '9': 'Killed', INT: 'Interrupt', '2': 'Interrupt', HUP: 'Hangup', '1': 'Hangup' };

export class JobTable {
  private readonly entries: Entry[] = [];
  private nextPid = FIRST_PID;
  /** The job started last, kept after it ends so its output can still be read. */
  latest?: Job;

  /**
   * Adds a job whose first output (already filtered) is `shown`; returns bash's `[1] 1001` line.
   * A job without a running program has already finished: `Done` is shown at the next look.
   */
  start(command: string, shown: string, filter: (text: string) => string, program?: RunningProgram, exitCode = 0): string {
    const id = Math.max(0, ...this.entries.map((e) => e.id)) + 1;
    const entry: Entry = { id, pid: this.nextPid++, command, output: shown, pending: shown, program, filter };
    this.entries.push(entry);
    this.latest = entry;
    if (!program) entry.ended = exitCode === 0 ? 'Done' : `Exit ${exitCode}`;
    return `[${id}] ${entry.pid}\n`;
  }

  /** What the jobs printed since the last look, then bash's notices of those that ended (which leave the table). */
  read(): string {
    let text = '';
    for (const e of this.entries) {
      if (e.program && !e.ended) this.emit(e, e.program.read());
      text += e.pending;
      e.pending = '';
    }
    for (const e of this.entries.filter((x) => x.ended)) {
      text += `${this.describe(e, e.ended!)}\n`;
      this.entries.splice(this.entries.indexOf(e), 1);
    }
    return text;
  }

  /** Stops every job without notices (the terminal closes); returns what they printed last. */
  stopAll(): string {
    let text = '';
    for (const e of this.entries) {
      if (e.program && !e.ended) {
        this.emit(e, e.program.read());
        e.program.stop();
      }
      text += e.pending;
    }
    this.entries.length = 0;
    return text;
  }

  /** The job a spec names: `%1`, `%%`, `%+`, `%-`, `%kubectl` (a command prefix), or a pid. */
  find(spec: string): Job | undefined {
    const live = this.entries.filter((e) => !e.ended);
    if (spec === '%%' || spec === '%+' || spec === '%') return live.at(-1);
    if (spec === '%-') return live.at(-2);
    if (/^%\d+$/.test(spec)) return live.find((e) => e.id === Number(spec.slice(1)));
    if (spec.startsWith('%')) return live.find((e) => e.command.startsWith(spec.slice(1)));
    if (/^\d+$/.test(spec)) return live.find((e) => e.pid === Number(spec));
    return undefined;
  }

  /** Ends a job with a signal (`TERM`, `9`, `INT` …): what it printed until now stays; the notice comes at the next look. */
  kill(job: Job, signal = 'TERM'): void {
    const e = job as Entry;
    if (e.program) {
      this.emit(e, e.program.read());
      e.program.stop();
    }
    e.ended = SIGNALS[signal.replace(/^SIG/, '')] ?? 'Terminated';
  }

  /** `jobs`: one line per job still running. */
  list(): string {
    return this.entries.filter((e) => !e.ended).map((e) => `${this.describe(e, 'Running')} &\n`).join('');
  }

  private emit(e: Entry, text: string): void {
    if (!text) return;
    const shown = e.filter(text);
    e.output += shown;
    e.pending += shown;
  }

  /** `[1]+  Running                 cmd`: bash pads the state to 22 columns; `+` marks the current job, `-` the previous. */
  private describe(e: Entry, state: string): string {
    const i = this.entries.indexOf(e);
    const mark = i === this.entries.length - 1 ? '+' : i === this.entries.length - 2 ? '-' : ' ';
    return `[${e.id}]${mark}  ${state.padEnd(22)}  ${e.command}`;
  }
}
