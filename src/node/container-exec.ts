import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parseLine, ShellSyntaxError } from '../shell/parse.ts';
import { Shell, type Program, type ShellResult } from '../shell/shell.ts';
import type { Clock } from '../sim/clock.ts';
import { RandomStream } from '../sim/random.ts';
import { keyOf, type Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import { containerEnvironment } from './container-env.ts';
import { childrenOf, containerFiles, resolvePath, type FileNode } from './container-files.ts';
import type { ContainerState } from './container-runtime.ts';
import { parseImage, type ImageBase, type ImageEntry, type ImageProgram } from './image-catalogue.ts';
import type { Kubelet } from './kubelet.ts';

/** What `kubectl exec` asks the container runtime to run. */
export interface ExecRequest {
  pod: Stored<Pod>;
  container: string;
  argv: string[];
  stdin: string;
  /** A terminal (`-it`): the process's stderr comes out on stdout, and TERM=xterm is set. */
  tty: boolean;
}

/** The node side: the kubelet's runtime state, the store, and virtual time. */
export interface ExecHost {
  kubelet: Kubelet;
  store: Store;
  clock: Clock;
  /** Lets virtual time pass while the process runs (`sleep`). */
  wait(ms: number): void;
  /**
   * The process will not end by itself (`sleep infinity`, a daemon): a container's main process
   * runs on until stopped. Without it (`kubectl exec`), such a program is not supported.
   */
  runsForever?(): never;
}

/**
 * How an exec ended: the kubelet found no running container, the runtime could not start the
 * process (runc's message, with containerd's exec ID), or the process ran and exited.
 */
export type ExecOutcome =
  | { kind: 'not-running' }
  | { kind: 'start-failed'; execId: string; error: string }
  | { kind: 'exited'; stdout: string; stderr: string; exitCode: number };

/** Where each base image keeps the programs this simulation knows. */
const PROGRAMS: Record<ImageBase, Record<string, string[]>> = {
  alpine: {
    '/bin': ['ash', 'busybox', 'cat', 'date', 'echo', 'false', 'grep', 'hostname', 'ls', 'ps', 'sh', 'sleep', 'true'],
    '/usr/bin': ['awk', 'env', 'head', 'printenv', 'sort', 'tail', 'wc'],
  },
  busybox: {
    '/bin': ['ash', 'awk', 'busybox', 'cat', 'date', 'echo', 'env', 'false', 'grep', 'head', 'hostname', 'ls', 'printenv', 'ps', 'sh', 'sleep', 'sort', 'tail', 'true', 'wc'],
  },
  // Debian images have no procps: `ps` is not there, which surprises everyone once.
  debian: {
    '/usr/bin': ['awk', 'bash', 'cat', 'date', 'echo', 'env', 'false', 'grep', 'head', 'hostname', 'ls', 'printenv', 'sh', 'sleep', 'sort', 'tail', 'true', 'wc'],
  },
};

/** Programs the Shell class already provides as built-ins. */
export const SHELL_BUILTINS = new Set(['echo', 'true', 'false', 'grep', 'head', 'tail', 'wc', 'sort', 'awk']);

interface Process {
  pid: number;
  user: string;
  command: string;
}

/** One exec: the container's view of the world while the process runs. */
export interface Session {
  pod: Stored<Pod>;
  image: ImageEntry;
  base: ImageBase;
  env: [string, string][];
  files: Map<string, FileNode>;
  tty: boolean;
  host: ExecHost;
  /** The image's own processes (PID 1 first) and those this exec started. */
  processes: Process[];
  /** Hands out PIDs after the image's processes, counting every exec of this container run. */
  nextPid(): number;
  /** The running exec process; a shell running one simple command is replaced by it (exec). */
  current?: Process;
  replaceCurrent?: boolean;
}

/**
 * Runs a command in a container, as the kubelet (GetExec: the container must be running) and
 * containerd + runc (PATH lookup, then the process) would. Commands are simulated programs over
 * the container's environment, files and processes.
 */
export function execInContainer(host: ExecHost, req: ExecRequest): ExecOutcome {
  const rt = host.kubelet.runtime(keyOf(req.pod));
  const state = rt && rt.uid === req.pod.metadata.uid && !rt.finished ? rt.containers.find((c) => c.name === req.container) : undefined;
  const spec = req.pod.spec?.containers?.find((c) => c.name === req.container);
  if (!state || !spec || state.phase !== 'running' || !state.containerId) return { kind: 'not-running' };
  const session = openSession(host, req.pod, spec, state, req.tty);
  const name = req.argv[0] ?? '';
  const program = resolveProgram(session, name);
  if (!program) {
    // runc forked before the exec failed, so the attempt used a PID too; containerd's exec ID is random.
    const execId = new RandomStream(`${state.containerId}/exec/${session.nextPid()}`).hex(64);
    const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
    return { kind: 'start-failed', execId, error: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": ${why}: unknown` };
  }
  const r = spawn(session, req.argv, () => program(req.argv, req.stdin));
  if (req.tty) return { kind: 'exited', stdout: r.stdout + r.stderr, stderr: '', exitCode: r.exitCode };
  return { kind: 'exited', ...r };
}

/** The container's world for a process: its environment, files, programs and processes. */
export function openSession(host: ExecHost, pod: Stored<Pod>, spec: Container, state: ContainerState, tty: boolean): Session {
  const image = host.kubelet.images.lookup(state.image);
  const base = image.base ?? 'alpine';
  const containerId = state.containerId!;
  const execs = state.execs && state.execs.containerId === containerId ? state.execs : { containerId, count: 0 };
  state.execs = execs;
  const processes = imageProcesses(spec, image);
  const first = processes.length + 1;
  const executables = [
    ...Object.entries(PROGRAMS[base]).flatMap(([dir, names]) => names.map((n) => `${dir}/${n}`)),
    ...Object.entries(image.programs ?? {}).map(([name, p]) => programPath(name, p)),
  ];
  return {
    pod,
    image,
    base,
    env: containerEnvironment({ pod, container: spec, image, containerId, store: host.store, tty }),
    files: containerFiles({ pod, image, tag: parseImage(state.image).tag, startedAt: state.startedAt ?? host.clock.now(), executables }),
    tty,
    host,
    processes,
    nextPid: () => first + execs.count++,
  };
}

/** PID 1 and its children: the pod's command if it sets one, else the image's processes. */
function imageProcesses(spec: Container, image: ImageEntry): Process[] {
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  if (argv.length) return [{ pid: 1, user: image.processes?.[0]?.user ?? 'root', command: argv.join(' ') }];
  const list = image.processes?.length ? image.processes : [{ user: 'root', command: image.repository.split('/').pop()! }];
  return list.map((p, i) => ({ pid: i + 1, user: p.user, command: p.command }));
}

/** Runs a program as a new process (or in place of the shell that execs it), listed while it runs. */
export function spawn(session: Session, argv: string[], run: () => ShellResult): ShellResult {
  const parent = session.current;
  let proc: Process;
  if (parent && session.replaceCurrent) {
    proc = parent;
    proc.command = argv.join(' ');
    session.replaceCurrent = false;
  } else {
    proc = { pid: session.nextPid(), user: 'root', command: argv.join(' ') };
    session.processes.push(proc);
  }
  session.current = proc;
  try {
    return run();
  } finally {
    session.current = parent;
    if (proc !== parent) session.processes.splice(session.processes.indexOf(proc), 1);
  }
}

/** runc's lookup: a name with a slash is a path; a bare name is searched along PATH. */
export function resolveProgram(session: Session, name: string): Program | undefined {
  const path = findExecutable(session, name);
  if (!path) return undefined;
  const tool = path.slice(path.lastIndexOf('/') + 1);
  return (argv, stdin) => runTool(session, tool, argv, stdin);
}

export function findExecutable(session: Session, name: string): string | undefined {
  const exists = (p: string) => {
    // Debian is merged-/usr: /bin and /sbin are symlinks into /usr.
    const real = session.base === 'debian' ? p.replace(/^\/(bin|sbin)\//, '/usr/$1/') : p;
    return session.files.get(real)?.executable ? real : undefined;
  };
  if (name.includes('/')) return exists(resolvePath(name));
  const path = session.env.find(([k]) => k === 'PATH')?.[1] ?? '';
  for (const dir of path.split(':')) {
    const found = dir && exists(`${dir}/${name}`);
    if (found) return found;
  }
  return undefined;
}

/** One of the simulated programs, by its file name. */
export function runTool(session: Session, tool: string, argv: string[], stdin: string): ShellResult {
  if (tool === 'busybox') return argv.length > 1 ? runTool(session, argv[1], argv.slice(1), stdin) : ok('BusyBox v1.36.1 multi-call binary.\n');
  const own = TOOLS[tool];
  if (own) return own(session, argv, stdin);
  const program = session.image.programs?.[tool];
  if (program) return runImageProgram(session, tool, program, argv);
  // The text filters the node's shell has too (echo, grep, head, …).
  const builtin = new Shell({}).program(tool);
  return builtin ? builtin(argv, stdin) : fail(`${tool}: not implemented in kubespec\n`, 1);
}

/** Where an image's own program is installed. */
function programPath(name: string, program: ImageProgram): string {
  return program.path ?? `/usr/local/bin/${name}`;
}

/** A program the catalogue describes: the run whose arguments match, else its default; none runs on. */
function runImageProgram(session: Session, tool: string, program: ImageProgram, argv: string[]): ShellResult {
  const args = argv.slice(1);
  const run = program.runs?.find((r) => (r.args ?? []).length === args.length && (r.args ?? []).every((a, i) => a === args[i])) ?? program.default;
  if (!run || run.after === undefined) {
    if (session.host.runsForever) session.host.runsForever();
    return fail(`${tool}: not implemented in kubespec\n`, 1);
  }
  session.host.wait(run.after * 1000);
  return { stdout: run.stdout ?? '', stderr: run.stderr ?? '', exitCode: run.code ?? 0 };
}

type Tool = (session: Session, argv: string[], stdin: string) => ShellResult;

const ok = (stdout = ''): ShellResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode: number, stdout = ''): ShellResult => ({ stdout, stderr, exitCode });

const TOOLS: Record<string, Tool> = {
  sh: runShell,
  ash: runShell,
  bash: runShell,
  ps: (s) => ok(formatPs(s.processes)),
  printenv: (s, argv) => {
    if (argv.length === 1) return ok(s.env.map(([k, v]) => `${k}=${v}\n`).join(''));
    let out = '', missing = false;
    for (const name of argv.slice(1)) {
      const v = s.env.find(([k]) => k === name);
      if (v) out += `${v[1]}\n`;
      else missing = true;
    }
    return { stdout: out, stderr: '', exitCode: missing ? 1 : 0 };
  },
  env: (s, argv, stdin) => {
    // env [NAME=VALUE]… [COMMAND [ARG]…]
    let i = 1;
    const env = [...s.env];
    for (; i < argv.length && argv[i].includes('='); i++) {
      const k = argv[i].slice(0, argv[i].indexOf('='));
      const at = env.findIndex(([n]) => n === k);
      const entry: [string, string] = [k, argv[i].slice(k.length + 1)];
      if (at >= 0) env[at] = entry;
      else env.push(entry);
    }
    if (i >= argv.length) return ok(env.map(([k, v]) => `${k}=${v}\n`).join(''));
    const inner = { ...s, env };
    const program = resolveProgram(inner, argv[i]);
    if (!program) return fail(`env: can't execute '${argv[i]}': No such file or directory\n`, 127);
    return spawn(inner, argv.slice(i), () => program(argv.slice(i), stdin));
  },
  hostname: (s) => ok(`${s.pod.spec?.hostname || s.pod.metadata.name}\n`),
  date: (s, argv) => {
    const format = argv.find((a) => a.startsWith('+'))?.slice(1) ?? '%a %b %e %H:%M:%S %Z %Y';
    return ok(`${strftime(format, s.host.clock.now())}\n`);
  },
  sleep: (s, argv) => {
    // GNU sleep takes `infinity`, BusyBox `inf`: a container's way of idling for ever.
    if (s.host.runsForever && /^inf(inity)?$/.test(argv[1] ?? '')) s.host.runsForever();
    const seconds = Number(argv[1]);
    if (!Number.isFinite(seconds) || seconds < 0) return fail(s.base === 'debian' ? `sleep: invalid time interval '${argv[1] ?? ''}'\n` : `sleep: invalid number '${argv[1] ?? ''}'\n`, 1);
    s.host.wait(seconds * 1000);
    return ok();
  },
  cat: (s, argv, stdin) => {
    const names = argv.slice(1);
    if (names.length === 0) return ok(stdin);
    let out = '', err = '';
    for (const name of names) {
      if (name === '-') { out += stdin; continue; }
      const node = s.files.get(resolvePath(name));
      if (!node) err += s.base === 'debian' ? `cat: ${name}: No such file or directory\n` : `cat: can't open '${name}': No such file or directory\n`;
      else if (node.kind === 'dir') err += s.base === 'debian' ? `cat: ${name}: Is a directory\n` : 'cat: read error: Is a directory\n';
      else out += node.content ?? '';
    }
    return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
  },
  ls: runLs,
};

/** The shell a container's `sh`/`bash` is: ash (BusyBox), dash (Debian's sh) or bash. */
export type ShellFlavour = 'ash' | 'dash' | 'bash';

/** Which shell `argv[0]` starts in this image. */
export function shellFlavour(session: Session, argv0: string): ShellFlavour {
  return argv0.endsWith('bash') ? 'bash' : session.base === 'debian' ? 'dash' : 'ash';
}

/**
 * The node shell's parser with the container's programs and environment, and the image shell's
 * "not found" wording. `itemDone` sees what each list item printed, as it finishes.
 */
export function containerShell(session: Session, flavour: ShellFlavour, itemDone?: (r: ShellResult) => void): Shell {
  const shell = new Shell(shellPrograms(session), {
    lookup: (name) => {
      const path = name.includes('/') ? findExecutable(session, name) : undefined;
      const program = path ? resolveProgram(session, name) : undefined;
      return program && ((argv, stdin) => spawn(session, argv, () => program(argv, stdin)));
    },
    notFound: (name) => (flavour === 'bash' ? `bash: line 1: ${name}: command not found` : flavour === 'dash' ? `sh: 1: ${name}: not found` : `sh: ${name}: not found`),
    itemDone,
  });
  for (const [k, v] of session.env) shell.vars.set(k, v);
  return shell;
}

/** `sh -c 'command line'`, or the lines on stdin: the node shell's parser with the container's programs. */
function runShell(session: Session, argv: string[], stdin: string): ShellResult {
  const flavour = shellFlavour(session, argv[0]);
  const c = argv.indexOf('-c');
  const script = c >= 0 ? argv[c + 1] : stdin;
  if (c >= 0 && script === undefined) return fail(flavour === 'bash' ? 'bash: -c: option requires an argument\n' : 'sh: -c requires an argument\n', 2);
  const shell = containerShell(session, flavour);
  let out = '', err = '', code = 0;
  for (const line of script.split('\n')) {
    if (!line.trim()) continue;
    // ash and dash exec a lone simple command in place of the shell: `ps` then shows no `sh`.
    session.replaceCurrent = isSimpleCommand(line) && !line.includes('$(');
    const r = shell.run(line);
    session.replaceCurrent = false;
    out += r.stdout;
    err += r.stderr;
    code = r.exitCode;
    if (shell.exited) break;
  }
  return { stdout: out, stderr: err, exitCode: code };
}

export function isSimpleCommand(line: string): boolean {
  try {
    const items = parseLine(line);
    return items.length === 1 && items[0].pipeline.commands.length === 1;
  } catch (e) {
    if (e instanceof ShellSyntaxError) return false;
    throw e;
  }
}

/** The container's programs under their bare names, each run as a process. */
function shellPrograms(session: Session): Record<string, Program> {
  const out: Record<string, Program> = {};
  for (const names of Object.values(PROGRAMS[session.base])) {
    for (const name of names) {
      if (SHELL_BUILTINS.has(name) || !findExecutable(session, name)) continue;
      out[name] = (argv, stdin) => spawn(session, argv, () => runTool(session, name, argv, stdin));
    }
  }
  return out;
}

/** BusyBox ps (procps/ps.c, the default `pid,user,time,args` columns); it ignores `aux`. */
export function formatPs(processes: readonly Process[]): string {
  const rows = [...processes].sort((a, b) => a.pid - b.pid);
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const p of rows) out += `${String(p.pid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${p.command}\n`;
  return out;
}

/** `ls [-1alA] [PATH]…`: BusyBox's or GNU coreutils' layout, columns only on a terminal. */
function runLs(session: Session, argv: string[]): ShellResult {
  const gnu = session.base === 'debian';
  const flags = new Set(argv.slice(1).filter((a) => a.startsWith('-') && a !== '-').flatMap((a) => [...a.slice(1)]));
  const paths = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  if (paths.length === 0) paths.push('.');
  const long = flags.has('l');
  let err = '';
  const files: string[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    const node = session.files.get(resolvePath(p));
    if (!node) err += gnu ? `ls: cannot access '${p}': No such file or directory\n` : `ls: ${p}: No such file or directory\n`;
    else if (node.kind === 'dir') dirs.push(p);
    else files.push(p);
  }
  const blocks: string[] = [];
  if (files.length) blocks.push(listing(session, files.map((f) => ({ name: f, node: session.files.get(resolvePath(f))! })), long, false, gnu));
  for (const d of dirs) {
    const dir = resolvePath(d);
    let names = childrenOf(session.files, dir);
    if (!flags.has('a') && !flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
    const entries = names.map((n) => ({ name: n, node: session.files.get(dir === '/' ? `/${n}` : `${dir}/${n}`)! }));
    if (flags.has('a')) entries.unshift({ name: '.', node: session.files.get(dir)! }, { name: '..', node: session.files.get(dir)! });
    const head = paths.length > 1 ? `${d}:\n` : '';
    blocks.push(head + listing(session, entries, long, true, gnu, flags.has('1')));
  }
  const code = err ? (gnu ? 2 : 1) : 0;
  return { stdout: blocks.join('\n'), stderr: err, exitCode: code };
}

function listing(session: Session, entries: { name: string; node: FileNode }[], long: boolean, total: boolean, gnu: boolean, single = false): string {
  if (long) return longListing(session, entries, total, gnu);
  if (!session.tty || single) return entries.map((e) => `${e.name}\n`).join('');
  return columns(entries.map((e) => e.name), gnu);
}

/** On a terminal of 80 columns: BusyBox uses one width for all columns, GNU ls the narrowest fit per column. */
function columns(names: string[], gnu: boolean): string {
  if (names.length === 0) return '';
  const width = 80;
  const longest = Math.max(...names.map((n) => n.length));
  let cols = gnu ? names.length : Math.max(1, Math.floor(width / (longest + 2)));
  let widths: number[] = [];
  for (; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    widths = [];
    for (let c = 0; c * rows < names.length; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)) + 2);
    if (!gnu || widths.reduce((a, b) => a + b, 0) - 2 <= width) break;
  }
  const rows = Math.ceil(names.length / Math.max(cols, 1));
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c * rows + r < names.length; c++) cells.push(names[c * rows + r].padEnd(gnu ? widths[c] : longest + 2));
    out += `${cells.join('').trimEnd()}\n`;
  }
  return out;
}

