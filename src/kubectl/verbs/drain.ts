import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { parseDuration } from '../../sim/duration.ts';
import { keyOf, type Stored } from '../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf, withDryRun, type DryRun } from '../apply/dry-run.ts';
import type { Command, Invocation } from '../command.ts';
import { podDeleteList, shouldSkipPod, type DrainOptions } from '../drain/filters.ts';
import { FlagError } from '../flags.ts';
import { cordonNodes, errorText, findNodes, NODE_SELECTOR_FLAG } from './cordon.ts';

/** An infinite --timeout still ends in the simulation: after a week of virtual time. */
const WAIT_FOREVER_MS = 168 * 3600 * 1000;
/** waitForDelete polls every second. */
const POLL_MS = 1000;

/** An error drain returns: an aggregate of messages (utilerrors.Aggregate), or one plain error. */
type Failure = { messages: string[] } | { message: string };

/** aggregate.Error(): one message as is, several de-duplicated in brackets. */
function failureText(f: Failure): string {
  if ('message' in f) return f.message;
  const unique = [...new Set(f.messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** The command-line settings the drain Helper works with. */
interface Drain {
  inv: Invocation;
  dryRun: DryRun;
  gracePeriodSeconds: number;
  /** Virtual time at which --timeout runs out. */
  deadline: number;
  disableEviction: boolean;
  podSelector: Selector;
  filter: Omit<DrainOptions, 'now'>;
}

/**
 * kubectl drain (pkg/cmd/drain/drain.go, pkg/drain/drain.go): cordon, then evict every pod on
 * the node through the pods/eviction subresource (or delete it, with --disable-eviction) and wait
 * until each is gone, polling every second. DaemonSet-managed pods, pods without a controller and
 * pods with emptyDir volumes stop the drain unless --ignore-daemonsets, --force or
 * --delete-emptydir-data say otherwise. PodDisruptionBudgets are not simulated, so no eviction
 * is ever refused with `Cannot evict pod as it would violate the pod's disruption budget.`
 */
export const drainCommand: Command = {
  name: 'drain',
  flags: [
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'chunk-size', type: 'int', default: 500 },
    DRY_RUN_FLAG,
    NODE_SELECTOR_FLAG,
  ],
  run(inv) {
    const { flags, ctx } = inv;
    const timeout = flags.string('timeout') ?? '0s';
    let timeoutMs: number;
    try {
      timeoutMs = parseDuration(timeout);
    } catch (e) {
      throw new FlagError(`invalid argument "${timeout}" for "--timeout" flag: ${(e as Error).message}`);
    }
    let podSelector = Selector.parse('');
    const nodes = findNodes(inv, 'drain', () => {
      try {
        podSelector = Selector.parse(flags.string('pod-selector') ?? '');
      } catch {
        throw new Error('--pod-selector=<pod_selector> must be a valid label selector');
      }
    });
    const dryRun = dryRunOf(flags);
    const d: Drain = {
      inv,
      dryRun,
      gracePeriodSeconds: flags.int('grace-period')!,
      deadline: ctx.clock.now() + (timeoutMs || WAIT_FOREVER_MS),
      disableEviction: flags.bool('disable-eviction'),
      podSelector,
      filter: {
        force: flags.bool('force'),
        ignoreAllDaemonSets: flags.bool('ignore-daemonsets'),
        deleteEmptyDirData: flags.bool('delete-emptydir-data'),
        skipWaitForDeleteTimeoutSeconds: flags.int('skip-wait-for-delete-timeout')!,
        daemonSetError: (namespace, name) => (ctx.api.tryGet('daemonsets.apps', namespace, name) ? undefined : `daemonsets.apps "${name}" not found`),
      },
    };
    cordonNodes(inv, nodes, true);
    const fatal: Failure[] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const failure = drainNode(d, node);
      if (!failure) {
        inv.output.out(`node/${node.metadata.name} ${withDryRun('drained', dryRun)}`);
        continue;
      }
      inv.output.err(`error: unable to drain node "${node.metadata.name}" due to error: ${failureText(failure)}, continuing command...`);
      fatal.push(failure);
      remaining.push(node.metadata.name);
    }
    if (remaining.length) inv.output.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
    if (fatal.length === 0) return 0;
    inv.output.err(finalError(fatal));
    return 1;
  },
};

/**
 * checkErr on NewAggregate(fatal): an aggregate of one is unwrapped; an aggregate is printed one
 * message per line without the `error: ` prefix (MultipleErrors), a plain error with it.
 */
function finalError(fatal: Failure[]): string {
  if (fatal.length > 1) return fatal.map(failureText).join('\n');
  const only = fatal[0];
  if ('messages' in only) return only.messages.join('\n');
  return only.message.startsWith('error: ') ? only.message : `error: ${only.message}`;
}

/** GetPodsForDeletion: the node's pods in every namespace (list order), through the filters. */
function podsForDeletion(d: Drain, node: string): ReturnType<typeof podDeleteList> {
  const { ctx } = d.inv;
  const pods = ctx.store
    .byIndex<Pod>('pods', 'node', node)
    .filter((p) => d.podSelector.matches(p.metadata.labels ?? {}))
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return podDeleteList(pods, { ...d.filter, now: ctx.clock.now() });
}

/** deleteOrEvictPodsSimple: the failure, if the node could not be drained. */
function drainNode(d: Drain, node: Stored<Node>): Failure | undefined {
  const { output } = d.inv;
  const list = podsForDeletion(d, node.metadata.name);
  if (list.errors.length) return { messages: list.errors };
  if (list.warnings) output.err(`Warning: ${list.warnings}`);
  if (d.dryRun === 'client') {
    for (const pod of list.pods) output.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)`);
    return undefined;
  }
  const failure = list.pods.length === 0 ? undefined : d.disableEviction ? deletePods(d, list.pods) : evictPods(d, list.pods);
  if (!failure) return undefined;
  const pending = podsForDeletion(d, node.metadata.name).pods;
  if (pending.length) {
    output.err(`There are pending pods in node "${node.metadata.name}" when an error occurred: ${failureText(failure)}\n${pending.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
  }
  return failure;
}

/** The delete options drain sends: the grace period when given, dry run on the server. */
function deleteOptions(d: Drain): { gracePeriodSeconds?: number; dryRun?: boolean } {
  return { ...(d.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: d.gracePeriodSeconds } : {}), ...(d.dryRun === 'server' ? { dryRun: true } : {}) };
}

