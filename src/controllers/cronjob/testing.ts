import type { CronJob, CronJobSpec, Job } from 'kubernetes-types/batch/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { ApiServer } from '../../api/api-server.ts';
import { EventRecorder } from '../../api/events.ts';
import { BUILTIN_KINDS } from '../../api/kinds/index.ts';
import { KindRegistry } from '../../api/registry.ts';
import { Clock, TUTORIAL_EPOCH } from '../../sim/clock.ts';
import { Random } from '../../sim/random.ts';
import { Simulator } from '../../sim/simulator.ts';
import type { KubeObject, Stored } from '../../store/object.ts';
import { Store } from '../../store/store.ts';
import type { WatchEvent } from '../../store/watch-event.ts';
import { CronJobController } from './controller.ts';
import { CRONJOBS, JOBS } from './utils.ts';

/**
 * The CronJob controller alone on an API server, like upstream's fake clients in
 * cronjob_controllerv2_test.go: no Job controller, no kubelet. A test starts and finishes Jobs by
 * writing their status, so what the CronJob controller does is all that happens.
 */
export class CronJobHarness {
  readonly clock: Clock;
  readonly sim: Simulator<WatchEvent>;
  readonly store: Store;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly controller: CronJobController;

  constructor(start = TUTORIAL_EPOCH) {
    this.clock = new Clock(start);
    const random = new Random('cronjob-test');
    this.sim = new Simulator<WatchEvent>(this.clock, random);
    this.store = new Store(this.clock, (e) => this.sim.notify(e));
    this.store.defineIndex('events', 'involvedUid', (e) => [(e as Stored<Event>).involvedObject?.uid ?? '']);
    this.api = new ApiServer(new KindRegistry(BUILTIN_KINDS), this.store, this.clock, random.stream('names'), random.stream('uids'));
    const uids = random.stream('event-uids');
    this.events = new EventRecorder(this.store, this.clock, () => uids.uuid());
    this.controller = new CronJobController({ api: this.api, store: this.store, sim: this.sim, events: this.events, clock: this.clock });
    this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    this.sim.drain();
  }

  /** Creates a CronJob running busybox, with spec overrides, and lets the controller see it. */
  createCronJob(name: string, spec: Partial<CronJobSpec> = {}): Stored<CronJob> {
    const cj = this.api.create<CronJob & KubeObject>({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace: 'default' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { metadata: { labels: { app: name } }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } },
        ...spec,
      },
    });
    this.sim.drain();
    return cj;
  }

  /** Patches a CronJob's spec, as `kubectl patch` would. */
  patch(name: string, spec: Partial<CronJobSpec>): void {
    this.api.patch(CRONJOBS, 'default', name, 'merge', { spec });
    this.sim.drain();
  }

  cronJob(name: string): Stored<CronJob> {
    return this.store.get<CronJob>(CRONJOBS, 'default', name)!;
  }

  /** Names of the Jobs in `default`, sorted. */
  jobs(): string[] {
    return this.store.list<Job>(JOBS, 'default').map((j) => j.metadata.name).sort();
  }

  job(name: string): Stored<Job> {
    return this.store.get<Job>(JOBS, 'default', name)!;
  }

  /** What the Job controller writes when the Job's pod starts. */
  start(name: string): void {
    const job = this.job(name);
    this.api.updateStatus({ ...job, status: { ...job.status, startTime: this.clock.rfc3339(), active: 1 } });
    this.sim.drain();
  }

  /** What the Job controller writes when the Job ends: Complete or Failed, now. */
  finish(name: string, outcome: 'Complete' | 'Failed' = 'Complete'): void {
    const job = this.job(name);
    const now = this.clock.rfc3339();
    const condition = { type: outcome, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: outcome === 'Failed' ? 'BackoffLimitExceeded' : undefined };
    const status = { ...job.status, startTime: job.status?.startTime ?? now, active: 0, conditions: [condition], ...(outcome === 'Complete' ? { succeeded: 1, completionTime: now } : { failed: 1 }) };
    this.api.updateStatus({ ...job, status });
    this.sim.drain();
  }

  /** Lets time pass, running the controller's wake-ups. */
  advance(ms: number): void {
    this.sim.advance(ms);
  }

  /** Moves the clock to `iso` (it never goes back). */
  advanceTo(iso: string): void {
    this.sim.advance(Date.parse(iso) - this.clock.now());
  }

  /** `reason: message` of the CronJob's events, oldest first (repeats once each). */
  eventsOf(name: string): string[] {
    return this.events.eventsFor(this.cronJob(name)).map((e) => `${e.reason}: ${e.message}`);
  }

  /** Names in status.active. */
  active(name: string): string[] {
    return (this.cronJob(name).status?.active ?? []).map((r) => r.name ?? '');
  }
}
