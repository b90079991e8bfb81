import type { Event } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { col, type TablePrinter } from './table.ts';

/** formatEventSource: `component, host` (falling back to the reporting controller and instance). */
export function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** The first-seen age: firstTimestamp, or eventTime for events.k8s.io events. */
export function eventFirstSeen(e: Event, now: number): string {
  return e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
}

/** printEvent. */
export const eventPrinter: TablePrinter<Stored<Event>> = {
  columns: [
    col('Last Seen', 'Time when last event occurred'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
    col('Reason', 'Reason is why the action was taken. It is human-readable.'),
    col('Object', 'The object that this event is about. Mapped from events.involvedObject'),
    col('Subobject', 'The subobject that this event is about. Mapped from events.involvedObject.fieldPath', 1),
    col('Source', 'The component reporting this event. Short-hand for events.source.component', 1),
    col('Message', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'Time when first event occurred', 1),
    col('Count', 'The number of times this event has occurred.', 1),
    col('Name', 'Name must be unique within a namespace.', 1),
  ],
  cells(e, now) {
    const first = eventFirstSeen(e, now);
    let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = age(e.series.lastObservedTime, now);
      count = e.series.count ?? count;
    } else if (count === 0) count = 1;
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [last, e.type ?? '', e.reason ?? '', target, e.involvedObject?.fieldPath ?? '', eventSource(e), (e.message ?? '').trim(), first, String(count), e.metadata.name];
  },
};
