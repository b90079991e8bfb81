import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../store/object.ts';
import { HPA_SYNC_PERIOD_MS } from './horizontal.ts';

const S = 1000;
const HPA = 'horizontalpodautoscalers.autoscaling';

/** A ReplicaSet `web` of myapp pods requesting 100m of CPU each. */
function withReplicaSet(replicas = 1): Cluster {
  const c = new Cluster();
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'ikubernetes/myapp:v1', resources: { requests: { cpu: '100m' } } }] } },
    },
  } as KubeObject);
  c.settle();
  return c;
}

function autoscale(c: Cluster, kind = 'ReplicaSet', spec: Record<string, unknown> = {}): void {
  c.api.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name: 'web' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...spec,
    },
  } as KubeObject);
  c.reconcile();
}

const hpa = (c: Cluster) => c.store.get<HorizontalPodAutoscaler>(HPA, 'default', 'web')!;
const replicas = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'web')!.spec!.replicas;
const events = (c: Cluster) => c.store.list<Event>('events', 'default').filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler').map((e) => `${e.type} ${e.reason}: ${e.message}`);
const conditions = (c: Cluster) => (hpa(c).status?.conditions ?? []).map((x) => `${x.type}=${x.status} ${x.reason}`);

test('the first look is one sync period after the autoscaler appears; settle() does not wait for it', () => {
  const c = withReplicaSet();
  autoscale(c);
  const created = c.clock.now();
  c.settle();
  assert.equal(c.clock.now(), created, 'only periodic timers are left: settle does not move the clock');
  assert.deepEqual(hpa(c).status, { currentMetrics: null, desiredReplicas: 0 });
  c.advance(HPA_SYNC_PERIOD_MS - 1);
  assert.equal(hpa(c).status?.currentReplicas, undefined);
  c.advance(1);
  assert.equal(hpa(c).status?.currentReplicas, 1);
  // The idle pod uses 1m of its 100m: 1% → ceil(0.02 × 1) = 1.
  assert.deepEqual(conditions(c), ['AbleToScale=True ReadyForNewScale', 'ScalingActive=True ValidMetricFound', 'ScalingLimited=False DesiredWithinRange']);
});

test('a full cycle: up under load within max, then down to min 5 minutes after the last high recommendation', () => {
  const c = withReplicaSet();
  autoscale(c);
  const t0 = c.clock.now();
  // 30 requests a second cost 300m: 300% of one pod's request, 6 pods' worth at 50%, capped at 5.
  c.kubelet.metrics.setTraffic('default', 'app=web', 30);
  c.advance(2 * 60 * S);
  assert.equal(replicas(c), 5);
  assert.deepEqual(conditions(c), ['AbleToScale=True ReadyForNewScale', 'ScalingActive=True ValidMetricFound', 'ScalingLimited=True TooManyReplicas']);
  assert.deepEqual(hpa(c).status?.currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 61, averageValue: '61m' } } }]);
  assert.equal(c.clock.now() - t0, 8 * HPA_SYNC_PERIOD_MS, 'the load stops right after a look that still saw it');
  c.kubelet.metrics.clearLoad('default', 'app=web');
  c.advance(5 * 60 * S);
  assert.equal(replicas(c), 5, 'the last recommendation of 5 is exactly 5 minutes old: still in the window');
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.equal(replicas(c), 1);
  assert.deepEqual(events(c), [
    'Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
    // Upstream words the reason before stabilization: the metrics (3 new pods without metrics
    // yet, counted at 0%) asked for no change, and the window's earlier 7 (max 5) made it 5.
    'Normal SuccessfulRescale: New size: 5; reason: ',
    'Normal SuccessfulRescale: New size: 1; reason: All metrics below target',
  ]);
  assert.equal(hpa(c).status?.lastScaleTime, c.clock.rfc3339());
});

test('a target below minReplicas is raised without looking at metrics', () => {
  const c = withReplicaSet();
  autoscale(c, 'ReplicaSet', { minReplicas: 3 });
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.equal(replicas(c), 3);
  assert.deepEqual(events(c), ['Normal SuccessfulRescale: New size: 3; reason: Current number of replicas below Spec.MinReplicas']);
  assert.equal(hpa(c).status?.currentMetrics, null);
});

