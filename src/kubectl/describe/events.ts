import type { Event } from 'kubernetes-types/core/v1.js';
import { parseRfc3339 } from '../../sim/clock.ts';
import type { Stored } from '../../store/object.ts';
import type { KubectlContext } from '../context.ts';
import { age } from '../printers/age.ts';
import { byString } from './format.ts';
import { LEVEL_0, LEVEL_1, type DescribeWriter } from './writer.ts';

/**
 * searchEvents (describe.go): the events whose involvedObject is `obj`, in the API's list order
 * (etcd key order: by name, and an event's name is `<object>.<hex creation nanoseconds>`).
 */
export function searchEvents(ctx: KubectlContext, obj: Stored): Stored<Event>[] {
  return byName(ctx.store.byIndex<Event>('events', 'involvedUid', obj.metadata.uid));
}

/**
 * A node's events: describeNode asks twice, by the node's UID (node-controller events) and by a
 * UID equal to the node's name (the kubelet's own node events), and appends the second answer.
 */
export function searchNodeEvents(ctx: KubectlContext, node: Stored): Stored<Event>[] {
  const byKubelet = ctx.store
    .byIndex<Event>('events', 'involvedUid', node.metadata.name)
    .filter((e) => e.involvedObject?.kind === 'Node' && e.involvedObject.name === node.metadata.name);
  return [...searchEvents(ctx, node), ...byName(byKubelet)];
}

function byName(events: Stored<Event>[]): Stored<Event>[] {
  return [...events].sort((a, b) => byString(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byString(a.metadata.name, b.metadata.name));
}

/**
 * DescribeEvents: `Events:\t<none>` when there are none (still inside the current column block);
 * otherwise the block is flushed and a table follows, sorted by lastTimestamp (SortableEvents in
 * kubectl pkg/util/event). events.k8s.io events such as the scheduler's have no lastTimestamp, so
 * they sort first. Age is the first occurrence's age, or `<last> (x<count> over <first>)` for a
 * repeated event; From is source.component, else reportingController.
 */
export function describeEvents(w: DescribeWriter, events: readonly Stored<Event>[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // Go's sort.Sort keeps equal times in list order for up to 12 events (it insertion-sorts short
  // lists); beyond that their order is unspecified, and kubespec keeps list order.
  const sorted = [...events].sort((a, b) => {
    const la = lastSeen(a), lb = lastSeen(b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${age(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    // core/v1 serialises ReportingController as `reportingComponent`.
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** The zero time for events without a lastTimestamp, so they sort before every dated one. */
function lastSeen(e: Event): number {
  return parseRfc3339(e.lastTimestamp ?? undefined) ?? Number.NEGATIVE_INFINITY;
}
