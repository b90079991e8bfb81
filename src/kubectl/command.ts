import type { KubectlContext, KubectlIO } from './context.ts';
import type { FlagSpec, Flags } from './flags.ts';

/** Where a command writes. */
export class Output {
  private stdoutText = '';
  private stderrText = '';
  private both = '';

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Both streams in the order they were written, as a terminal shows them. */
  get combined(): string {
    return this.both;
  }

  /** Writes a line (adding the newline if missing) to stdout. */
  out(text: string): void {
    this.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  }

  /** Writes text to stdout as is. */
  write(text: string): void {
    this.stdoutText += text;
    this.both += text;
  }

  /** Writes text to stderr as is. */
  writeErr(text: string): void {
    this.stderrText += text;
    this.both += text;
  }

  /** Writes a line to stderr. */
  err(text: string): void {
    const line = text.endsWith('\n') || text === '' ? text : `${text}\n`;
    this.stderrText += line;
    this.both += line;
  }
}

/** What a verb receives: the cluster, its arguments, the namespace in effect, and the terminal. */
export interface Invocation {
  ctx: KubectlContext;
  args: string[];
  /** Arguments after `--` (exec). */
  rest: string[];
  flags: Flags;
  namespace: string;
  /** Whether -n was given explicitly. */
  explicitNamespace: boolean;
  io: KubectlIO;
  output: Output;
}

/** A kubectl verb: its flags and what it does; returns the exit code. */
export interface Command {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  /** Subcommands (`rollout status`, `create secret`), chosen by the first argument. */
  subcommands?: Command[];
  run?(inv: Invocation): number;
}

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
];

/** -f/--filename and friends, shared by the verbs that take manifests. */
export const FILENAME_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
];
