import type { Pod } from 'kubernetes-types/core/v1.js';
import { addQuantity, parseQuantity, type Quantity } from './quantity.ts';

export type ResourceList = Map<string, Quantity>;

/**
 * PodRequestsAndLimits (kubectl pkg/util/resource/resource.go): containers' requests and limits
 * summed; each init container runs alone, so the pod needs at least the largest of them (plus the
 * restartable sidecars started before it); sidecars (restartPolicy Always) run alongside and add
 * up; pod overhead is added to requests, and to limits that are set.
 */
export function podRequestsAndLimits(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  return { requests: podTotals(pod, 'requests'), limits: podTotals(pod, 'limits') };
}

function podTotals(pod: Pod, which: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addResourceList(total, toList(c.resources?.[which]));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let own = toList(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      addResourceList(total, own);
      addResourceList(sidecars, own);
      own = sidecars;
    } else {
      const tmp: ResourceList = new Map();
      addResourceList(tmp, own);
      addResourceList(tmp, sidecars);
      own = tmp;
    }
    maxResourceList(initMax, own);
  }
  maxResourceList(total, initMax);
  for (const [name, q] of toList(pod.spec?.overhead)) {
    const current = total.get(name);
    if (which === 'requests') total.set(name, current ? addQuantity(current, q) : q);
    else if (current && current.milli !== 0) total.set(name, addQuantity(current, q));
  }
  return total;
}

function toList(list: Record<string, string> | undefined): ResourceList {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
}

/** addResourceList: a missing entry takes the addend (and its format). */
export function addResourceList(list: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) {
    const current = list.get(name);
    list.set(name, current ? addQuantity(current, q) : q);
  }
}

function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = list.get(name);
    if (!current || q.milli > current.milli) list.set(name, q);
  }
}
