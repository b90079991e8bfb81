import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { ApiServer } from '../../../api/api-server.ts';
import { EventRecorder } from '../../../api/events.ts';
import { BUILTIN_KINDS } from '../../../api/kinds/index.ts';
import { KindRegistry } from '../../../api/registry.ts';
import type { ImageCatalogue } from '../../../node/image-catalogue.ts';
import type { Kubelet } from '../../../node/kubelet.ts';
import { Clock, TUTORIAL_EPOCH } from '../../../sim/clock.ts';
import { RandomStream } from '../../../sim/random.ts';
import type { Stored } from '../../../store/object.ts';
import { Store } from '../../../store/store.ts';
import type { KubectlContext, KubectlIO } from '../../context.ts';
import { runKubectl } from '../../index.ts';

/**
 * A cluster with no controllers, for the rollout verbs' unit tests: Deployments, ReplicaSets and
 * their status are written by hand, and virtual time runs a script of such writes while a
 * command waits. The tests then pin kubectl's side alone, whatever the Deployment controller does.
 */
export class ScriptedCluster implements KubectlContext {
  readonly clock = new Clock(TUTORIAL_EPOCH);
  readonly store = new Store(this.clock, () => {});
  readonly api = new ApiServer(new KindRegistry(BUILTIN_KINDS), this.store, this.clock, new RandomStream('names'), new RandomStream('uids'));
  readonly events: EventRecorder;
  readonly kubelet = undefined as unknown as Kubelet;
  readonly images = undefined as unknown as ImageCatalogue;
  readonly cwd = '/';
  readonly files = new Map<string, string>();
  private readonly script: { at: number; write: () => void }[] = [];

  constructor() {
    const involved = (e: Stored) => (e as Stored<Event>).involvedObject?.uid;
    this.store.defineIndex('events', 'involvedUid', (e) => (involved(e) ? [involved(e)!] : []), involved);
    const uids = new RandomStream('event-uids');
    this.events = new EventRecorder(this.store, this.clock, () => uids.uuid());
    this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  }

  /** Schedules a write `afterMs` from now, to happen while a command waits. */
  at(afterMs: number, write: () => void): void {
    this.script.push({ at: this.clock.now() + afterMs, write });
    this.script.sort((a, b) => a.at - b.at);
  }

  /** Lets time pass (running the scripted writes due). */
  advance(ms: number): void {
    this.waitUntil(() => false, ms);
  }

  readFile(path: string): string {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
    return text;
  }

  reconcile(): void {}

  waitUntil(done: () => boolean, timeoutMs: number): boolean {
    const end = this.clock.now() + timeoutMs;
    for (;;) {
      if (done()) return true;
      const next = this.script[0];
      if (!next || next.at > end) break;
      this.script.shift();
      this.clock.advanceTo(next.at);
      next.write();
    }
    this.clock.advanceTo(end);
    return done();
  }
}

/** Runs kubectl; the streams and exit code. */
export function kubectl(c: ScriptedCluster, argv: string[], io: KubectlIO = {}): { stdout: string; stderr: string; exitCode: number } {
  const { stdout, stderr, exitCode } = runKubectl(c, argv, io);
  return { stdout, stderr, exitCode };
}

/** One revision of a hand-made history: the image its template runs, and why it was made. */
export interface Revision {
  image: string;
  changeCause?: string;
  /** The ReplicaSet's spec.replicas and status.replicas (default 0). */
  replicas?: number;
}

/** pod-template-hash values in the controller's alphabet, one per revision. */
const HASHES = ['7c6cf4f8f9', '5d9c7b6f8d', '68b4fb58d4', '7d4b6c9f5b', '59c8f6d69d'];

/**
 * A Deployment `name` (app=name, one container `app`) whose template is `revisions[current]`,
 * with one ReplicaSet per revision made a second apart, as the controller leaves them: named
 * `<name>-<hash>`, controlled by the Deployment, their templates carrying the pod-template-hash
 * label, revision and replica annotations and the change-cause; the Deployment has the current
 * revision's number. Returns the Deployment.
 */
export function deploymentWithHistory(c: ScriptedCluster, name: string, revisions: Revision[], current = revisions.length - 1, replicas = 2): Stored<Deployment> {
  const template = (image: string) => ({ metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 80 }] }] } });
  const d = c.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name }, annotations: { 'deployment.kubernetes.io/revision': String(current + 1) } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: template(revisions[current].image) },
  });
  revisions.forEach((r, i) => {
    c.clock.advanceTo(c.clock.now() + 1000);
    const hash = HASHES[i];
    const rsTemplate = template(r.image);
    rsTemplate.metadata.labels = { app: name, 'pod-template-hash': hash } as { app: string };
    const rs = c.api.create<ReplicaSet>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        labels: { app: name, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + 1),
          'deployment.kubernetes.io/revision': String(i + 1),
          ...(r.changeCause ? { 'kubernetes.io/change-cause': r.changeCause } : {}),
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: r.replicas ?? 0, selector: { matchLabels: { app: name, 'pod-template-hash': hash } }, template: rsTemplate },
    });
    c.api.patch('replicasets.apps', 'default', rs.metadata.name, 'merge', { status: { replicas: r.replicas ?? 0, observedGeneration: 1 } }, { subresource: 'status' });
  });
  return setStatus(c, name, { observedGeneration: d.metadata.generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas });
}

/** Writes a Deployment's status (the status subresource, as the controller does). */
export function setStatus(c: ScriptedCluster, name: string, status: DeploymentStatus): Stored<Deployment> {
  return c.api.patch<Deployment>('deployments.apps', 'default', name, 'merge', { status }, { subresource: 'status' });
}
