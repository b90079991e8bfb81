import type { Cluster } from './cluster.ts';
import { runKubectl } from './kubectl/index.ts';
import { curl } from './network/curl.ts';
import { parseDuration } from './sim/duration.ts';
import { Shell, type ShellResult } from './shell/shell.ts';

/** One command line and what the terminal showed, at a virtual time. */
export interface TranscriptEntry {
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Both streams as the terminal showed them. */
  display?: string;
  /** Virtual time when the line was entered, epoch ms. */
  at: number;
}

/**
 * A terminal on the control-plane node: a shell whose programs are kubectl (against the
 * cluster), curl (over the cluster network) and sleep (virtual time). Every line goes into the
 * transcript the reports show.
 */
export class Terminal {
  readonly shell: Shell;
  readonly transcript: TranscriptEntry[] = [];
  /** The edit `kubectl edit` applies to the text it would open in $EDITOR. */
  editor?: (text: string) => string;

  constructor(private readonly cluster: Cluster) {
    this.shell = new Shell({
      kubectl: (argv, stdin) => runKubectl(cluster, argv.slice(1), { stdin, editor: this.editor }),
      curl: (argv) => curl(cluster.store, cluster.kubelet, argv),
      sleep: (argv) => {
        try {
          cluster.advance(parseDuration(argv[1] ?? '0'));
          return { stdout: '', stderr: '', exitCode: 0 };
        } catch (e) {
          return { stdout: '', stderr: `sleep: invalid time interval '${argv[1] ?? ''}'\n`, exitCode: 1 };
        }
      },
    });
  }

  /** Runs a command line and records it. */
  run(line: string): ShellResult {
    const at = this.cluster.clock.now();
    const result = this.shell.run(line);
    this.transcript.push({ line, ...result, at });
    return result;
  }

  /** The transcript as a terminal would show it: `$ line`, then the output. */
  text(): string {
    // Output that does not end a line (jsonpath) is followed by one, so the next prompt starts a line.
    const ended = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
    return this.transcript.map((e) => `$ ${e.line}\n${ended(e.display ?? e.stdout + e.stderr)}`).join('');
  }
}
