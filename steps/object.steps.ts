import { Then } from '@cucumber/cucumber';
import yaml from 'js-yaml';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Selector } from '../src/api/labels.ts';
import { isPodActive } from '../src/api/pod-util.ts';
import { groupResource } from '../src/api/registry.ts';
import type { Stored } from '../src/store/object.ts';
import { describeMismatches, mismatches, nearest } from './support/partial-match.ts';
import type { KubespecWorld } from './world.ts';

function resourceOf(world: KubespecWorld, kind: string): string {
  const k = world.cluster.api.kinds.resolve(kind);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return groupResource(k);
}

/** Pods that `kubectl get pods` would count as alive: not terminating, not finished. */
function livePods(world: KubespecWorld, selector: string): Stored<Pod>[] {
  return world.cluster.store.select<Pod>('pods', 'default', Selector.parse(world.expand(selector))).filter(isPodActive);
}

// Counts live pods (not terminating, not finished) in `default` matching a label selector.
Then('{int} pod(s) match(es) {string}', function (this: KubespecWorld, count: number, selector: string) {
  const pods = livePods(this, selector);
  if (pods.length !== count) throw new Error(`expected ${count} live pods matching ${selector}, found ${pods.length}: ${pods.map((p) => p.metadata.name).join(', ')}`);
});

// Counts live pods matching a selector whose first container runs this image.
Then('{int} pod(s) match(es) {string} with image {string}', function (this: KubespecWorld, count: number, selector: string, image: string) {
  const pods = livePods(this, selector).filter((p) => p.spec?.containers?.[0]?.image === image);
  if (pods.length !== count) throw new Error(`expected ${count} live pods matching ${selector} with image ${image}, found ${pods.length}: ${pods.map((p) => p.metadata.name).join(', ')}`);
});

// The object has at least the fields of the YAML doc string (a partial match).
Then('the {kind} {string} has:', function (this: KubespecWorld, kind: string, name: string, text: string) {
  const obj = this.cluster.api.tryGet(resourceOf(this, kind), 'default', this.expand(name));
  if (!obj) throw new Error(`${kind} ${name} does not exist`);
  const ms = mismatches(yaml.load(this.expand(text)), obj);
  if (ms.length) throw new Error(`${kind} ${name} differs:\n${describeMismatches(ms)}`);
});

// No such object exists.
Then('the {kind} {string} does not exist', function (this: KubespecWorld, kind: string, name: string) {
  const obj = this.cluster.api.tryGet(resourceOf(this, kind), 'default', this.expand(name));
  if (obj) throw new Error(`${kind} ${name} exists`);
});

// Every live pod matching the selector has the fields of the YAML doc string.
Then('every pod matching {string} has:', function (this: KubespecWorld, selector: string, text: string) {
  const expected = yaml.load(this.expand(text));
  const pods = livePods(this, selector);
  if (pods.length === 0) throw new Error(`no live pod matches ${selector}`);
  for (const pod of pods) {
    const ms = mismatches(expected, pod);
    if (ms.length) throw new Error(`pod ${pod.metadata.name} differs:\n${describeMismatches(ms)}`);
  }
});

// Some live pod matching the selector has them; on failure the nearest one is shown with its differences.
Then('a pod matching {string} has:', function (this: KubespecWorld, selector: string, text: string) {
  const expected = yaml.load(this.expand(text));
  const pods = livePods(this, selector);
  const best = nearest(expected, pods, (p) => p);
  if (!best) throw new Error(`no live pod matches ${selector}`);
  if (best.mismatches.length) throw new Error(`no pod matching ${selector} has that; the nearest, ${best.candidate.metadata.name}, differs:\n${describeMismatches(best.mismatches)}`);
});

// Notes the store's resourceVersion, so a later step can check that nothing was written since.
Then('I note the state of the cluster', function (this: KubespecWorld) {
  this.notedVersion = this.cluster.store.resourceVersion;
});

// Nothing was written to the cluster since the state was noted (a rejected request changes nothing).
Then('the cluster is unchanged', function (this: KubespecWorld) {
  if (this.notedVersion === undefined) throw new Error('note the state of the cluster first');
  const changes = this.cluster.store.history.filter((e) => e.resourceVersion > this.notedVersion!);
  if (changes.length) throw new Error(`the cluster changed:\n${changes.map((e) => `${e.type} ${e.resource} ${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`).join('\n')}`);
});
