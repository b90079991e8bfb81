import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Namespace, Node, Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import { Selector } from '../../api/labels.ts';
import { isPodTerminal } from '../../api/pod-util.ts';
import type { Stored } from '../../store/object.ts';
import type { KubectlContext } from '../context.ts';
import { replicaSetsOf } from '../deployment-util.ts';
import { describeCronJob } from './cronjob.ts';
import { describeDaemonSet } from './daemonset.ts';
import { describeDeployment } from './deployment.ts';
import { searchEvents, searchNodeEvents } from './events.ts';
import { byString } from './format.ts';
import { describeHorizontalPodAutoscaler } from './hpa.ts';
import { describeJob } from './job.ts';
import { describeNamespace } from './namespace.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { controllerSelector, describeReplicaSet, podCountsFor } from './replica-set.ts';

/** DescriberSettings: what `kubectl describe` flags pass to every describer. */
export interface DescriberSettings {
  showEvents: boolean;
}

/** Reads what it needs from the cluster and renders one object. */
export type Describer = (ctx: KubectlContext, obj: Stored, settings: DescriberSettings) => string;

const describeReplicaSetLike: Describer = (ctx, obj, settings) => {
  const owner = obj as Stored<ReplicaSet> | Stored<ReplicationController>;
  const counts = podCountsFor(ctx, owner.metadata.namespace, controllerSelector(owner, owner.kind), owner.metadata.uid);
  return describeReplicaSet(owner, counts, settings.showEvents ? searchEvents(ctx, owner) : undefined, ctx.clock.now());
};

/** describerMap (describe.go), by group-qualified resource, for the kinds kubespec describes. */
const DESCRIBERS: Record<string, Describer> = {
  pods: (ctx, obj, settings) => describePod(obj as Stored<Pod>, settings.showEvents ? searchEvents(ctx, obj) : undefined, ctx.clock.now()),
  'replicasets.apps': describeReplicaSetLike,
  replicationcontrollers: describeReplicaSetLike,
  'daemonsets.apps': (ctx, obj, settings) => {
    const ds = obj as Stored<DaemonSet>;
    const counts = podCountsFor(ctx, ds.metadata.namespace, Selector.fromLabelSelector(ds.spec?.selector), ds.metadata.uid);
    return describeDaemonSet(ds, counts, settings.showEvents ? searchEvents(ctx, obj) : undefined, ctx.clock.now());
  },
  'deployments.apps': (ctx, obj, settings) =>
    describeDeployment(obj as Stored<Deployment>, replicaSetsOf(ctx, obj as Stored<Deployment>), settings.showEvents ? searchEvents(ctx, obj) : undefined, ctx.clock.now()),
  nodes: (ctx, obj, settings) => {
    // The field selector spec.nodeName=<node>,status.phase!=Succeeded,status.phase!=Failed over all
    // namespaces; the list comes back in etcd key order, namespace then name.
    const pods = ctx.store
      .byIndex<Pod>('pods', 'node', obj.metadata.name)
      .filter((p) => !isPodTerminal(p))
      .sort((a, b) => byString(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byString(a.metadata.name, b.metadata.name));
    const now = ctx.clock.now();
    return describeNode(obj as Stored<Node>, pods, settings.showEvents ? searchNodeEvents(ctx, obj) : undefined, now, ctx.kubelet.leases.renewTime(obj.metadata.name, now));
  },
  namespaces: (_ctx, obj) => describeNamespace(obj as Stored<Namespace>),
  'jobs.batch': (ctx, obj, settings) => describeJob(obj as Stored<Job>, settings.showEvents ? searchEvents(ctx, obj) : undefined, ctx.clock.now()),
  'cronjobs.batch': (ctx, obj, settings) => describeCronJob(obj as Stored<CronJob>, settings.showEvents ? searchEvents(ctx, obj) : undefined, ctx.clock.now()),
  'horizontalpodautoscalers.autoscaling': (ctx, obj, settings) =>
    describeHorizontalPodAutoscaler(obj as Stored<HorizontalPodAutoscaler>, settings.showEvents ? searchEvents(ctx, obj) : undefined, ctx.clock.now()),
};

/** The describer for a resource, if kubespec has one. */
export function describerFor(groupResource: string): Describer | undefined {
  return DESCRIBERS[groupResource];
}
