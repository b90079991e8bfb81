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

Then('{int} pod(s) match(es) {string}', function (this: KubespecWorld, count: number, selector: string) {
  const pods = livePods(this, selector);
  if (pods.length !== count) throw new Error(`expected ${count} live pods matching ${selector}, found ${pods.length}: ${pods.map((p) => p.metadata.name).join(', ')}`);
});

Then('the {kind} {string} has:', function (this: KubespecWorld, kind: string, name: string, text: string) {
  const obj = this.cluster.api.tryGet(resourceOf(this, kind), 'default', this.expand(name));
  if (!obj) throw new Error(`${kind} ${name} does not exist`);
  const ms = mismatches(yaml.load(this.expand(text)), obj);
  if (ms.length) throw new Error(`${kind} ${name} differs:\n${describeMismatches(ms)}`);
});

Then('the {kind} {string} does not exist', function (this: KubespecWorld, kind: string, name: string) {
  const obj = this.cluster.api.tryGet(resourceOf(this, kind), 'default', this.expand(name));
  if (obj) throw new Error(`${kind} ${name} exists`);
});

Then('every pod matching {string} has:', function (this: KubespecWorld, selector: string, text: string) {
  const expected = yaml.load(this.expand(text));
  const pods = livePods(this, selector);
  if (pods.length === 0) throw new Error(`no live pod matches ${selector}`);
  for (const pod of pods) {
    const ms = mismatches(expected, pod);
    if (ms.length) throw new Error(`pod ${pod.metadata.name} differs:\n${describeMismatches(ms)}`);
  }
});

Then('a pod matching {string} has:', function (this: KubespecWorld, selector: string, text: string) {
  const expected = yaml.load(this.expand(text));
  const pods = livePods(this, selector);
  const best = nearest(expected, pods, (p) => p);
  if (!best) throw new Error(`no live pod matches ${selector}`);
  if (best.mismatches.length) throw new Error(`no pod matching ${selector} has that; the nearest, ${best.candidate.metadata.name}, differs:\n${describeMismatches(best.mismatches)}`);
});