/** `ls -l`: mode, links, owner, group, size, date (time within six months, else year), name. */
function longListing(session: Session, entries: { name: string; node: FileNode }[], total: boolean, gnu: boolean): string {
  const now = session.host.clock.now();
  const rows = entries.map(({ name, node }) => {
    const size = node.kind === 'dir' ? 4096 : Buffer.byteLength(node.content ?? '');
    return {
      mode: node.kind === 'dir' ? 'drwxr-xr-x' : node.executable ? '-rwxr-xr-x' : '-rw-r--r--',
      links: node.kind === 'dir' ? 2 : 1,
      size,
      blocks: node.kind === 'dir' ? 4 : Math.ceil(size / 4096) * 4,
      date: lsDate(node.mtime, now),
      name,
    };
  });
  let out = total ? `total ${rows.reduce((a, r) => a + r.blocks, 0)}\n` : '';
  if (gnu) {
    const lw = Math.max(...rows.map((r) => String(r.links).length));
    const sw = Math.max(...rows.map((r) => String(r.size).length));
    for (const r of rows) out += `${r.mode} ${String(r.links).padStart(lw)} root root ${String(r.size).padStart(sw)} ${r.date} ${r.name}\n`;
  } else {
    for (const r of rows) out += `${r.mode} ${String(r.links).padStart(4)} root     root     ${String(r.size).padStart(9)} ${r.date} ${r.name}\n`;
  }
  return out;
}

/** `Oct 17 12:34` for files under six months old, `Oct 17  2017` otherwise. */
function lsDate(mtime: number, now: number): string {
  const recent = now - mtime < (365 * 24 * 3600 * 1000) / 2 && mtime - now < 15 * 60 * 1000;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', mtime);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The strftime conversions `date` and `ls` use, in UTC (containers have no TZ). */
function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return format.replace(/%(.)/g, (_m, c: string) => {
    switch (c) {
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': return MONTHS[d.getUTCMonth()];
      case 'e': return String(d.getUTCDate()).padStart(2);
      case 'd': return pad(d.getUTCDate());
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'Y': return String(d.getUTCFullYear());
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 's': return String(Math.floor(ms / 1000));
      case 'Z': return 'UTC';
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}
