import type { Node } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../../api/errors.ts';
import { groupResource } from '../../api/registry.ts';
import type { Stored } from '../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf, withDryRun } from '../apply/dry-run.ts';
import type { Command, Invocation } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { resolveKind } from '../resources.ts';

/** -l/--selector: the nodes to act on, instead of names. */
export const NODE_SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', type: 'string' };

/** cmdutil.UsageErrorf: the message, then where to find help. */
export function usageError(verb: string, message: string): KubectlError {
  return new KubectlError(`${message.startsWith('error: ') ? message : `error: ${message}`}\nSee 'kubectl ${verb} -h' for help and examples`);
}

/**
 * DrainCmdOptions.Complete (pkg/cmd/drain/drain.go): the usage checks, the --dry-run value, the
 * verb's own checks (`validate`), then the nodes named (`node1`, `node/node1`) or selected with
 * -l, read from the server; the first lookup that fails ends the command.
 */
export function findNodes(inv: Invocation, verb: string, validate?: () => void): Stored<Node>[] {
  const { args, flags, ctx } = inv;
  const selector = flags.string('selector');
  if (args.length === 0 && !flags.has('selector')) throw usageError(verb, `USAGE: ${verb} NODE [flags]`);
  if (args.length > 0 && selector) throw usageError(verb, 'error: cannot specify both a node name and a --selector option');
  dryRunOf(flags);
  validate?.();
  if (args.length === 0) {
    return [...ctx.api.list<Node>('nodes', undefined, { labelSelector: selector ?? '' })].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }
  return args.map((arg) => {
    const slash = arg.indexOf('/');
    if (slash >= 0) {
      const kind = resolveKind(ctx, arg.slice(0, slash));
      if (kind.resource !== 'nodes' || kind.group) {
        // The builder reads the object before Complete looks at its type.
        ctx.api.get(groupResource(kind), kind.namespaced ? inv.namespace : undefined, arg.slice(slash + 1));
        throw new KubectlError(`error: expected resource of type node, got "${kind.group}/${kind.version}, Resource=${kind.resource}"`);
      }
    }
    return ctx.api.get<Node>('nodes', undefined, slash >= 0 ? arg.slice(slash + 1) : arg);
  });
}

/**
 * RunCordonOrUncordon: sets spec.unschedulable on each node that needs it (a strategic merge
 * patch, as CordonHelper sends), printing `node/<name> cordoned` or `already cordoned`; a failed
 * patch is reported and the command goes on.
 */
export function cordonNodes(inv: Invocation, nodes: readonly Stored<Node>[], desired: boolean): void {
  const verb = desired ? 'cordon' : 'uncordon';
  const dryRun = dryRunOf(inv.flags);
  for (const node of nodes) {
    const name = node.metadata.name;
    if ((node.spec?.unschedulable ?? false) === desired) {
      inv.output.out(`node/${name} ${withDryRun(`already ${verb}ed`, dryRun)}`);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        inv.ctx.api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: desired ? true : null } }, { dryRun: dryRun === 'server' });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        inv.output.err(`error: unable to ${verb} node "${name}": ${e.message}`);
        continue;
      }
    }
    inv.output.out(`node/${name} ${withDryRun(`${verb}ed`, dryRun)}`);
  }
}

/** kubectl cordon (pkg/cmd/drain/drain.go NewCmdCordon): mark nodes unschedulable. */
export const cordonCommand: Command = {
  name: 'cordon',
  flags: [NODE_SELECTOR_FLAG, DRY_RUN_FLAG],
  run(inv) {
    cordonNodes(inv, findNodes(inv, 'cordon'), true);
    return 0;
  },
};

/** The text of an error as Go's %v prints it inside a kubectl message (a Status error's message alone). */
export function errorText(e: unknown): string {
  if (e instanceof StatusError) return e.message;
  return formatError(e).replace(/^error: /, '');
}
