import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import { canonicalJson } from '../../../controllers/deployment/hash.ts';
import { Selector } from '../../../api/labels.ts';
import { applyPatch } from '../../../api/patch/index.ts';
import { controllerOf, type Stored } from '../../../store/object.ts';
import type { KubectlContext } from '../../context.ts';

/**
 * What `kubectl rollout history|undo` read of a DaemonSet's revisions
 * (kubectl pkg/polymorphichelpers/history.go daemonSetHistory, applyDaemonSetHistory;
 * rollback.go daemonSetMatch, findHistory): the ControllerRevisions its selector matches and it
 * controls, each of which restores a template by a strategic merge patch.
 */

/** daemonSetHistory: the DaemonSet and the revisions it controls, listed with its selector. */
export function daemonSetHistory(ctx: KubectlContext, namespace: string | undefined, name: string): { ds: Stored<DaemonSet>; history: Stored<ControllerRevision>[] } {
  let ds: Stored<DaemonSet>;
  try {
    ds = ctx.api.get<DaemonSet>('daemonsets.apps', namespace, name);
  } catch (e) {
    throw new Error(`failed to retrieve DaemonSet ${name}: ${(e as Error).message}`);
  }
  let selector: Selector;
  try {
    selector = Selector.fromLabelSelector(ds.spec?.selector);
  } catch (e) {
    throw new Error(`failed to create selector for DaemonSet ${ds.metadata.name}: ${(e as Error).message}`);
  }
  const history = ctx.api.list<ControllerRevision>('controllerrevisions.apps', ds.metadata.namespace, { labelSelector: selector }).filter((h) => controllerOf(h)?.uid === ds.metadata.uid);
  return { ds, history };
}

/** applyDaemonSetHistory: the DaemonSet as the revision would make it. */
export function applyDaemonSetHistory(ds: Stored<DaemonSet>, history: ControllerRevision): Stored<DaemonSet> {
  return applyPatch(ds, 'strategic', history.data) as Stored<DaemonSet>;
}

/** daemonSetMatch: the revision's data is the patch of the DaemonSet's current template. */
export function daemonSetMatches(ds: DaemonSet, history: ControllerRevision): boolean {
  const patch = { spec: { template: { ...ds.spec?.template, $patch: 'replace' } } };
  return canonicalJson(patch) === canonicalJson(history.data);
}

/**
 * findHistory: the revision asked for, or for 0 the one before the latest (undefined when there
 * is no such revision).
 */
export function findHistory<T extends ControllerRevision>(toRevision: number, all: readonly T[]): T | undefined {
  if (toRevision === 0) {
    if (all.length <= 1) return undefined;
    return [...all].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))[all.length - 2];
  }
  return all.find((h) => (h.revision ?? 0) === toRevision);
}

/** Revisions by number, a later one taking a number an earlier one also has (printHistory's map). */
export function byRevision<T extends ControllerRevision>(history: readonly T[]): Map<number, T> {
  const map = new Map<number, T>();
  for (const h of history) map.set(h.revision ?? 0, h);
  return map;
}
