import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { StatusError } from '../../api/errors.ts';
import type { Selector } from '../../api/labels.ts';
import { controllerOf, type Stored } from '../../store/object.ts';
import type { ControllerContext } from '../context.ts';
import { canonicalJson, computeHash } from '../deployment/hash.ts';
import { HASH_LABEL } from './util.ts';

/**
 * The DaemonSet's revision history (pkg/controller/daemon/update.go: constructHistory,
 * controlledHistories, snapshot, dedupCurHistories, cleanupHistory, Match, getPatch): one
 * ControllerRevision per distinct pod template, named `<ds>-<hash>`, whose data is the strategic
 * merge patch that restores the template and whose revision numbers order them.
 */

export const REVISIONS = 'controllerrevisions.apps';
export const DAEMON_SETS = 'daemonsets.apps';
export const COMPONENT = 'daemonset-controller';

type Revision = Stored<ControllerRevision>;

/**
 * getPatch: `{"spec":{"template":{…,"$patch":"replace"}}}`, what `kubectl rollout undo` applies
 * to bring the template back. kubectl (polymorphichelpers/rollback.go) makes the same patch.
 */
export function templatePatch(ds: DaemonSet): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...structuredClone(ds.spec?.template ?? {}), $patch: 'replace' } } };
}

/** The patch as JSON with sorted keys (json.Marshal of the map), per template and per revision data. */
const texts = new WeakMap<object, string>();

function textOf(key: object, make: () => unknown): string {
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = canonicalJson(make())));
  return text;
}

/** Match: the revision's data is this DaemonSet's template patch, byte for byte. */
export function matchesRevision(ds: DaemonSet, history: ControllerRevision): boolean {
  const template = ds.spec?.template ?? {};
  const data = history.data as object | undefined;
  if (!data || typeof data !== 'object') return false;
  return textOf(template, () => templatePatch(ds)) === textOf(data, () => data);
}

export function controllerRefOf(ds: Stored<DaemonSet>): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/**
 * controlledHistories: ClaimControllerRevisions over the namespace's revisions: ours that still
 * match the selector, ours that no longer do released, matching orphans adopted.
 */
function controlledHistories(ctx: ControllerContext, ds: Stored<DaemonSet>, selector: Selector): Revision[] {
  const ns = ds.metadata.namespace;
  const claimed: Revision[] = [];
  const patchOwner = (h: Revision, ref: OwnerReference | { $patch: 'delete'; uid: string }) =>
    ctx.api.patch<ControllerRevision>(REVISIONS, ns, h.metadata.name, 'strategic', { metadata: { ownerReferences: [ref], uid: h.metadata.uid } }, { fieldManager: COMPONENT });
  for (const h of ctx.store.byIndex<ControllerRevision>(REVISIONS, 'controller', ds.metadata.uid)) {
    if (h.metadata.namespace !== ns) continue;
    if (selector.matches(h.metadata.labels)) claimed.push(h);
    else ignoreNotFound(() => patchOwner(h, { $patch: 'delete', uid: ds.metadata.uid }));
  }
  for (const h of ctx.store.select<ControllerRevision>(REVISIONS, ns, selector)) {
    if (controllerOf(h) || h.metadata.deletionTimestamp) continue;
    const adopted = ignoreNotFound(() => patchOwner(h, controllerRefOf(ds)));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function ignoreNotFound<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StatusError && e.reason === 'NotFound') return undefined;
    throw e;
  }
}

/**
 * constructHistory: the revisions this DaemonSet controls, split into the current one (whose data
 * matches the template) and the old ones. The current one is created (snapshot) when missing,
 * deduplicated when there are several, and renumbered past the old ones when an old template
 * came back (a rollback). Revisions missing the hash label get their name as hash.
 */
export function constructHistory(ctx: ControllerContext, ds: Stored<DaemonSet>, selector: Selector): { cur: Revision; old: Revision[] } {
  const current: Revision[] = [];
  const old: Revision[] = [];
  for (let history of controlledHistories(ctx, ds, selector)) {
    if (history.metadata.labels?.[HASH_LABEL] === undefined) {
      history = ctx.api.update<ControllerRevision>({ ...history, metadata: { ...history.metadata, labels: { ...history.metadata.labels, [HASH_LABEL]: history.metadata.name } } });
    }
    (matchesRevision(ds, history) ? current : old).push(history);
  }
  const nextRevision = maxRevision(old) + 1;
  if (current.length === 0) return { cur: snapshot(ctx, ds, nextRevision), old };
  let cur = dedupCurrentHistories(ctx, ds, current, selector);
  if ((cur.revision ?? 0) < nextRevision) cur = ctx.api.update<ControllerRevision>({ ...cur, revision: nextRevision });
  return { cur, old };
}

