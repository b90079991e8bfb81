import type { KubectlContext, KubectlIO, KubectlResult } from './context.ts';
import { GLOBAL_FLAGS, Output, type Command } from './command.ts';
import { formatError, KubectlError } from './errors.ts';
import { Flags, parseFlags } from './flags.ts';
import { createCommand } from './verbs/create.ts';
import { describeCommand } from './verbs/describe.ts';
import { execCommand } from './verbs/exec.ts';
import { getCommand } from './verbs/get.ts';
import { runCommand } from './verbs/run.ts';
import { setCommand } from './verbs/set/image.ts';
import { annotateCommand } from './verbs/annotate.ts';
import { applyCommand } from './verbs/apply.ts';
import { autoscaleCommand } from './verbs/autoscale.ts';
import { deleteCommand } from './verbs/delete.ts';
import { editCommand } from './verbs/edit.ts';
import { labelCommand } from './verbs/label.ts';
import { logsCommand } from './verbs/logs.ts';
import { patchCommand } from './verbs/patch.ts';
import { replaceCommand } from './verbs/replace.ts';
import { rolloutCommand } from './verbs/rollout/index.ts';
import { scaleCommand } from './verbs/scale.ts';
import { topCommand } from './verbs/top.ts';
import { cordonCommand } from './verbs/cordon.ts';
import { drainCommand } from './verbs/drain.ts';
import { taintCommand } from './verbs/taint.ts';
import { uncordonCommand } from './verbs/uncordon.ts';

const COMMANDS: Command[] = [setCommand, getCommand, createCommand, runCommand, describeCommand, execCommand, applyCommand, patchCommand, editCommand, labelCommand, annotateCommand, scaleCommand, deleteCommand, replaceCommand, rolloutCommand, autoscaleCommand, topCommand, logsCommand, cordonCommand, uncordonCommand, drainCommand, taintCommand];

/** Adds a verb (one file per verb under verbs/). */
export function registerCommand(command: Command): void {
  const i = COMMANDS.findIndex((c) => c.name === command.name);
  if (i >= 0) COMMANDS[i] = command;
  else COMMANDS.push(command);
}

function findCommand(list: readonly Command[], name: string): Command | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Flags of the global set that take a value, to skip over while looking for the verb. */
const VALUE_FLAGS = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));

/**
 * Runs one kubectl command line against the cluster: a function of (cluster, argv) to what a
 * terminal would show. The cluster then does the work due at this instant, as real controllers
 * would before the user types the next command.
 */
export function runKubectl(ctx: KubectlContext, argv: readonly string[], io: KubectlIO = {}): KubectlResult {
  const output = new Output();
  let code: number;
  let verbName: string | undefined;
  try {
    let i = 0;
    while (i < argv.length && argv[i].startsWith('-')) i += VALUE_FLAGS.has(argv[i]) ? 2 : 1;
    verbName = argv[i];
    if (verbName === undefined) throw new KubectlError('error: You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.');
    const top = findCommand(COMMANDS, verbName);
    if (!top) throw new KubectlError(`error: unknown command "${verbName}" for "kubectl"`);
    let command: Command = top;
    let rest = [...argv.slice(0, i), ...argv.slice(i + 1)];
    let path = command.name;
    // Subcommands are the first positional argument (`rollout status`, `create namespace`).
    while (command.subcommands?.length) {
      const j = rest.findIndex((a) => !a.startsWith('-'));
      const sub: Command | undefined = j >= 0 ? findCommand(command.subcommands, rest[j]) : undefined;
      if (!sub) break;
      command = sub;
      path = `${path} ${sub.name}`;
      rest = [...rest.slice(0, j), ...rest.slice(j + 1)];
    }
    verbName = path;
    if (!command.run) {
      // A parent command runs DefaultSubCommandRun, whose RequireNoArguments refuses any argument
      // that named no subcommand (pkg/cmd/util/helpers.go).
      const unknown = rest.filter((a) => !a.startsWith('-'));
      if (unknown.length) throw new KubectlError(`error: unknown command "${unknown.join(' ')}"\nSee 'kubectl ${path} -h' for help and examples`);
      throw new KubectlError(`error: unknown command "" for "kubectl ${path}"`);
    }
    const specs = [...GLOBAL_FLAGS, ...command.flags];
    const parsed = parseFlags(rest, specs);
    const flags = new Flags(parsed, specs);
    const namespace = flags.string('namespace');
    code = command.run({
      ctx,
      args: parsed.positionals,
      rest: parsed.rest,
      flags,
      namespace: namespace || 'default',
      explicitNamespace: !!namespace,
      io,
      output,
    });
  } catch (e) {
    // A programming error is a bug in kubespec, not something to show as kubectl output.
    if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) throw e;
    output.err(formatError(e, verbName));
    code = e instanceof KubectlError ? e.exitCode : 1;
  }
  ctx.reconcile();
  return { stdout: output.stdout, stderr: output.stderr, exitCode: code, display: output.combined };
}
