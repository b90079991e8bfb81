import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Cluster } from './cluster.ts';
import { tutorialCluster } from './cluster-config.ts';
import { Terminal } from './terminal.ts';

/** Where the CLI reads and writes; process streams in production, strings in tests. */
export interface CliIO {
  write(text: string): void;
  error(text: string): void;
  /** All of standard input (for `play -`). */
  readStdin(): Promise<string>;
  /** Folder relative paths are resolved against. */
  cwd: string;
}

const USAGE = `Usage: kubespec play FILE|- [--seed SEED]

  play    Replays a transcript of command lines (kubectl, curl, sleep …) against a fresh
          tutorial cluster and prints what a terminal shows. Manifests are read from the
          transcript's folder; '#' lines and blank lines are skipped; a line ending in '\\'
          continues on the next.
`;

/**
 * The command line: `kubespec play FILE` or `kubespec play -` (stdin). Returns the exit status:
 * 0 once the transcript was played (whatever its commands returned), 1 when it cannot be read,
 * 2 for a usage error.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'play') {
    io.error(`kubespec: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  let file: string | undefined;
  let seed: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--seed') seed = rest[++i];
    else if (a.startsWith('--seed=')) seed = a.slice('--seed='.length);
    else if (a !== '-' && a.startsWith('-')) {
      io.error(`kubespec: unknown flag: ${a}\n`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      io.error('kubespec play: one transcript at a time\n');
      return 2;
    }
  }
  if (file === undefined || seed === '') {
    io.error(USAGE);
    return 2;
  }
  let text: string;
  let cwd = io.cwd;
  if (file === '-') text = await io.readStdin();
  else {
    const path = resolve(io.cwd, file);
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      io.error(`kubespec: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
      return 1;
    }
    cwd = dirname(path);
  }
  play(text, { cwd, seed }, io.write);
  return 0;
}

/** Options of a replay. */
export interface PlayOptions {
  /** Folder manifests are read from. */
  cwd: string;
  /** Seed of the cluster's random source (names, IPs); the tutorial cluster's by default. */
  seed?: string;
}

/**
 * Plays a transcript against a fresh tutorial cluster, writing each line as `$ line` followed by
 * what it printed, as the terminal's transcript shows it. The cluster settles after every line, as if the user
 * waited for things to calm down before typing the next; `sleep N` lets N seconds pass.
 */
export function play(text: string, options: PlayOptions, write: (text: string) => void): void {
  const cluster = new Cluster(tutorialCluster({ cwd: options.cwd, ...(options.seed !== undefined ? { seed: options.seed } : {}) }));
  const terminal = new Terminal(cluster);
  // The terminal renders its transcript (streams interleaved as they were written); print what each line adds.
  let shown = 0;
  for (const line of commandLines(text)) {
    terminal.run(line);
    const all = terminal.text();
    write(all.slice(shown));
    shown = all.length;
    cluster.settle();
  }
  // Background jobs (`kubectl get pods -w &`) print what the last line set off, then stop.
  terminal.close();
  write(terminal.text().slice(shown));
}

/** The command lines of a transcript: continuations joined, comments and blank lines dropped. */
export function commandLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    if (!pending && (raw.trim() === '' || raw.trimStart().startsWith('#'))) continue;
    // A continuation's indentation is layout, not part of the command.
    const part = pending ? raw.trimStart() : raw;
    if (part.endsWith('\\')) {
      pending += part.slice(0, -1);
      continue;
    }
    const line = (pending + part).trim();
    pending = '';
    if (line) out.push(line);
  }
  if (pending.trim()) out.push(pending.trim());
  return out;
}
