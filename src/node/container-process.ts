import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parseLine, ShellSyntaxError } from '../shell/parse.ts';
import type { ShellResult } from '../shell/shell.ts';
import { Clock } from '../sim/clock.ts';
import type { Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import { containerShell, findExecutable, isSimpleCommand, openSession, runTool, SHELL_BUILTINS, shellFlavour, type ExecHost, type Session } from './container-exec.ts';
import type { ContainerState } from './container-runtime.ts';
import type { ImageExit } from './image-catalogue.ts';
import type { Kubelet } from './kubelet.ts';

/** One line a container wrote, as the runtime's log file keeps it (CRI logging format). */
export interface LogLine {
  /** Virtual time it was written, epoch ms. */
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
  /** False for a last line written without a newline (a CRI partial line). */
  newline: boolean;
}

/**
 * What a container's main process will do, worked out when it starts: what it writes and when,
 * and when and how it ends. No `exit`: it runs until it is stopped.
 */
export interface RunPlan {
  output: LogLine[];
  exit?: { at: number; code: number };
  /** The runtime could not start it (runc's message): the container ends at once with 128, StartError. */
  startError?: string;
}

/** Thrown by a program that will not end by itself (`sleep infinity`, a daemon). */
class RunsForever extends Error {}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

/** Words a script may use that the simulated shell does not run (loops, conditionals, redirections' friends). */
const UNSUPPORTED_WORDS = new Set(['while', 'until', 'for', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'function', '{', '}', '(', ')', '[[', '!', 'exec', 'trap', 'wait', 'read', 'cd', 'set', 'source', '.', 'eval', 'shift', 'local', 'return', 'break', 'continue']);

/**
 * Plans a container's run: with no command, the image's own process (the catalogue's `exit`);
 * with one, the program it names, run in virtual time: a shell's `-c` script through the
 * simulated shell (each list item's output stamped when it finishes, `sleep` moving the clock),
 * a base-image tool, or one of the image's catalogue programs. Commands the simulation cannot
 * follow honestly run until stopped: scripts with loops, conditionals or redirections, and
 * programs of images the catalogue does not know. A program missing from a known image cannot
 * start (runc's "executable file not found"); inside a script it is the shell's "not found", 127.
 * `run` counts earlier runs of this container (for the catalogue's failTimes).
 */
export function planProcess(kubelet: Kubelet, store: Store, pod: Stored<Pod>, spec: Container, state: ContainerState, run: number): RunPlan {
  const start = state.startedAt ?? 0;
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  if (argv.length === 0) return imageProcess(kubelet.images.lookup(state.image).exit, start, run);
  const clock = new Clock(start);
  const output: LogLine[] = [];
  const emit = (r: ShellResult) => {
    appendLines(output, clock.now(), 'stdout', r.stdout);
    appendLines(output, clock.now(), 'stderr', r.stderr);
  };
  const host: ExecHost = {
    kubelet,
    store,
    clock,
    wait: (ms) => clock.advanceTo(clock.now() + ms),
    runsForever: () => {
      throw new RunsForever();
    },
  };
  const session = openSession(host, pod, spec, state, false);
  const known = kubelet.images.knows(state.image);
  try {
    const path = findExecutable(session, argv[0]);
    if (!path) return known ? { output, startError: notFoundError(argv[0]) } : { output };
    const tool = path.slice(path.lastIndexOf('/') + 1);
    if (SHELLS.has(tool)) {
      const c = argv.indexOf('-c');
      // Without -c the shell reads its stdin, which is empty: it exits at once.
      const script = c >= 0 ? (argv[c + 1] ?? '') : '';
      if (!simulable(session, script, known)) return { output };
      const code = runScript(session, shellFlavour(session, argv[0]), script, emit);
      return { output, exit: { at: clock.now(), code } };
    }
    const r = runTool(session, tool, argv, '');
    emit(r);
    return { output, exit: { at: clock.now(), code: r.exitCode } };
  } catch (e) {
    if (e instanceof RunsForever) return { output };
    throw e;
  }
}

/** The catalogue's `exit` for the image's own process; none: it runs until stopped. */
function imageProcess(exit: ImageExit | undefined, start: number, run: number): RunPlan {
  if (!exit) return { output: [] };
  const failing = exit.failTimes !== undefined && run < exit.failTimes;
  const code = failing ? (exit.code === 0 ? 1 : exit.code) : exit.code;
  const output: LogLine[] = [];
  appendLines(output, start, 'stdout', exit.stdout ?? '');
  return { output, exit: { at: start + exit.after * 1000, code } };
}

/** Runs a script line by line as the image's shell; returns its exit status. */
function runScript(session: Session, flavour: ReturnType<typeof shellFlavour>, script: string, emit: (r: ShellResult) => void): number {
  const shell = containerShell(session, flavour, emit);
  let code = 0;
  for (const line of script.split('\n')) {
    if (!line.trim()) continue;
    session.replaceCurrent = isSimpleCommand(line) && !line.includes('$(');
    code = shell.run(line).exitCode;
    session.replaceCurrent = false;
    if (shell.exited) break;
  }
  return code;
}

/**
 * Whether the simulated shell can run this script as the real one would: no loops,
 * conditionals, redirections or arithmetic, and (for an image the catalogue does not know)
 * only commands it knows are there.
 */
export function simulable(session: Session, script: string, known: boolean): boolean {
  const unquoted = script.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '');
  if (/[<>`]|\$\(\(/.test(unquoted)) return false;
  for (const line of script.split('\n')) {
    let items;
    try {
      items = parseLine(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return false;
      throw e;
    }
    for (const item of items) {
      if (item.background) return false;
      for (const cmd of item.pipeline.commands) {
        const first = cmd.words[0]?.parts;
        if (!first || first.some((p) => p.kind !== 'text')) continue;
        const name = first.map((p) => (p as { text: string }).text).join('');
        if (UNSUPPORTED_WORDS.has(name)) return false;
        if (!known && !SHELL_BUILTINS.has(name) && name !== 'exit' && name !== 'export' && !findExecutable(session, name)) return false;
      }
    }
  }
  return true;
}

/** containerd's error when the command's executable is not in the image. */
function notFoundError(name: string): string {
  const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": ${why}: unknown`;
}

/** Splits written text into log lines stamped `at`. */
export function appendLines(log: LogLine[], at: number, stream: LogLine['stream'], text: string): void {
  if (!text) return;
  const parts = text.split('\n');
  const last = parts.pop()!;
  for (const p of parts) log.push({ at, stream, text: p, newline: true });
  if (last) log.push({ at, stream, text: last, newline: false });
}