export function maxRevision(histories: readonly ControllerRevision[]): number {
  let max = 0;
  for (const h of histories) max = Math.max(max, h.revision ?? 0);
  return max;
}

/**
 * snapshot: a new revision `<ds>-<hash of the template and collisionCount>`, labelled with the
 * template's labels and the hash, annotated as the DaemonSet is. A name taken by a revision with
 * other data is a hash collision: collisionCount goes up (so the next hash differs) and the
 * sync fails, to be retried.
 */
function snapshot(ctx: ControllerContext, ds: Stored<DaemonSet>, revision: number): Revision {
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const history: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ds.metadata.namespace,
      labels: { ...ds.spec?.template?.metadata?.labels, [HASH_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [controllerRefOf(ds)],
    },
    data: templatePatch(ds),
    revision,
  };
  try {
    return ctx.api.create(history, { fieldManager: COMPONENT });
  } catch (e) {
    if (!(e instanceof StatusError && e.reason === 'AlreadyExists')) throw e;
    const existing = ctx.api.get<ControllerRevision>(REVISIONS, ds.metadata.namespace, name);
    if (matchesRevision(ds, existing)) return existing;
    const fresh = ctx.api.get<DaemonSet>(DAEMON_SETS, ds.metadata.namespace, ds.metadata.name);
    if (fresh.status?.collisionCount !== ds.status?.collisionCount) {
      throw new StatusError('Conflict', `found a stale collision count (${ds.status?.collisionCount ?? '<nil>'}, expected ${fresh.status?.collisionCount ?? '<nil>'}) of DaemonSet "${ds.metadata.name}" while processing; will retry until it is updated`);
    }
    ctx.api.updateStatus({ ...fresh, status: { ...fresh.status!, collisionCount: (fresh.status?.collisionCount ?? 0) + 1 } }, { fieldManager: COMPONENT });
    throw e;
  }
}

/**
 * dedupCurHistories: of several revisions with the current template, the one with the highest
 * revision stays; pods labelled with another hash are relabelled to its hash, the rest deleted.
 */
function dedupCurrentHistories(ctx: ControllerContext, ds: Stored<DaemonSet>, current: Revision[], selector: Selector): Revision {
  if (current.length === 1) return current[0];
  let keep = current[0];
  for (const h of current) if ((h.revision ?? 0) >= (keep.revision ?? 0)) keep = h;
  const hash = keep.metadata.labels?.[HASH_LABEL] ?? '';
  for (const pod of ownedPods(ctx, ds, selector)) {
    if (pod.metadata.labels?.[HASH_LABEL] !== hash) ctx.api.patch('pods', pod.metadata.namespace, pod.metadata.name, 'merge', { metadata: { labels: { [HASH_LABEL]: hash } } });
  }
  for (const h of current) if (h !== keep) ctx.api.delete(REVISIONS, h.metadata.namespace, h.metadata.name);
  return keep;
}

/** The pods this DaemonSet controls that its selector matches (getDaemonPods without adopting). */
function ownedPods(ctx: ControllerContext, ds: Stored<DaemonSet>, selector: Selector): Stored<Pod>[] {
  return ctx.store.byIndex<Pod>('pods', 'controller', ds.metadata.uid).filter((p) => p.metadata.namespace === ds.metadata.namespace && selector.matches(p.metadata.labels));
}

/**
 * cleanupHistory: beyond revisionHistoryLimit old revisions, the oldest are deleted, except those
 * whose hash a pod still carries (finished pods included).
 */
export function cleanupHistory(ctx: ControllerContext, ds: Stored<DaemonSet>, old: Revision[], selector: Selector): void {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set<string>();
  for (const pod of ownedPods(ctx, ds, selector)) {
    const hash = pod.metadata.labels?.[HASH_LABEL];
    if (hash) liveHashes.add(hash);
  }
  for (const history of [...old].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))) {
    if (toKill <= 0) break;
    if (liveHashes.has(history.metadata.labels?.[HASH_LABEL] ?? '')) continue;
    ignoreNotFound(() => ctx.api.delete(REVISIONS, history.metadata.namespace, history.metadata.name));
    toKill--;
  }
}
