import { parseRfc3339 } from '../../sim/clock.ts';
import { humanDuration } from '../../sim/duration.ts';

/** translateTimestampSince: the AGE of a timestamp, `<unknown>` when unset. */
export function age(timestamp: string | undefined | null, now: number): string {
  const t = parseRfc3339(timestamp ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
