import { toRfc3339 } from '../sim/clock.ts';
import type { Store } from '../store/store.ts';
import { PodTimeline } from './pod-timeline.ts';
import type { Span } from './span.ts';
import { renderStepChart, type StepSeries } from './svg-chart.ts';

/**
 * The picture of a span for the report: pods per owner (ReplicaSet) stacked, the terminating pods
 * above them, and a line of the available pods, over virtual time. Within one instant only the
 * last state is drawn (a picture has no width for zero-length states; the assertions see them).
 */
export function podChart(store: Store, span: Span): string {
  const timeline = PodTimeline.build(store, span, {});
  const owners = new Map<string, [number, number][]>();
  const terminating: [number, number][] = [];
  const available: [number, number][] = [];
  timeline.moments((m) => {
    // Owners are added in order of first appearance: oldest ReplicaSet at the bottom.
    for (const key of m.byOwner.keys()) if (!owners.has(key)) owners.set(key, []);
    for (const [key, points] of owners) push(points, m.time, m.byOwner.get(key)?.existing ?? 0);
    push(terminating, m.time, m.total.terminating);
    push(available, m.time, m.total.available);
  });
  const areas: StepSeries[] = [];
  for (const [key, points] of owners) if (points.some(([, v]) => v > 0)) areas.push({ name: ownerLabel(key), points });
  if (terminating.some(([, v]) => v > 0)) areas.push({ name: 'terminating', points: terminating });
  return renderStepChart({
    title: 'Pods per ReplicaSet',
    subtitle: `0s = ${toRfc3339(span.fromTime)}`,
    from: span.fromTime,
    to: span.toTime,
    areas,
    lines: [{ name: 'available', points: available }],
    valueLabel: 'pods',
    timeLabel: 'virtual time',
  });
}

/** Adds a step, replacing the previous one if it was at the same instant. */
function push(points: [number, number][], time: number, value: number): void {
  const last = points.at(-1);
  if (last && last[0] === time) last[1] = value;
  else if (!last || last[1] !== value) points.push([time, value]);
}

/** A legend name: the ReplicaSet's name, another owner as `Kind/name`, bare pods as such. */
function ownerLabel(key: string): string {
  if (key === '') return 'pods without owner';
  return key.startsWith('ReplicaSet/') ? key.slice('ReplicaSet/'.length) : key;
}
