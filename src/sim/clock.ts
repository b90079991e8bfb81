/**
 * Virtual time. The clock only moves when the simulator moves it; nothing in the engine reads the
 * wall clock. Milliseconds since the Unix epoch, like Date.
 */
export class Clock {
  constructor(private ms: number) {}

  /** Milliseconds since the epoch. */
  now(): number {
    return this.ms;
  }

  /** Moves the clock forward to `ms`; time never goes back. */
  advanceTo(ms: number): void {
    if (ms > this.ms) this.ms = ms;
  }

  /** RFC 3339 with whole seconds, as metav1.Time serialises. */
  rfc3339(ms = this.ms): string {
    return toRfc3339(ms);
  }
}

/** The last second formatted: most calls in a busy instant ask for the same one. */
let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with whole seconds (`2018-09-06T06:57:00Z`). */
export function toRfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastText;
}

/** Parses an RFC 3339 timestamp to epoch milliseconds. */
export function parseRfc3339(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The default start of virtual time: the morning the tutorial's transcripts were taken. */
export const TUTORIAL_EPOCH = Date.UTC(2018, 8, 6, 6, 57, 0);