/** evictPods: `evicting pod ns/name`, the eviction, then a wait for each pod to go (`pod/name evicted`). */
function evictPods(d: Drain, pods: Stored<Pod>[]): Failure | undefined {
  const { ctx, output } = d.inv;
  const errors: string[] = [];
  const waiting: Stored<Pod>[] = [];
  for (const pod of pods) {
    const { namespace, name } = pod.metadata;
    output.out(`evicting pod ${namespace}/${name}${d.dryRun === 'server' ? ' (server dry run)' : ''}`);
    try {
      ctx.api.evict(namespace!, name, deleteOptions(d));
      if (d.dryRun !== 'server') waiting.push(pod);
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound') continue;
      if (!(e instanceof StatusError)) throw e;
      errors.push(`error when evicting pods/"${name}" -n "${namespace}": ${errorText(e)}`);
    }
  }
  for (const pod of waitForDelete(d, waiting, 'evicted')) {
    errors.push(`error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: context deadline exceeded`);
  }
  return errors.length ? { messages: errors } : undefined;
}

/** deletePods (--disable-eviction): delete them all, then wait (`pod/name deleted`). */
function deletePods(d: Drain, pods: Stored<Pod>[]): Failure | undefined {
  for (const pod of pods) {
    try {
      d.inv.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name, deleteOptions(d));
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound') continue;
      if (!(e instanceof StatusError)) throw e;
      return { message: errorText(e) };
    }
  }
  if (d.dryRun === 'server') return undefined;
  return waitForDelete(d, pods, 'deleted').length ? { message: 'context deadline exceeded' } : undefined;
}

/**
 * waitForDelete: every second (the first look at once), each pod that is gone, or replaced by one
 * with another UID, is printed; one deleted longer ago than --skip-wait-for-delete-timeout is
 * skipped with a note. Returns the pods still there when --timeout ran out.
 */
function waitForDelete(d: Drain, pods: Stored<Pod>[], verb: string): Stored<Pod>[] {
  const { ctx, output } = d.inv;
  let pending = pods;
  for (;;) {
    pending = pending.filter((pod) => {
      const live = ctx.api.tryGet<Pod>('pods', pod.metadata.namespace, pod.metadata.name);
      if (!live || live.metadata.uid !== pod.metadata.uid) {
        output.out(`pod/${pod.metadata.name} ${verb}`);
        return false;
      }
      if (shouldSkipPod(live, d.filter.skipWaitForDeleteTimeoutSeconds, ctx.clock.now())) {
        output.out(`pod "${pod.metadata.name}" has DeletionTimestamp older than ${d.filter.skipWaitForDeleteTimeoutSeconds} seconds, skipping`);
        return false;
      }
      return true;
    });
    const left = d.deadline - ctx.clock.now();
    if (pending.length === 0 || left <= 0) return pending;
    ctx.waitUntil(() => false, Math.min(POLL_MS, left));
  }
}
