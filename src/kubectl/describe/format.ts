import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1.js';
import { Selector } from '../../api/labels.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import type { KubeObject } from '../../store/object.ts';
import { controllerOf } from '../../store/object.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A timestamp as Go's time.RFC1123Z (`Mon, 02 Jan 2006 15:04:05 -0700`). The API server's times are
 * UTC, and kubectl formats them in the terminal's zone; kubespec's terminal is UTC, hence `+0000`.
 * An unset time is Go's zero time, which is what kubectl prints for it.
 */
export function rfc1123z(timestamp: string | null | undefined): string {
  const ms = parseRfc3339(timestamp ?? undefined);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  return formatRfc1123z(ms);
}

/** RFC1123Z of epoch milliseconds, in UTC. */
export function formatRfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** printController: `Kind/name` of the controlling owner, or '' when there is none. */
export function controllerName(obj: KubeObject): string {
  const ref: OwnerReference | undefined = controllerOf(obj);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** stringOrNone. */
export function stringOrNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** printBool: `True` / `False`. */
export function printBool(b: boolean | undefined): string {
  return b ? 'True' : 'False';
}

/** metav1.FormatLabelSelector: requirements in canonical form, `<none>` when empty or nil. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  const text = Selector.fromLabelSelector(ls).toString();
  return text || '<none>';
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(byString);
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** Go's sort.Strings order (bytewise, which for these ASCII names is code-unit order). */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