test('a target scaled to zero disables autoscaling', () => {
  const c = withReplicaSet(0);
  autoscale(c);
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.deepEqual(conditions(c), ['AbleToScale=True SucceededGetScale', 'ScalingActive=False ScalingDisabled']);
  assert.equal(replicas(c), 0);
});

test('a missing target or an unknown kind: FailedGetScale', () => {
  const c = new Cluster();
  autoscale(c);
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.deepEqual(events(c), ['Warning FailedGetScale: replicasets.apps "web" not found']);
  assert.equal(hpa(c).status?.conditions?.[0].message, `the HPA controller was unable to get the target's current scale: replicasets.apps "web" not found`);
  const d = new Cluster();
  autoscale(d, 'Widget');
  d.advance(HPA_SYNC_PERIOD_MS);
  assert.deepEqual(events(d), ['Warning FailedGetScale: no matches for kind "Widget" in group "apps"']);
});

test('pods without metrics yet: ScalingActive False with the metrics client error', () => {
  const c = new Cluster();
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'ikubernetes/myapp:v1', resources: { requests: { cpu: '100m' } } }] } } },
  } as KubeObject);
  autoscale(c);
  // The pod starts within seconds but has run less than a metric window at the first look.
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.deepEqual(events(c), [
    'Warning FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    'Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
  ]);
  assert.deepEqual(hpa(c).status?.currentMetrics, [{ type: '' }]);
  assert.equal(hpa(c).status?.currentReplicas, 1);
});

test('a Deployment is scaled through its scale subresource', () => {
  const c = new Cluster();
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'ikubernetes/myapp:v1', resources: { requests: { cpu: '100m' } } }] } } },
  } as KubeObject);
  c.settle();
  autoscale(c, 'Deployment', { minReplicas: 2 });
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.equal(c.store.get<Deployment>('deployments.apps', 'default', 'web')!.spec?.replicas, 2);
});

test('a deleted autoscaler is forgotten: no more looks', () => {
  const c = withReplicaSet();
  autoscale(c);
  c.advance(HPA_SYNC_PERIOD_MS);
  c.api.delete(HPA, 'default', 'web');
  c.reconcile();
  const before = c.store.resourceVersion;
  c.kubelet.metrics.setPodUsage('default', 'app=web', { cpu: 500 });
  c.advance(5 * 60 * S);
  assert.equal(replicas(c), 1);
  assert.equal(c.store.resourceVersion, before);
});

test('a behavior: one pod a minute, and the stabilization window it names', () => {
  const c = withReplicaSet();
  autoscale(c, 'ReplicaSet', { behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }, scaleDown: { stabilizationWindowSeconds: 60 } } });
  c.kubelet.metrics.setPodUsage('default', 'app=web', { cpu: 200 });
  c.advance(HPA_SYNC_PERIOD_MS);
  assert.equal(replicas(c), 2);
  c.advance(59 * S);
  assert.equal(replicas(c), 2);
  c.advance(S);
  assert.equal(replicas(c), 3);
  c.kubelet.metrics.clearLoad('default', 'app=web');
  c.advance(60 * S);
  assert.equal(replicas(c), 3, 'a minute of low recommendations, but the window holds the last high one');
  c.advance(2 * HPA_SYNC_PERIOD_MS);
  assert.equal(replicas(c), 1);
});

test('two autoscalers over the same pods: the second is refused with AmbiguousSelector', () => {
  const c = withReplicaSet();
  autoscale(c);
  c.advance(HPA_SYNC_PERIOD_MS);
  c.api.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'other' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web' }, maxReplicas: 3 } } as KubeObject);
  c.advance(HPA_SYNC_PERIOD_MS);
  const other = c.store.get<HorizontalPodAutoscaler>(HPA, 'default', 'other')!;
  assert.equal(other.status?.conditions?.find((x) => x.type === 'ScalingActive')?.message, 'pods by selector app=web are controlled by multiple HPAs: [{other default} {web default}]');
});
