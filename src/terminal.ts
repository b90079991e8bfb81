import type { Cluster } from './cluster.ts';
import { runKubectl } from './kubectl/index.ts';
import { curl } from './network/curl.ts';
import { parseDuration } from './sim/duration.ts';
import type { RunningProgram } from './shell/jobs.ts';
import { Shell, type ShellResult } from './shell/shell.ts';

/** One command line and what the terminal showed, at a virtual time; or what background jobs printed between lines. */
export interface TranscriptEntry {
  /** The command line; undefined for background jobs' output. */
  line?: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Both streams as the terminal showed them. */
  display?: string;
  /** Virtual time when the line was entered (or the jobs' output was looked at), epoch ms. */
  at: number;
}

/**
 * A terminal on the control-plane node: a shell whose programs are kubectl (against the
 * cluster), curl (over the cluster network) and sleep (virtual time). Every line goes into the
 * transcript the reports show, and so does what background jobs (`kubectl get pods -w &`)
 * print, between the lines, as it happens.
 */
export class Terminal {
  readonly shell: Shell;
  readonly transcript: TranscriptEntry[] = [];
  /** The edit `kubectl edit` applies to the text it would open in $EDITOR. */
  editor?: (text: string) => string;

  constructor(private readonly cluster: Cluster) {
    this.shell = new Shell(
      {
        kubectl: (argv, stdin) => {
          let running: RunningProgram | undefined;
          const r = runKubectl(cluster, argv.slice(1), { stdin, editor: this.editor, keepRunning: (p) => (running = p) });
          return { ...r, running };
        },
        curl: (argv) => curl(cluster.store, cluster.kubelet, argv),
        sleep: (argv) => {
          try {
            cluster.advance(parseDuration(argv[1] ?? '0'));
            return { stdout: '', stderr: '', exitCode: 0 };
          } catch (e) {
            return { stdout: '', stderr: `sleep: invalid time interval '${argv[1] ?? ''}'\n`, exitCode: 1 };
          }
        },
      },
      {
        // A watch in the foreground runs until the cluster is quiet, when its user would press Ctrl-C.
        foreground: (program) => {
          cluster.settle();
          return program.read();
        },
      },
    );
  }

  /** Runs a command line and records it, with what background jobs printed before and while it ran. */
  run(line: string): ShellResult {
    this.showJobs();
    const at = this.cluster.clock.now();
    const result = this.shell.run(line);
    this.transcript.push({ line, ...result, at });
    this.showJobs();
    return result;
  }

  /** Adds what background jobs printed since the last look to the transcript. */
  showJobs(): void {
    this.record(this.shell.jobs.read());
  }

  /** Closes the terminal: background jobs print their last output and stop. */
  close(): void {
    this.showJobs();
    this.record(this.shell.jobs.stopAll());
  }

  private record(text: string): void {
    if (text) this.transcript.push({ stdout: text, stderr: '', exitCode: 0, display: text, at: this.cluster.clock.now() });
  }

  /** The transcript as a terminal would show it: `$ line`, then the output. */
  text(): string {
    // Output that does not end a line (jsonpath) is followed by one, so the next prompt starts a line.
    const ended = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
    return this.transcript.map((e) => `${e.line === undefined ? '' : `$ ${e.line}\n`}${ended(e.display ?? e.stdout + e.stderr)}`).join('');
  }
}
