import type { PropagationPolicy } from '../../api/api-server.ts';
import { StatusError } from '../../api/errors.ts';
import { groupResource } from '../../api/registry.ts';
import { parseDuration } from '../../sim/duration.ts';
import { DRY_RUN_FLAG, dryRunOf, withDryRun, type DryRun } from '../apply/dry-run.ts';
import { findTargets, type Target } from '../apply/targets.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError, withSource } from '../errors.ts';

/** When --timeout is 0, delete waits "forever": a week (DeleteResult). */
const WAIT_FOREVER_MS = 168 * 3600 * 1000;

const IMMEDIATE_DELETION_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** parseCascadingFlag (pkg/cmd/delete/delete_flags.go), with the deprecated booleans. */
function cascadeOf(inv: Invocation): PropagationPolicy {
  const value = inv.flags.string('cascade') ?? 'background';
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
  }
  const bool = parseBool(value);
  if (bool === undefined) throw new KubectlError(`error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  inv.output.err(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${bool ? 'background' : 'orphan'}.`);
  return bool ? 'Background' : 'Orphan';
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** kubectl delete (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go). */
export const deleteCommand: Command = {
  name: 'delete',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'now', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'interactive', short: 'i', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output } = inv;
    const cascade = cascadeOf(inv);
    const selecting = flags.bool('all') || !!flags.string('selector') || !!flags.string('field-selector');
    // With --all, -l or --field-selector a missing object is no error, unless asked otherwise.
    const ignoreNotFound = flags.has('ignore-not-found') ? flags.bool('ignore-not-found') : selecting;
    let grace = flags.int('grace-period')!;
    const force = flags.bool('force');
    if (flags.bool('now')) {
      if (grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together');
      grace = 1;
    }
    // --grace-period=0 without --force means 1, so no one force-deletes by accident.
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const dryRun = dryRunOf(flags);
    const found = findTargets(inv, {
      args: inv.args,
      filenames: flags.strings('filename'),
      selector: flags.string('selector'),
      fieldSelector: flags.string('field-selector'),
      all: flags.bool('all'),
      allNamespaces: flags.bool('all-namespaces'),
      fetch: 'none',
    });
    const format = flags.string('output') ?? '';
    if (format !== '' && format !== 'name') throw new KubectlError(`error: unexpected -o output mode: ${format}. We only support '-o name'`);
    if (flags.bool('all') && flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time');
    if (flags.bool('all') && flags.string('field-selector')) throw new KubectlError('error: cannot set --all and --field-selector at the same time');
    if (grace === 0 && force) output.err(IMMEDIATE_DELETION_WARNING);
    else if (grace > 0 && force) throw new KubectlError('error: --force and --grace-period greater than 0 cannot be specified together');

    if (flags.bool('interactive') && !confirmed(inv, found, ignoreNotFound)) return 0;
    const errors: unknown[] = [];
    const deleted: { target: Target; uid?: string }[] = [];
    let count = 0;
    let warnClusterScope = inv.explicitNamespace && !flags.bool('all-namespaces');
    for (const f of found) {
      if ('error' in f) {
        errors.push(f.error);
        continue;
      }
      count++;
      const { target } = f;
      if (warnClusterScope && !target.kind.namespaced) {
        output.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace');
        warnClusterScope = false;
      }
      if (dryRun === 'client') {
        print(inv, target, grace, dryRun);
        continue;
      }
      try {
        const gone = inv.ctx.api.delete(groupResource(target.kind), target.namespace, target.name, {
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          propagationPolicy: cascade,
          dryRun: dryRun === 'server',
        });
        print(inv, target, grace, dryRun);
        deleted.push({ target, uid: gone.metadata.uid });
      } catch (e) {
        errors.push(withSource(e, 'deleting', target.source));
      }
    }
    const shown = ignoreNotFound ? errors.filter((e) => !(e instanceof StatusError && e.reason === 'NotFound')) : errors;
    if (shown.length) {
      output.err(formatErrors(shown, 'delete'));
      return 1;
    }
    if (count === 0) {
      output.out('No resources found');
      return 0;
    }
    if (!flags.bool('wait') || dryRun !== 'none') return 0;
    return waitForDeletion(inv, deleted, flags.string('timeout') ?? '0s');
  },
};

/** --interactive: lists what would go and reads the answer from stdin (`y` goes ahead). */
function confirmed(inv: Invocation, found: ReturnType<typeof findTargets>, ignoreNotFound: boolean): boolean {
  const targets = found.flatMap((f) => ('target' in f ? [f.target] : []));
  const errors = found.flatMap((f) => ('error' in f ? [f.error] : [])).filter((e) => !(ignoreNotFound && e instanceof StatusError && e.reason === 'NotFound'));
  if (errors.length) throw errors[0];
  if (targets.length === 0) {
    inv.output.out('No resources found');
    return false;
  }
  inv.output.out(`You are about to delete the following ${targets.length} resource(s):`);
  for (const t of targets) inv.output.out(`${kindString(t)}/${t.name}`);
  inv.output.write('Do you want to continue? (y/n): ');
  if ((inv.io.stdin ?? '').trim().split(/\s+/)[0]?.toLowerCase() === 'y') return true;
  inv.output.out('deletion is cancelled');
  return false;
}

/** `pod`, `replicaset.apps`: lower-cased kind and group, as delete names objects. */
function kindString(target: Target): string {
  const kind = target.kind.kind.toLowerCase();
  return target.kind.group ? `${kind}.${target.kind.group}` : kind;
}

/** Not the NamePrinter: `pod "x" deleted` (quoted name), `force deleted`, `-o name` as `pod/x`. */
function print(inv: Invocation, target: Target, grace: number, dryRun: DryRun): void {
  if (inv.flags.string('output') === 'name') {
    inv.output.out(`${kindString(target)}/${target.name}`);
    return;
  }
  inv.output.out(`${kindString(target)} "${target.name}" ${withDryRun(grace === 0 ? 'force deleted' : 'deleted', dryRun)}`);
}

/**
 * --wait (cmd/wait IsDeleted): until each object is gone, or replaced by one with another uid,
 * letting virtual time pass for as long as the deletion takes.
 */
function waitForDeletion(inv: Invocation, deleted: { target: Target; uid?: string }[], timeout: string): number {
  const timeoutMs = parseDuration(timeout) || WAIT_FOREVER_MS;
  const deadline = inv.ctx.clock.now() + timeoutMs;
  for (const { target, uid } of deleted) {
    const gone = () => {
      const live = inv.ctx.api.tryGet(groupResource(target.kind), target.namespace, target.name);
      return !live || (uid !== undefined && live.metadata.uid !== uid);
    };
    if (!inv.ctx.waitUntil(gone, Math.max(0, deadline - inv.ctx.clock.now()))) {
      inv.output.err(`error: timed out waiting for the condition on ${target.kind.resource}/${target.name}`);
      return 1;
    }
  }
  return 0;
}
