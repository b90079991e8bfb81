/**
 * Timers on the virtual clock. A *progress* timer moves the cluster toward a steady state (a
 * container starting, a grace period ending, a back-off that will end differently); settle()
 * jumps to those. Periodic work (a resync, a busybox loop, a crash loop that will crash again)
 * is not progress: it runs only when time is advanced past it. The two kinds live in separate
 * heaps so that finding the next progress timer costs O(log n).
 */
export interface TimerOptions {
  /** Does firing move the cluster toward a steady state? Default true. */
  progress?: boolean;
  /**
   * The scheduled start of new work (a CronJob's next run): not progress, and settle() stops
   * before it instead of running through it, since what it starts may outlast the next one and
   * never let the cluster settle. Only advance() reaches it.
   */
  schedule?: boolean;
  /** What the timer is for, for debugging. */
  label?: string;
}

export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly progress: boolean;
  readonly schedule: boolean;
  readonly label: string;
  readonly fire: () => void;
  cancelled: boolean;
}

/** A handle on a scheduled timer. */
export interface TimerHandle {
  cancel(): void;
}

class TimerHeap {
  private readonly h: Timer[] = [];

  get length(): number {
    return this.h.length;
  }

  top(): Timer | undefined {
    while (this.h.length && this.h[0].cancelled) this.pop();
    return this.h[0];
  }

  push(t: Timer): void {
    const h = this.h;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  pop(): Timer | undefined {
    const h = this.h;
    const first = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return first;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && less(h[l], h[m])) m = l;
      if (r < h.length && less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
    return first;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class TimerQueue {
  private readonly progress = new TimerHeap();
  private readonly periodic = new TimerHeap();
  private readonly schedules = new TimerHeap();
  private seq = 0;

  /** Schedules fire() at virtual time `at`; the handle's cancel() stops it. */
  schedule(at: number, fire: () => void, options: TimerOptions = {}): TimerHandle {
    const schedule = options.schedule ?? false;
    const timer: Timer = {
      at,
      seq: this.seq++,
      progress: !schedule && (options.progress ?? true),
      schedule,
      label: options.label ?? '',
      fire,
      cancelled: false,
    };
    (schedule ? this.schedules : timer.progress ? this.progress : this.periodic).push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** The due time of the earliest live progress timer. */
  nextProgressTime(): number | undefined {
    return this.progress.top()?.at;
  }

  /** The due time of the earliest live schedule timer. */
  nextScheduleTime(): number | undefined {
    return this.schedules.top()?.at;
  }

  /** The due time of the earliest live timer of any kind. */
  nextTime(): number | undefined {
    return this.earliest()?.top()?.at;
  }

  /** Removes and returns the earliest live timer due at or before `now`. */
  popDue(now: number): Timer | undefined {
    const heap = this.earliest();
    const first = heap?.top();
    if (!heap || !first || first.at > now) return undefined;
    heap.pop();
    first.cancelled = true;
    return first;
  }

  /** The heap whose top timer comes first (no allocation: drain() asks on every step). */
  private earliest(): TimerHeap | undefined {
    const a = this.progress.top(), b = this.periodic.top(), c = this.schedules.top();
    let heap: TimerHeap | undefined = a ? this.progress : undefined;
    let first = a;
    if (b && (!first || less(b, first))) {
      heap = this.periodic;
      first = b;
    }
    if (c && (!first || less(c, first))) heap = this.schedules;
    return heap;
  }
}
