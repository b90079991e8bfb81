import { Clock } from './clock.ts';
import { Random } from './random.ts';
import { TimerQueue, type TimerHandle, type TimerOptions } from './timers.ts';
import { WorkQueue } from './work-queue.ts';

/** A controller as the simulator sees it: a queue of keys and a sync function. */
export interface Reconciler {
  readonly name: string;
  readonly queue: WorkQueue;
  sync(key: string): void;
}

/** A change the store announces; the simulator delivers it to informer handlers in order. */
export interface Notification {
  readonly resource: string;
}

type Handler<E extends Notification> = (event: E) => void;

/** settle() gives up after this much virtual time without reaching a steady state. */
const SETTLE_HORIZON_MS = 7 * 24 * 3600 * 1000;

/**
 * The event loop of the virtual cluster: it delivers store notifications to informer handlers,
 * runs due timers and controller syncs until nothing is left to do, and moves the virtual clock.
 */
export class Simulator<E extends Notification = Notification> {
  readonly timers = new TimerQueue();
  private readonly reconcilers: Reconciler[] = [];
  private readonly handlers = new Map<string, Handler<E>[]>();
  private pending: E[] = [];
  private cursor = 0;
  private turn = 0;

  constructor(readonly clock: Clock, readonly random: Random) {}

  /** Adds a controller to the round-robin of syncs. */
  register(reconciler: Reconciler): void {
    this.reconcilers.push(reconciler);
  }

  /** Subscribes an informer handler to changes of one resource. */
  watch(resource: string, handler: Handler<E>): void {
    const list = this.handlers.get(resource) ?? [];
    list.push(handler);
    this.handlers.set(resource, list);
  }

  /** Queues a change for delivery (called by the store on every write). */
  notify(event: E): void {
    this.pending.push(event);
  }

  /** Runs fn after `delayMs` of virtual time. */
  after(delayMs: number, fn: () => void, options?: TimerOptions): TimerHandle {
    return this.timers.schedule(this.clock.now() + Math.max(0, delayMs), fn, options);
  }

  /** Runs fn at virtual time `at` (or now, if that has passed). */
  at(at: number, fn: () => void, options?: TimerOptions): TimerHandle {
    return this.timers.schedule(Math.max(at, this.clock.now()), fn, options);
  }

  /** Does all the work there is at the current instant: notifications, due timers, syncs. */
  drain(): void {
    for (;;) {
      if (this.cursor < this.pending.length) {
        const event = this.pending[this.cursor++];
        for (const h of this.handlers.get(event.resource) ?? []) h(event);
        continue;
      }
      if (this.cursor > 0) {
        this.pending = [];
        this.cursor = 0;
      }
      const timer = this.timers.popDue(this.clock.now());
      if (timer) {
        timer.fire();
        continue;
      }
      if (!this.syncOne()) return;
    }
  }

  /**
   * Drains, then jumps from one progress timer to the next until none is left: the cluster has
   * reached what it would look like once everything in flight is done. Periodic timers passed on
   * the way fire too, each at its own time; those after the last progress timer wait for
   * advance(). A schedule timer is a wall: settle() stops before it, leaving later progress for
   * advance(). `until` stops early as soon as it holds after a step.
   */
  settle(until?: () => boolean): boolean {
    const horizon = this.clock.now() + SETTLE_HORIZON_MS;
    this.drain();
    for (;;) {
      if (until?.()) return true;
      const next = this.timers.nextProgressTime();
      const wall = this.timers.nextScheduleTime();
      if (next === undefined || (wall !== undefined && wall <= next)) return until ? until() : true;
      if (next > horizon) {
        throw new Error('the cluster did not settle within 7 days of virtual time');
      }
      // A periodic timer due on the way runs at its own time, not at the progress timer's: what
      // it writes (and when it reschedules itself) carries the right timestamp.
      this.clock.advanceTo(Math.min(next, this.timers.nextTime() ?? next));
      this.drain();
    }
  }

  /** Lets `ms` of virtual time pass, running every timer due in it, in order. */
  advance(ms: number, until?: () => boolean): boolean {
    const target = this.clock.now() + ms;
    this.drain();
    for (;;) {
      if (until?.()) return true;
      const next = this.timers.nextTime();
      if (next === undefined || next > target) break;
      this.clock.advanceTo(next);
      this.drain();
    }
    this.clock.advanceTo(target);
    this.drain();
    return until ? until() : true;
  }

  private syncOne(): boolean {
    const n = this.reconcilers.length;
    for (let i = 0; i < n; i++) {
      const r = this.reconcilers[(this.turn + i) % n];
      const key = r.queue.pop();
      if (key !== undefined) {
        this.turn = (this.turn + i + 1) % n;
        r.sync(key);
        return true;
      }
    }
    return false;
  }
}
